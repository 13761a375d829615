import { rm } from 'node:fs/promises';
import type { CaseDocument } from '../../shared/models/case';
import { evidenceFilePath } from '../cases/case-layout';
import type { CaseSession, StepResult } from '../flow/case-session';
import { fromJudgement } from '../flow/step-context';
import { judgeImportedLogs } from '../../domain/judges/logs';
import { WIZARD_STEPS, type WizardStepId } from '../../shared/models/steps';
import { analyseCapturedLogs } from '../flow/steps/logs';
import { importedEvidenceName, importedSourceLabel } from './imported-evidence-names';
import type { PreparedEvidence } from './prepare-evidence';

/**
 * Attaches checked evidence to an open case, hashed and scrubbed like fetched evidence (the case
 * store writes it), then re-reads every log of the case. If any write fails, what this import
 * already attached is taken out again, so the case never holds half an import.
 */
export async function attachPreparedEvidence(session: CaseSession, caseFolder: string, prepared: readonly PreparedEvidence[]): Promise<StepResult> {
  const added: string[] = [];
  try {
    for (const item of prepared) {
      const name = importedEvidenceName(session.raw.keys());
      const captured = await session.capture(
        'logs',
        name,
        { kind: 'mailbox-log', source: importedSourceLabel(item.unitName, item.sha256, item.size), contentType: 'text/plain' },
        async () => item.text,
        (text) => text,
      );
      added.push(captured.evidenceId);
      if (!captured.available) throw new Error(captured.reason);
    }
  } catch (error) {
    await undo(session, caseFolder, added);
    throw error;
  }
  analyseCapturedLogs(session);
  return importResult(session, prepared);
}

async function undo(session: CaseSession, caseFolder: string, ids: readonly string[]): Promise<void> {
  const files = session.doc.evidence.filter((e) => ids.includes(e.id) && e.fileName !== undefined).map((e) => e.fileName as string);
  for (const [name, captured] of [...session.raw]) if (ids.includes(captured.evidenceId)) session.raw.delete(name);
  await session.mutate((doc: CaseDocument) => ({ ...doc, evidence: doc.evidence.filter((e) => !ids.includes(e.id)) })).catch(() => {});
  await Promise.all(files.map((f) => rm(evidenceFilePath(caseFolder, f), { force: true })));
}

/** What the logs step shows after an import, judged by the domain. */
function importResult(session: CaseSession, prepared: readonly PreparedEvidence[]): StepResult {
  const analysis = session.logAnalysis?.analysis;
  const imports = prepared.map((item) => ({ kind: item.kind === 'capture' ? ('capture' as const) : ('log' as const), name: item.unitName, entries: item.entries, sha256: item.sha256 }));
  return fromJudgement(session, judgeImportedLogs(analysis ?? { unavailable: 'No log could be read.' }, imports));
}

/** The steps a case from files cannot run: the step table says which need a tenant. */
export const TENANT_STEPS: readonly WizardStepId[] = WIZARD_STEPS.filter((s) => s.tenant).map((s) => s.id);
export const NOT_RUN_OFFLINE = 'Not run: this case was started from files, without a tenant connection.';
