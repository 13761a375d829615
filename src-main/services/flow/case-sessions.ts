import { readFile } from 'node:fs/promises';
import type { EventHub } from '../../ipc/event-hub';
import type { CaseDocument } from '../../shared/models/case';
import { AppError } from '../../shared/ipc/result';
import { isWizardStepId } from '../../shared/models/steps';
import type { Outcome } from '../../shared/models/wizard';
import { evidenceFilePath } from '../cases/case-layout';
import type { CaseStore } from '../cases/case-store';
import { CaseSession } from './case-session';
import { buildCaseView } from './case-view';

/**
 * The cases the app has open, shared by the wizard (FlowEngine) and the case library: one
 * session per case, whichever of the two opened it, and one place that tells the renderer.
 */
export class CaseSessions {
  private readonly open = new Map<string, CaseSession>();

  constructor(
    readonly store: CaseStore,
    private readonly events: EventHub,
  ) {}

  find(caseId: string): CaseSession | undefined {
    return this.open.get(caseId);
  }

  get(caseId: string): CaseSession {
    const session = this.open.get(caseId);
    if (session === undefined) throw new AppError('NOT_FOUND', 'That case is not open. Open it from the case library.');
    return session;
  }

  writable(caseId: string): CaseSession {
    const session = this.get(caseId);
    if (session.readOnly) throw new AppError('CONFLICT', 'This case is open for review only; nothing can be run or changed.');
    return session;
  }

  /** Takes a case document into memory, with its saved steps as they were shown. */
  adopt(doc: CaseDocument, readOnly: boolean): CaseSession {
    const store = this.store;
    const session = new CaseSession(store, doc, readOnly, (fileName) => readFile(evidenceFilePath(store.folderOf(doc.id), fileName), 'utf8'));
    for (const saved of doc.steps) {
      if (!isWizardStepId(saved.id)) continue; // a step from another version of the app
      session.steps.set(saved.id, {
        status: saved.status === 'running' ? 'pending' : saved.status,
        ...(saved.startedAt ? { startedAt: saved.startedAt } : {}),
        ...(saved.finishedAt ? { finishedAt: saved.finishedAt } : {}),
        ...(saved.summary !== undefined || saved.checks !== undefined
          ? { result: { outcome: (saved.outcome ?? 'info') as Outcome, summary: saved.summary ?? '', checks: saved.checks ?? [] } }
          : {}),
        ...(saved.error ? { error: { code: saved.error.code ?? 'FAILED', message: saved.error.message } } : {}),
      });
    }
    this.open.set(doc.id, session);
    return session;
  }

  forget(caseId: string): void {
    this.open.delete(caseId);
  }

  emit(session: CaseSession): void {
    this.events.emit('onCaseUpdated', buildCaseView(session));
  }
}
