import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { Result } from '../../src-main/shared/ipc/result';
import type {
  ActionPreview,
  CaseView,
  Reanalysis,
  WizardAction,
  WizardStepId,
} from '../../src-main/shared/models/wizard';
import type { StartCaseInput } from '../logic/new-case-form';
import type { RequestOf } from '../../src-main/shared/ipc/contract';
import { describeFailure } from '../logic/result';
import type { WizardPlace } from '../logic/steps';

/** The confirmation dialog's state for one action: preview first, then run only once confirmed. */
export interface PendingAction {
  action: WizardAction;
  status: 'previewing' | 'ready' | 'running' | 'failed';
  preview?: ActionPreview;
  error?: string;
}

/** The raw-evidence dialog's state. The text is shown as text, never as HTML. */
export interface OpenEvidence {
  id: string;
  label: string;
  status: 'loading' | 'ready' | 'failed';
  text?: string;
  truncated?: boolean;
  contentType?: string;
  error?: string;
}

export interface CaseState {
  /** The main process's latest snapshot of the open case; replaced whole on every update. */
  view: CaseView | null;
  /** The wall-clock time the view arrived: the case's clock runs on from its snapshot there. */
  viewReceivedAt: number;
  place: WizardPlace;
  /** A case is being started or opened. */
  opening: boolean;
  /** The last failure that is not tied to one step, in operator words. */
  error: string | null;
  /** Failures of the run/cancel calls themselves (the step's own failure is in the view). */
  stepErrors: Partial<Record<WizardStepId, string>>;
  pendingAction: PendingAction | null;
  evidence: OpenEvidence | null;
  exported: { filePath: string; size: number; redacted: boolean } | null;
  exporting: boolean;
  /** The report saved as a PDF (desktop app), or why not. */
  pdf: { status: 'saving' | 'saved' | 'failed'; filePath?: string; error?: string } | null;
  /** Result of re-running this version's analysis over the case's saved evidence. */
  reanalysis: { status: 'running' | 'ready' | 'failed'; result?: Reanalysis; error?: string } | null;
  /** Training mode for this demo case: the scenario's story stays hidden until the summary is reached. */
  training: { revealed: boolean } | null;

  startCase(input: StartCaseInput, options?: { training?: boolean }): Promise<boolean>;
  /** The trainee reached the summary: the story may be shown from now on. */
  revealTraining(): void;
  openCase(caseId: string): Promise<boolean>;
  /** Opens a bundle main's dialog picks (desktop) or one the browser uploaded (browser version). */
  importBundle(source: RequestOf<'importBundle'>): Promise<boolean>;
  closeCase(): void;
  goTo(place: WizardPlace): void;
  runStep(stepId: WizardStepId): Promise<void>;
  cancelStep(stepId: WizardStepId): Promise<void>;
  selectDevice(deviceId: string): Promise<void>;
  previewAction(action: WizardAction): Promise<void>;
  confirmAction(): Promise<boolean>;
  dismissAction(): void;
  showEvidence(evidenceId: string): Promise<void>;
  closeEvidence(): void;
  exportCase(redact: boolean): Promise<void>;
  reanalyse(): Promise<void>;
  exportPdf(): Promise<void>;
  clearError(): void;
}

/**
 * The open case, fed by IPC: every call that answers with a CaseView and every
 * `event:case-updated` push replaces the local copy, keeping whichever snapshot is newest so a
 * late reply never rolls the screen back.
 */
