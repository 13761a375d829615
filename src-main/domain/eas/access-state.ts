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
