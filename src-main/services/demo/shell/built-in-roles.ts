import type { Scenario } from '../scenario/scenario-schema';

/**
 * The entries (cmdlet → parameters) of the built-in Exchange roles the demo scenarios assign,
 * trimmed to the cmdlets the wizard uses plus a few others so that trimming shows. Which built-in
 * role holds which entry is modelled, not copied from a tenant (unverified); a real tenant answers
 * Get-ManagementRoleEntry itself.
 */
const SET_CAS_MAILBOX = ['Identity', 'ActiveSyncDebugLogging', 'ActiveSyncEnabled', 'ActiveSyncAllowedDeviceIDs', 'ActiveSyncBlockedDeviceIDs', 'OWAEnabled', 'PopEnabled', 'ImapEnabled'];
const RECIPIENT_READS: Record<string, string[]> = {
  'Get-CASMailbox': ['Identity', 'ActiveSyncDebugLogging', 'RecipientTypeDetails', 'ResultSize'],
  'Get-User': ['Identity', 'ResultSize'],
  'Get-Recipient': ['Identity', 'Anr', 'ResultSize'],
  'Get-MobileDevice': ['Identity', 'Mailbox', 'ResultSize'],
  'Get-MobileDeviceStatistics': ['Identity', 'Mailbox', 'GetMailboxLog', 'NotificationEmailAddresses'],
};
const CONFIGURATION_READS: Record<string, string[]> = {
  'Get-MobileDeviceMailboxPolicy': ['Identity'],
  'Get-CASMailboxPlan': ['Identity'],
  'Get-ActiveSyncOrganizationSettings': ['Identity'],
  'Get-ActiveSyncDeviceAccessRule': ['Identity'],
  'Get-AuthenticationPolicy': ['Identity'],
  'Get-OrganizationConfig': ['Identity'],
  'Get-ManagementRoleAssignment': ['Identity', 'RoleAssignee', 'Role'],
  'Get-ManagementRoleEntry': ['Identity', 'Parameters'],
};

export const BUILT_IN_ROLE_ENTRIES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'Mail Recipients': { ...RECIPIENT_READS, 'Set-CASMailbox': SET_CAS_MAILBOX, 'Remove-MobileDevice': ['Identity', 'Confirm', 'WhatIf'], 'Set-Mailbox': ['Identity', 'ForwardingAddress'] },
  'View-Only Recipients': RECIPIENT_READS,
  'View-Only Configuration': CONFIGURATION_READS,
  'Organization Client Access': { ...CONFIGURATION_READS, 'Set-ActiveSyncOrganizationSettings': ['Identity', 'DefaultAccessLevel'] },
};

/** A role's entries: the scenario's custom roles first, then the built-in catalogue. */
export function roleEntriesOf(scenario: Scenario, role: string): Readonly<Record<string, readonly string[]>> | undefined {
  const custom = scenario.operator.customRoles.find((r) => r.name.toLowerCase() === role.toLowerCase());
  if (custom !== undefined) return custom.entries;
  const builtIn = Object.keys(BUILT_IN_ROLE_ENTRIES).find((name) => name.toLowerCase() === role.toLowerCase());
  return builtIn === undefined ? undefined : BUILT_IN_ROLE_ENTRIES[builtIn];
}
