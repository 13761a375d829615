/**
 * Names of the raw evidence the wizard captures. The first capture of a name is stored under the
 * name itself, re-runs as `name_2`, `name_3`…: device ids are letters and digits only (facts F19),
 * so the underscore never clashes with a name.
 */
export const EVIDENCE = {
  operatorRoles: 'operator-roles',
  operatorRoleEntries: 'operator-role-entries',
  recipient: 'recipient',
  userAccount: 'user-account',
  recipientMatches: 'recipient-matches',
  casMailbox: 'cas-mailbox',
  mobileDevices: 'mobile-devices',
  deviceStatistics: 'device-statistics',
  organizationSettings: 'org-settings',
  deviceAccessRules: 'device-access-rules',
  mobileDevicePolicies: 'mobile-device-policies',
  casMailboxPlans: 'cas-mailbox-plans',
  activeSyncPeers: 'activesync-peers',
  clientAccessRules: 'client-access-rules',
  conditionalAccess: 'ca-policies',
  memberships: 'user-memberships',
  signIns: 'sign-ins',
  whatIf: 'what-if',
  organizationConfig: 'organization-config',
  exchangeUser: 'exchange-user',
  authenticationPolicy: 'authentication-policy',
  debugLogging: 'debug-logging',
  mailboxLog: (deviceId: string) => `mailbox-log-${deviceId}`,
} as const;

export function evidenceIdFor(name: string, attempt: number): string {
  return attempt <= 1 ? name : `${name}_${attempt}`;
}

/** The name and attempt an evidence id was stored under. */
export function parseEvidenceId(id: string): { name: string; attempt: number } {
  const match = /^(.*)_(\d+)$/.exec(id);
  return match ? { name: match[1]!, attempt: Number(match[2]) } : { name: id, attempt: 1 };
}
