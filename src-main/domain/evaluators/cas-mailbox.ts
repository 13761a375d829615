import type { FindingDraft } from '../diagnosis/catalog';
import type { CasMailboxInput } from './exchange-inputs';
import { activeSyncOffByPolicy, type ActiveSyncPeerCountInput, type CasMailboxPlanInput } from '../device-access/activesync-policy';

/** Exchange Online turns debug logging off by itself after 48 hours (facts.md F4; 72 h is on-premises). */
export const DEBUG_LOGGING_HOURS = 48;

/**
 * ActiveSyncEnabled for the mailbox (debug logging is judged by judges/debug-logging). Off because
 * of a CAS mailbox plan, or off for most user mailboxes (both read only when it is off), is a
 * policy, not a fault: EAS_OFF_BY_POLICY.
 */
export function evaluateCasMailbox(cas: CasMailboxInput, plans?: readonly CasMailboxPlanInput[], peers?: ActiveSyncPeerCountInput): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const object = `mailbox ${cas.PrimarySmtpAddress ?? cas.Identity ?? ''}`.trim();
  const policy = cas.ActiveSyncEnabled === false ? activeSyncOffByPolicy(plans, peers) : undefined;
  if (policy !== undefined) {
    const read = policy.source === 'plans' ? 'Get-CASMailboxPlan' : 'Get-CASMailbox of the first user mailboxes';
    drafts.push({
      code: 'EAS_OFF_BY_POLICY',
      detail: `Get-CASMailbox shows ActiveSyncEnabled = False, and ${policy.because} (${read}). The app does not turn it back on.`,
      evidence: [
        { step: 'cas-mailbox', object, detail: 'ActiveSyncEnabled = False' },
        { step: 'cas-mailbox', object: policy.source === 'plans' ? 'CAS mailbox plans' : 'other user mailboxes', detail: policy.because },
      ],
      confidence: 'high',
    });
  } else if (cas.ActiveSyncEnabled === false) {
    drafts.push({
      code: 'EAS_DISABLED_FOR_MAILBOX',
      detail: 'Get-CASMailbox shows ActiveSyncEnabled = False.',
      evidence: [{ step: 'cas-mailbox', object, detail: 'ActiveSyncEnabled = False' }],
      confidence: 'high',
    });
  }
  return drafts;
}