export function createCaseStore(api: EasApi): StoreApi<CaseState> {
  const store = createStore<CaseState>()((set, get) => {
    /** Accepts a snapshot of the open case unless a newer one is already shown. */
    const accept = (next: CaseView): void => {
      const current = get().view;
      if (current !== null && current.caseId === next.caseId && isOlder(next, current)) return;
      set({ view: next, viewReceivedAt: Date.now() });
    };

    const openWith = async (call: Promise<Result<CaseView>>, place: WizardPlace): Promise<boolean> => {
      set({ opening: true, error: null });
      const result = await call;
      if (!result.ok) {
        set({ opening: false, error: describeFailure(result) });
        return false;
      }
      set({
        view: result.value,
        viewReceivedAt: Date.now(),
        opening: false,
        place,
        stepErrors: {},
        pendingAction: null,
        evidence: null,
        exported: null,
        reanalysis: null,
        pdf: null,
        training: null,
      });
      return true;
    };

    return {
      view: null,
      viewReceivedAt: 0,
      place: 'start',
      opening: false,
      error: null,
      stepErrors: {},
      pendingAction: null,
      evidence: null,
      exported: null,
      exporting: false,
      reanalysis: null,
      pdf: null,
      training: null,

      // The main process runs the whole flow from here; the view follows its pushed snapshots.
      startCase: async (input, options = {}) => {
        const opened = await openWith(api.startCase(input), 'connect');
        if (opened && options.training === true && input.connection.kind === 'demo') set({ training: { revealed: false } });
        return opened;
      },
      revealTraining: () => {
        if (get().training !== null) set({ training: { revealed: true } });
      },
      // A case from the library or a bundle is for review: it opens on its summary.
      openCase: (caseId) => openWith(api.openCase({ caseId }), 'summary'),
      importBundle: async (source) => {
        const call = api.importBundle(source);
        const result = await call;
        // Closing the file dialog is not a failure worth a message.
        if (!result.ok && result.error.code === 'CANCELLED') return false;
        return openWith(Promise.resolve(result), 'summary');
      },

      closeCase: () =>
        set({
          view: null,
          place: 'start',
          stepErrors: {},
          pendingAction: null,
          evidence: null,
          exported: null,
          reanalysis: null,
          pdf: null,
          error: null,
          training: null,
        }),

      // Moving around only changes what is shown: the engine decides when steps run, and a
      // step that has not run offers "Run this step".
      goTo: (place) => set({ place }),

      runStep: async (stepId) => {
        const view = get().view;
        if (view === null || view.readOnly) return;
        set((s) => ({ stepErrors: { ...s.stepErrors, [stepId]: undefined } }));
        const result = await api.runStep({ caseId: view.caseId, stepId });
        if (result.ok) accept(result.value);
        else if (result.error.code !== 'CANCELLED')
          set((s) => ({ stepErrors: { ...s.stepErrors, [stepId]: describeFailure(result) } }));
      },

      cancelStep: async (stepId) => {
        const view = get().view;
        if (view === null) return;
        const result = await api.cancelStep({ caseId: view.caseId, stepId });
        if (result.ok) accept(result.value);
        else set((s) => ({ stepErrors: { ...s.stepErrors, [stepId]: describeFailure(result) } }));
      },

      selectDevice: async (deviceId) => {
        const view = get().view;
        if (view === null) return;
        const result = await api.selectDevice({ caseId: view.caseId, deviceId });
        if (result.ok) accept(result.value);
        else set({ error: describeFailure(result) });
      },

      previewAction: async (action) => {
        const view = get().view;
        if (view === null || view.readOnly) return;
        set({ pendingAction: { action, status: 'previewing' } });
        const result = await api.previewAction({ caseId: view.caseId, action });
        if (get().pendingAction?.action !== action) return; // dismissed meanwhile
        if (result.ok) set({ pendingAction: { action, status: 'ready', preview: result.value } });
        else set({ pendingAction: { action, status: 'failed', error: describeFailure(result) } });
      },

      confirmAction: async () => {
        const view = get().view;
        const pending = get().pendingAction;
        if (
          view === null ||
          pending === null ||
          pending.status !== 'ready' ||
          pending.preview?.allowed !== true
        )
          return false;
        set({ pendingAction: { ...pending, status: 'running' } });
        const result = await api.runAction({ caseId: view.caseId, action: pending.action, confirmed: true });
        if (result.ok) {
          accept(result.value);
          set({ pendingAction: null });
          return true;
        }
        set({ pendingAction: { ...pending, status: 'failed', error: describeFailure(result) } });
        return false;
      },

      dismissAction: () => {
        if (get().pendingAction?.status !== 'running') set({ pendingAction: null });
      },

      showEvidence: async (evidenceId) => {
        const view = get().view;
        if (view === null) return;
        const label = view.evidence.find((e) => e.id === evidenceId)?.label ?? evidenceId;
        set({ evidence: { id: evidenceId, label, status: 'loading' } });
        const result = await api.getEvidence({ caseId: view.caseId, evidenceId });
        if (get().evidence?.id !== evidenceId) return;
        if (result.ok) set({ evidence: { id: evidenceId, label, status: 'ready', ...result.value } });
        else set({ evidence: { id: evidenceId, label, status: 'failed', error: describeFailure(result) } });
      },

      closeEvidence: () => set({ evidence: null }),

      exportCase: async (redact) => {
        const view = get().view;
        if (view === null) return;
        set({ exporting: true, exported: null, error: null });
        const result = await api.exportCase({ caseId: view.caseId, redact });
        if (result.ok) set({ exporting: false, exported: { ...result.value, redacted: redact } });
        else set({ exporting: false, error: describeFailure(result) });
      },

      reanalyse: async () => {
        const view = get().view;
        if (view === null) return;
        set({ reanalysis: { status: 'running' } });
        const result = await api.reanalyseCase({ caseId: view.caseId });
        if (get().view?.caseId !== view.caseId) return;
        set({
          reanalysis: result.ok
            ? { status: 'ready', result: result.value }
            : { status: 'failed', error: describeFailure(result) },
        });
      },

      exportPdf: async () => {
        const view = get().view;
        if (view === null) return;
        set({ pdf: { status: 'saving' } });
        const result = await api.exportReportPdf({ caseId: view.caseId });
        set({
          pdf: result.ok
            ? { status: 'saved', filePath: result.value.filePath }
            : { status: 'failed', error: describeFailure(result) },
        });
      },

      clearError: () => set({ error: null }),
    };
  });

  api.onCaseUpdated((view) => {
    const current = store.getState().view;
    if (current === null || current.caseId !== view.caseId || isOlder(view, current)) return;
    store.setState({ view, viewReceivedAt: Date.now() });
  });
  return store;
}

function isOlder(candidate: CaseView, current: CaseView): boolean {
  return Date.parse(candidate.updatedAt) < Date.parse(current.updatedAt);
}
