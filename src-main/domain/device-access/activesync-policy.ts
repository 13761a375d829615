/**
 * Is ActiveSync off for this mailbox on purpose (facts F38)? Then "Enable ActiveSync" is a policy
 * decision for the Exchange administrators, not a fix tier 1 makes.
 *
 * Two signals, either one enough:
 * - Get-CASMailboxPlan: `Set-CASMailboxPlan -ActiveSyncEnabled $false` turns EAS off for every NEW
 *   mailbox of that licence (documented). Which plan this mailbox came from is not read (Get-Mailbox
 *   MailboxPlan), so any plan with ActiveSync off counts: when in doubt, escalate rather than undo
 *   a policy. Whether changing a plan changes existing mailboxes is not documented (unverified).
 * - Most user mailboxes have it off too: of the first user mailboxes Exchange lists (a sample, not
 *   the whole tenant: enough to tell "most" on any size of tenant), other than this one. Shared,
 *   room and equipment mailboxes, where it is often off for good reason, are not counted.
 */
export interface CasMailboxPlanInput {
  readonly Name?: string | null;
  readonly DisplayName?: string | null;
  readonly ActiveSyncEnabled?: boolean | null;
}

/** Counts from Get-CASMailbox -RecipientTypeDetails UserMailbox -ResultSize `limit`, this mailbox left out. */
export interface ActiveSyncPeerCountInput {
  readonly limit: number;
  readonly read: number;
  readonly activeSyncOff: number;
  /** All the tenant's user mailboxes were read (fewer than `limit` came back); absent means not known. */
  readonly all?: boolean;
}

/** Fewer other mailboxes than this say nothing about "most people here". */
const MIN_PEERS = 5;

/** Why ActiveSync being off is an organisation decision, in plain words, and which read says so. */
export interface OffByPolicy {
  readonly because: string;
  readonly source: 'plans' | 'peers';
}

export function activeSyncOffByPolicy(plans: readonly CasMailboxPlanInput[] | undefined, peers?: ActiveSyncPeerCountInput): OffByPolicy | undefined {
  const byPlan = offByPlan(plans);
  if (byPlan !== undefined) return { because: byPlan, source: 'plans' };
  if (peers === undefined || peers.read < MIN_PEERS || peers.activeSyncOff * 2 <= peers.read) return undefined;
  const scope = peers.all === true ? `the ${peers.read} other user mailboxes` : `the first ${peers.read} other user mailboxes Exchange listed`;
  return { because: `${peers.activeSyncOff} of ${scope} have ActiveSync off too, so it is off for most people here, not by mistake for this one`, source: 'peers' };
}

function offByPlan(plans: readonly CasMailboxPlanInput[] | undefined): string | undefined {
  if (plans === undefined || plans.length === 0) return undefined;
  const off = plans.filter((plan) => plan.ActiveSyncEnabled === false);
  if (off.length === 0) return undefined;
  const names = off.map((plan) => plan.DisplayName || plan.Name || 'unnamed').join(', ');
  return off.length === plans.length
    ? `every CAS mailbox plan (${names}) turns ActiveSync off for new mailboxes`
    : `the CAS mailbox plan ${names} turns ActiveSync off for new mailboxes of that licence`;
}
