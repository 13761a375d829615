import type { FindingDraft } from '../diagnosis/catalog';
import type { CasMailboxInput } from './exchange-inputs';

/** Exchange Online turns debug logging off by itself after 48 hours (facts.md F4; 72 h is on-premises). */
export const DEBUG_LOGGING_HOURS = 48;

/** ActiveSyncEnabled for the mailbox (debug logging is judged by judges/debug-logging). */
export function evaluateCasMailbox(cas: CasMailboxInput): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const object = `mailbox ${cas.PrimarySmtpAddress ?? cas.Identity ?? ''}`.trim();
  if (cas.ActiveSyncEnabled === false) {
    drafts.push({
      code: 'EAS_DISABLED_FOR_MAILBOX',
      detail: 'Get-CASMailbox shows ActiveSyncEnabled = False.',
      evidence: [{ step: 'cas-mailbox', object, detail: 'ActiveSyncEnabled = False' }],
      confidence: 'high',
    });
  }
  return drafts;
}
