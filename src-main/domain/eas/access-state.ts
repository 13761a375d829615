/** DeviceAccessState values (eas-reference.md §1.3, §5.2). */
export const DEVICE_ACCESS_STATES = ['Unknown', 'Allowed', 'Blocked', 'Quarantined', 'DeviceDiscovery'] as const;

/**
 * DeviceAccessStateReason values that mean Exchange auto-blocked the device for misbehaving
 * (throttling), rather than an administrator's choice.
 */
export const AUTO_BLOCK_REASONS: ReadonlySet<string> = new Set([
  'UserAgentsChanges',
  'RecentCommands',
  'Watsons',
  'OutOfBudgets',
  'SyncCommands',
  'EnableNotificationEmail',
  'CommandFrequency',
]);

/** Reasons that come from Intune/Entra device-based access, not from Exchange ABQ. */
export const EXTERNAL_REASONS: ReadonlySet<string> = new Set(['ExternallyManaged', 'ExternalCompliance', 'ExternalEnrollment']);

/** Cmdlet output sometimes gives the enum's number instead of its name (51–53 for the external reasons). */
const REASON_BY_NUMBER: Readonly<Record<string, string>> = {
  '0': 'Unknown',
  '1': 'Global',
  '2': 'Individual',
  '3': 'DeviceRule',
  '4': 'Upgrade',
  '5': 'Policy',
  '51': 'ExternallyManaged',
  '52': 'ExternalCompliance',
  '53': 'ExternalEnrollment',
};

/** Normalises a DeviceAccessStateReason that may arrive as a name or a number. */
export function normaliseAccessReason(reason: string | number | undefined | null): string | undefined {
  if (reason === undefined || reason === null) return undefined;
  const text = String(reason).trim();
  return REASON_BY_NUMBER[text] ?? text;
}

const STATE_WORDS: Readonly<Record<string, string>> = {
  Allowed: 'Exchange allows this phone',
  Blocked: 'Exchange blocks this phone',
  Quarantined: 'Exchange quarantined this phone',
  DeviceDiscovery: 'Exchange has not decided about this phone yet',
  Unknown: 'Exchange has not recorded a decision about this phone',
};

const REASON_WORDS: Readonly<Record<string, string>> = {
  Global: 'the organisation’s default for new phones says so',
  Individual: 'an administrator set it for this phone on this mailbox',
  DeviceRule: 'a device access rule matches this phone',
  Upgrade: 'the phone is in the grace period after an Exchange upgrade',
  Policy: 'the mailbox policy does not allow phones that cannot apply it',
  ExternallyManaged: 'Intune manages the phone’s access',
  ExternalCompliance: 'Intune says the phone is not compliant',
  ExternalEnrollment: 'the phone is not enrolled in Intune',
};

/**
 * Exchange's access decision for a phone in tier-1 words ("Exchange quarantined this phone because
 * the organisation’s default for new phones says so"); the raw DeviceAccessState and reason stay
 * in the evidence for tier 2.
 */
export function accessStateInWords(state: string | undefined | null, reason: string | number | undefined | null, rule?: string | null): string {
  const subject = STATE_WORDS[state ?? 'Unknown'] ?? `Exchange reports the access state ${state}`;
  const named = normaliseAccessReason(reason);
  const because = named !== undefined ? REASON_WORDS[named] : undefined;
  if (because === undefined || state === 'DeviceDiscovery' || state === 'Unknown' || state == null) return subject;
  return `${subject} because ${named === 'DeviceRule' && rule ? `the device access rule “${rule}” matches it` : because}`;
}
