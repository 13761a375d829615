import { diagnose } from '../../domain/diagnosis/diagnose';
import { openFindings } from '../../domain/device-access/action-closure';
import type { CaseStore } from '../cases/case-store';
import type { AnalysisEngine } from '../cases/reanalyse/reanalyse-case';
import { CaseSession } from './case-session';
import { debugLoggingEnabledAt } from './case-view';
import { buildDiagnosisInput } from './diagnosis-input';
import { analyseCapturedLogs } from './steps/logs';

/**
 * The current analysis engine as the case library's re-analysis port: a saved or imported case's
 * raw evidence is read back exactly as the wizard captured it and diagnosed again, without
 * touching the case. Offline: no tenant, no sign-in.
 */
export function createCaseAnalysisEngine(store: CaseStore, version: string): AnalysisEngine {
  return {
    version,
    async analyse({ doc, openEvidence }) {
      const session = new CaseSession(store, doc, true, async (fileName) => {
        const item = doc.evidence.find((e) => e.fileName === fileName)!;
        const chunks: Buffer[] = [];
        for await (const chunk of openEvidence(item)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      });
      await session.restoreEvidence(parseEvidence);
      analyseCapturedLogs(session);
      // The session's clock is frozen at the last capture: the case is judged as it was then.
      // What the operator's actions fixed stays resolved, as in the live summary.
      return openFindings(diagnose(buildDiagnosisInput(session, debugLoggingEnabledAt(session))).findings, doc.closures ?? []);
    },
  };
}

/** Mailbox logs are text; every other capture is the JSON the cmdlet or Graph returned. */
export function parseEvidence(name: string, text: string): unknown {
  return name.startsWith('mailbox-log-') ? text : JSON.parse(text);
}
