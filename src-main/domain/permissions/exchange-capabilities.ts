/**
 * What the operator may do in Exchange Online, judged by capability (cmdlet + parameters) from
 * their role entries, never by a role's name: a custom role that grants exactly what the wizard
 * runs reads as full rights, and a role missing one parameter names that parameter.
 */

/** One role entry, as Get-ManagementRoleEntry "<role>\*" returns it. */
export interface RoleEntryFact {
  role: string;
  cmdlet: string;
  parameters: readonly string[];
}

export interface Capability {
  id: CapabilityId;
  kind: 'read' | 'write';
  /** What the wizard does with it, for "can't <does>". */
  does: string;
  cmdlet: string;
  parameters: readonly string[];
  /**
   * A right the least-privilege role grants only on request (New-EasHelpdeskRole.ps1
   * -IncludePartnershipCleanup): lacking it is not a gap to report, and the wizard stays writable.
   */
  optional?: true;
}

export type CapabilityId =
  | 'read-mailbox'
  | 'read-devices'
  | 'read-mailbox-log'
  | 'read-org-settings'
  | 'read-device-rules'
  | 'debug-logging'
  | 'allow-device'
  | 'block-device'
  | 'enable-activesync'
  | 'remove-device';

/** The wizard's actions and checks, each with the one cmdlet call it needs. */
export const CAPABILITIES: readonly Capability[] = [
  { id: 'read-mailbox', kind: 'read', does: 'read the mailbox’s ActiveSync settings', cmdlet: 'Get-CASMailbox', parameters: ['Identity', 'ActiveSyncDebugLogging'] },
  { id: 'read-devices', kind: 'read', does: 'list the user’s phones', cmdlet: 'Get-MobileDevice', parameters: ['Mailbox'] },
  { id: 'read-mailbox-log', kind: 'read', does: 'collect the mailbox log', cmdlet: 'Get-MobileDeviceStatistics', parameters: ['Mailbox', 'GetMailboxLog'] },
  { id: 'read-org-settings', kind: 'read', does: 'read the organisation’s default access level', cmdlet: 'Get-ActiveSyncOrganizationSettings', parameters: [] },
  { id: 'read-device-rules', kind: 'read', does: 'read the device access rules', cmdlet: 'Get-ActiveSyncDeviceAccessRule', parameters: [] },
  { id: 'debug-logging', kind: 'write', does: 'turn on mailbox logging', cmdlet: 'Set-CASMailbox', parameters: ['Identity', 'ActiveSyncDebugLogging'] },
  { id: 'allow-device', kind: 'write', does: 'allow a phone', cmdlet: 'Set-CASMailbox', parameters: ['Identity', 'ActiveSyncAllowedDeviceIDs'] },
  { id: 'block-device', kind: 'write', does: 'block a phone', cmdlet: 'Set-CASMailbox', parameters: ['Identity', 'ActiveSyncBlockedDeviceIDs'] },
  { id: 'enable-activesync', kind: 'write', does: 'turn ActiveSync on for the mailbox', cmdlet: 'Set-CASMailbox', parameters: ['Identity', 'ActiveSyncEnabled'] },
  // The app passes -Confirm:$false, so the role entry must hold Confirm too.
  { id: 'remove-device', kind: 'write', does: 'remove stale phone partnerships', cmdlet: 'Remove-MobileDevice', parameters: ['Identity', 'Confirm'], optional: true },
];

/**
 * Entra roles that carry all of Exchange Online. Exchange grants them through role groups the
 * tenant does not list per user, so Get-ManagementRoleAssignment may show nothing (unverified).
 */
export const EXCHANGE_ADMIN_ENTRA_ROLES: Readonly<Record<string, string>> = {
  '29232cdf-9323-448f-a48d-b8d3bd9d22a8': 'Exchange Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};

export const ASK_FOR_ROLE =
  'Ask an Exchange administrator to add you to the “ActiveSync Helpdesk” role group (made by the script in the admin guide), or to a role that grants it.';

export interface MissingCapability {
  id: CapabilityId;
  kind: 'read' | 'write';
  /** "Can't block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs." */
  text: string;
  /** "Set-CASMailbox -ActiveSyncBlockedDeviceIDs" */
  needs: string;
}

export interface ExchangeCapabilities {
  possible: CapabilityId[];
  missing: MissingCapability[];
  /** Every write action is possible. */
  canWrite: boolean;
  /** What the verdict rests on, for the raw evidence. */
  basis: 'role-entries' | 'entra-role';
  entraRole?: string;
}

function needsText(capability: Capability, lacking: readonly string[]): string {
  const params = lacking.filter((p) => p !== 'Identity');
  return params.length === 0 ? capability.cmdlet : `${capability.cmdlet} ${params.map((p) => `-${p}`).join(' ')}`;
}

/** Which of the wizard's capabilities the operator's role entries (or Entra role) allow. */
export function judgeExchangeCapabilities(facts: { entries: readonly RoleEntryFact[]; entraRoleTemplateIds?: readonly string[] }): ExchangeCapabilities {
  const entraRole = (facts.entraRoleTemplateIds ?? []).map((id) => EXCHANGE_ADMIN_ENTRA_ROLES[id.toLowerCase()]).find((name) => name !== undefined);
  if (entraRole !== undefined) {
    return { possible: CAPABILITIES.map((c) => c.id), missing: [], canWrite: true, basis: 'entra-role', entraRole };
  }
  // A cmdlet's parameters are the union over every role that holds it (Exchange RBAC is additive).
  const granted = new Map<string, Set<string>>();
  for (const entry of facts.entries) {
    const key = entry.cmdlet.toLowerCase();
    const params = granted.get(key) ?? new Set<string>();
    for (const p of entry.parameters) params.add(p.toLowerCase());
    granted.set(key, params);
  }
  const possible: CapabilityId[] = [];
  const missing: MissingCapability[] = [];
  for (const capability of CAPABILITIES) {
    const params = granted.get(capability.cmdlet.toLowerCase());
    const lacking = params === undefined ? capability.parameters : capability.parameters.filter((p) => !params.has(p.toLowerCase()));
    if (params !== undefined && lacking.length === 0) {
      possible.push(capability.id);
      continue;
    }
    // An optional right (partnership clean-up) that was not granted is a choice, not a gap.
    if (capability.optional) continue;
    const needs = needsText(capability, lacking);
    missing.push({ id: capability.id, kind: capability.kind, needs, text: `Can’t ${capability.does} — ask for ${needs}.` });
  }
  return { possible, missing, canWrite: missing.every((m) => m.kind === 'read'), basis: 'role-entries' };
}

/** Whether the operator may remove phone partnerships (Remove-MobileDevice -Identity -Confirm). */
export function canRemoveDevices(capabilities: ExchangeCapabilities): boolean {
  return capabilities.possible.includes('remove-device');
}

/** Whether the operator may approve (allow) and deny (block) phones: the Devices area's actions. */
export function canDecideDevices(capabilities: ExchangeCapabilities): boolean {
  return capabilities.possible.includes('allow-device') && capabilities.possible.includes('block-device');
}
