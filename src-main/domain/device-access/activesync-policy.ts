/**
 * Is ActiveSync off for this mailbox on purpose (facts F38)? Then "Enable ActiveSync" is a policy
 * decision for the Exchange administrators, not a fix tier 1 makes.
 *
 * The signal: Get-CASMailboxPlan. `Set-CASMailboxPlan -ActiveSyncEnabled $false` turns EAS off for
 * every NEW mailbox of that licence (documented). What the wizard does not know:
 * - which plan this mailbox was created from (Get-Mailbox MailboxPlan is not read), so any plan with
 *   ActiveSync off counts: when in doubt, escalate rather than undo a policy;
 * - whether most mailboxes of the tenant have it off (that needs a tenant-wide Get-CASMailbox,
 *   which the app does not run); a plan with it off is the documented way to get there.
 * Whether changing a plan also changes existing mailboxes is not documented (unverified); the
 * wizard never relies on it.
 */
export interface CasMailboxPlanInput {
  readonly Name?: string | null;
  readonly DisplayName?: string | null;
  readonly ActiveSyncEnabled?: boolean | null;
}

/** Why ActiveSync being off is an organisation decision, in plain words; undefined when nothing says so. */
export function activeSyncOffByPolicy(plans: readonly CasMailboxPlanInput[] | undefined): string | undefined {
  if (plans === undefined || plans.length === 0) return undefined;
  const off = plans.filter((plan) => plan.ActiveSyncEnabled === false);
  if (off.length === 0) return undefined;
  const names = off.map((plan) => plan.DisplayName || plan.Name || 'unnamed').join(', ');
  return off.length === plans.length
    ? `every CAS mailbox plan (${names}) turns ActiveSync off for new mailboxes`
    : `the CAS mailbox plan ${names} turns ActiveSync off for new mailboxes of that licence`;
}
