import { rm } from 'node:fs/promises';
import type { CaseDocument } from '../../shared/models/case';
import type { CheckView, WizardStepId } from '../../shared/models/wizard';
import { evidenceFilePath } from '../cases/case-layout';
import type { CaseSession, StepResult } from '../flow/case-session';
import { check } from '../flow/step-context';
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

/** What the logs step shows after an import: one line per file, then the patterns found. */
function importResult(session: CaseSession, prepared: readonly PreparedEvidence[]): StepResult {
  const checks: CheckView[] = prepared.map((item, i) =>
    check(`import-${i + 1}`, `${item.kind === 'capture' ? 'Capture' : 'Log'} "${item.unitName}" was added`, 'info', `${item.entries} ActiveSync request(s); SHA-256 ${item.sha256.slice(0, 16)}…`),
  );
  const analysis = session.logAnalysis?.analysis;
  for (const pattern of analysis?.patterns ?? []) {
    checks.push(check(`pattern-${checks.length}`, 'Pattern in the log', pattern.kind === 'healthy' ? 'ok' : pattern.kind === 'sync-key-reset' ? 'info' : 'warning', pattern.summary));
  }
  const requests = analysis?.devices.reduce((n, d) => n + d.entryCount, 0) ?? 0;
  return {
    outcome: checks.some((c) => c.outcome === 'warning') ? 'warning' : 'info',
    summary: `Analysed ${requests} request(s) from ${analysis?.devices.length ?? 0} phone(s), from the files you added and any fetched logs.`,
    checks,
  };
}

/** The steps a case from files cannot run: they need a tenant. */
export const TENANT_STEPS: readonly WizardStepId[] = ['connect', 'mailbox', 'client-access-rules', 'conditional-access', 'authentication', 'debug-logging'];
export const NOT_RUN_OFFLINE = 'Not run: this case was started from files, without a tenant connection.';
