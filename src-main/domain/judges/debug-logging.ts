import type { FindingDraft } from '../diagnosis/catalog';
import { DEBUG_LOGGING_HOURS } from '../evaluators/cas-mailbox';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { checkDraft, unreadableCheck, type StepJudgement } from './judgement';

/** The flag as read back, with the mailbox it belongs to. */
export interface DebugLoggingReadBack {
  ActiveSyncDebugLogging?: boolean | null;
  PrimarySmtpAddress?: string | null;
  Identity?: string | null;
}

/**
 * Debug logging, judged from the one read that tells the truth: Get-CASMailbox with
 * -ActiveSyncDebugLogging (without the switch it always reads False: facts F5).
 */
export function judgeDebugLogging(readBack: Evidence<DebugLoggingReadBack> | undefined, enabledAt: string | undefined): StepJudgement {
  const label = (on: boolean) => (on ? 'Debug logging is on for this mailbox' : 'Debug logging is off for this mailbox');
  if (readBack === undefined || isUnavailable(readBack)) {
    const reason = readBack === undefined ? 'This step has not run yet.' : readBack.unavailable;
    return {
      outcome: 'unavailable',
      summary: `The logging flag could not be read: ${reason}`,
      checks: [unreadableCheck('debug-logging', 'Whether debug logging is on is not known', EVIDENCE.debugLogging, reason)],
      findings: [],
    };
  }
  const enabled = readBack.ActiveSyncDebugLogging === true;
  const findings: FindingDraft[] = [];
  if (enabled) {
    const expires = enabledAt === undefined ? Number.NaN : Date.parse(enabledAt) + DEBUG_LOGGING_HOURS * 3_600_000;
    findings.push({
      code: 'DEBUG_LOGGING_ACTIVE',
      detail: Number.isNaN(expires)
        ? `It switches off ${DEBUG_LOGGING_HOURS} hours after it was turned on.`
        : `It switches off at about ${new Date(expires).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      evidence: [{ step: 'debug-logging', object: `mailbox ${readBack.PrimarySmtpAddress ?? readBack.Identity ?? ''}`.trim(), detail: 'ActiveSyncDebugLogging = True' }],
      confidence: 'high',
    });
  }
  const detail = enabled
    ? `Read back with Get-CASMailbox -ActiveSyncDebugLogging. Exchange Online turns it off by itself ${DEBUG_LOGGING_HOURS} hours after it was enabled.`
    : 'Exchange keeps no log of the phone’s requests while it is off. Turn it on, ask the user to reproduce the problem, then fetch the logs.';
  return {
    outcome: enabled ? 'ok' : 'warning',
    summary: enabled ? 'Debug logging is on: the phone’s requests are being recorded.' : 'Debug logging is off.',
    checks: [checkDraft('debug-logging', label(enabled), enabled ? 'ok' : 'warning', detail, [EVIDENCE.debugLogging])],
    findings,
  };
}
