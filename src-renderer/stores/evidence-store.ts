import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { EvidenceSourceRequest } from '../../src-main/shared/ipc/contract';
import type { CaseSubject } from '../../src-main/shared/models/case';
import type { CaseView } from '../../src-main/shared/models/wizard';
import { describeFailure } from '../logic/result';
import { uploadFiles } from '../logic/upload-files';
import type { CaseState } from './case-store';

export interface EvidenceImportState {
  status: 'idle' | 'working' | 'done' | 'failed';
  /** What was added, or what is wrong with which file, in operator words. */
  message: string | null;
  /** Adds files to the open case; without files, the desktop app's file dialog chooses them. */
  addToCase(files?: readonly File[]): Promise<void>;
  /** "I only have the logs": starts an offline case from files and opens it on its summary. */
  startFromFiles(subject: CaseSubject, files?: readonly File[]): Promise<boolean>;
  clear(): void;
}

/** Bringing files into a case: upload (browser host) or the native dialog (desktop), then the case view. */
export function createEvidenceStore(api: EasApi, kase: StoreApi<CaseState>): StoreApi<EvidenceImportState> {
  return createStore<EvidenceImportState>()((set) => {
    /** Where the files come from: uploads of the given files, or the main process's dialog. */
    const sourceOf = async (files: readonly File[] | undefined): Promise<EvidenceSourceRequest | string> => {
      if (files === undefined) return { kind: 'dialog' };
      if (files.length === 0) return 'No file was chosen.';
      const uploaded = await uploadFiles(api, files);
      return uploaded.ok ? { kind: 'uploads', uploadIds: uploaded.uploadIds } : uploaded.message;
    };

    return {
      status: 'idle',
      message: null,
      clear: () => set({ status: 'idle', message: null }),

      addToCase: async (files) => {
        const view = kase.getState().view;
        if (view === null || view.readOnly) return;
        set({ status: 'working', message: files === undefined ? null : `Uploading ${files.length} file(s)…` });
        const source = await sourceOf(files);
        if (typeof source === 'string') return set({ status: 'failed', message: source });
        const result = await api.addEvidence({ caseId: view.caseId, source });
        if (!result.ok) return set({ status: 'failed', message: describeFailure(result) });
        kase.setState({ view: result.value.view });
        const added = result.value.added;
        set(
          added.length === 0
            ? { status: 'idle', message: null }
            : { status: 'done', message: `Added ${added.map((a) => `${a.name} (${a.requests} request${a.requests === 1 ? '' : 's'})`).join(', ')}. The findings were updated.` },
        );
      },

      startFromFiles: async (subject, files) => {
        set({ status: 'working', message: files === undefined ? null : `Uploading ${files.length} file(s)…` });
        const source = await sourceOf(files);
        if (typeof source === 'string') {
          set({ status: 'failed', message: source });
          return false;
        }
        const result = await api.startCaseFromFiles({ subject, source });
        if (!result.ok) {
          set({ status: 'failed', message: describeFailure(result) });
          return false;
        }
        if (result.value === null) {
          set({ status: 'idle', message: null });
          return false;
        }
        openCase(kase, result.value);
        set({ status: 'idle', message: null });
        return true;
      },
    };
  });
}

function openCase(kase: StoreApi<CaseState>, view: CaseView): void {
  kase.setState({ view, place: 'summary', opening: false, error: null, stepErrors: {}, pendingAction: null, evidence: null, exported: null, reanalysis: null, pdf: null });
}
