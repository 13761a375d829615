import { z } from 'zod';

/**
 * Exchange Online cmdlet outputs as the PowerShell host delivers them (enums as names, dates as
 * ISO 8601 UTC strings, multi-valued properties as arrays). Property names are Exchange's own
 * (reference: eas-reference.md §5). Every model is loose: properties not listed here are kept,
 * so nothing Exchange returns is lost on the way into a case bundle. Properties Exchange may omit
 * or leave empty are optional and nullable.
 */

const text = z.string().nullish();
const flag = z.boolean().nullish();
/** ISO 8601 UTC timestamp as written by the host ("2026-11-26T09:15:00.0000000Z"). */
const isoDate = z.string().nullish();
const textList = z.array(z.string()).nullish();

/** Get-CASMailbox (always read with -ActiveSyncDebugLogging so that flag is real: facts F5). */
export const casMailboxSchema = z.looseObject({
  Identity: z.string(),
  Name: text,
  DisplayName: text,
  PrimarySmtpAddress: text,
  Guid: text,
  ExternalDirectoryObjectId: text,
  ActiveSyncEnabled: z.boolean(),
  ActiveSyncAllowedDeviceIDs: textList,
  ActiveSyncBlockedDeviceIDs: textList,
  ActiveSyncMailboxPolicy: text,
  ActiveSyncMailboxPolicyIsDefaulted: flag,
  ActiveSyncDebugLogging: flag,
  ActiveSyncSuppressReadReceipt: flag,
  HasActiveSyncDevicePartnership: flag,
  OWAEnabled: flag,
  EwsEnabled: flag,
  PopEnabled: flag,
  ImapEnabled: flag,
  MAPIEnabled: flag,
});
export type CasMailbox = z.infer<typeof casMailboxSchema>;

/** Device access states Exchange documents; other values are kept as plain strings. */
export const DEVICE_ACCESS_STATES = [
  'Unknown',
  'Allowed',
  'Blocked',
  'Quarantined',
  'DeviceDiscovery',
] as const;

/** Get-MobileDevice (object MobileDevice). */
export const mobileDeviceSchema = z.looseObject({
  Identity: z.string(),
  DeviceId: text,
  DeviceType: text,
  DeviceModel: text,
  DeviceOS: text,
  DeviceOSLanguage: text,
  DeviceUserAgent: text,
  DeviceImei: text,
  DeviceMobileOperator: text,
  DeviceTelephoneNumber: text,
  FriendlyName: text,
  UserDisplayName: text,
  ClientType: text,
  ClientVersion: text,
  DeviceAccessState: text,
  DeviceAccessStateReason: text,
  DeviceAccessControlRule: text,
  FirstSyncTime: isoDate,
  IsManaged: flag,
  IsCompliant: flag,
  IsDisabled: flag,
  WhenCreated: isoDate,
  WhenChanged: isoDate,
  Guid: text,
});
export type MobileDevice = z.infer<typeof mobileDeviceSchema>;

/** Get-MobileDeviceStatistics (object MobileDeviceConfiguration); MailboxLogReport only with -GetMailboxLog. */
export const mobileDeviceStatisticsSchema = z.looseObject({
  Identity: z.string(),
  // Exchange spells it DeviceID on statistics objects and DeviceId on devices; accept both.
  DeviceID: text,
  DeviceId: text,
  DeviceType: text,
  DeviceModel: text,
  DeviceOS: text,
  DeviceUserAgent: text,
  DeviceFriendlyName: text,
  ClientType: text,
  ClientVersion: text,
  DeviceAccessState: text,
  DeviceAccessStateReason: text,
  DeviceAccessControlRule: text,
  FirstSyncTime: isoDate,
  LastSuccessSync: isoDate,
  LastSyncAttemptTime: isoDate,
  LastPolicyUpdateTime: isoDate,
  LastPingHeartbeat: z.number().nullish(),
  NumberOfFoldersSynced: z.number().nullish(),
  DevicePolicyApplicationStatus: text,
  DevicePolicyApplied: text,
  Status: text,
  StatusNote: text,
  IsRemoteWipeSupported: flag,
  MailboxLogReport: text,
});
export type MobileDeviceStatistics = z.infer<typeof mobileDeviceStatisticsSchema>;

/** One device's mailbox log, as fetched per device with -Identity (facts F6). */
export interface DeviceMailboxLog {
  deviceIdentity: string;
  deviceId: string | null;
  /** The MailboxLogReport text; null when Exchange returned none (logging off or nothing captured). */
  report: string | null;
  statistics: MobileDeviceStatistics;
}

/** Get-MobileDeviceMailboxPolicy: the settings a phone must meet to provision. */
export const mobileDeviceMailboxPolicySchema = z.looseObject({
  Identity: text,
  Name: text,
  IsDefault: flag,
  PasswordEnabled: flag,
  MinPasswordLength: z.number().nullish(),
  AllowNonProvisionableDevices: flag,
  RequireDeviceEncryption: flag,
});
export type MobileDeviceMailboxPolicy = z.infer<typeof mobileDeviceMailboxPolicySchema>;

/** Get-CASMailboxPlan: the protocol settings every new mailbox of a licence gets (facts F38). */
export const casMailboxPlanSchema = z.looseObject({
  Identity: text,
  Name: text,
  DisplayName: text,
  ActiveSyncEnabled: flag,
  IsDefault: flag,
});
export type CasMailboxPlan = z.infer<typeof casMailboxPlanSchema>;

/**
 * How many of the first user mailboxes Exchange lists (Get-CASMailbox -RecipientTypeDetails
 * UserMailbox -ResultSize N), other than the case's own, have ActiveSync off: counts only, so no
 * other user's address enters the case (facts F38).
 */
export const activeSyncPeerCountSchema = z.strictObject({
  limit: z.number().int().positive(),
  read: z.number().int().nonnegative(),
  activeSyncOff: z.number().int().nonnegative(),
  /** Fewer than `limit` came back: these are all the tenant's user mailboxes, not the first of many. */
  all: z.boolean(),
});
export type ActiveSyncPeerCount = z.infer<typeof activeSyncPeerCountSchema>;

/** Get-ActiveSyncOrganizationSettings. */
export const activeSyncOrganizationSettingsSchema = z.looseObject({
  Identity: text,
  Name: text,
  DefaultAccessLevel: text,
  UserMailInsert: text,
  AllowAccessForUnSupportedPlatform: flag,
  AdminMailRecipients: textList,
  OtaNotificationMailInsert: text,
  DeviceFiltering: z.unknown().optional(),
});
export type ActiveSyncOrganizationSettings = z.infer<typeof activeSyncOrganizationSettingsSchema>;

/** Get-ActiveSyncDeviceAccessRule. */
export const activeSyncDeviceAccessRuleSchema = z.looseObject({
  Identity: z.string(),
  Name: text,
  QueryString: text,
  Characteristic: text,
  AccessLevel: text,
});
export type ActiveSyncDeviceAccessRule = z.infer<typeof activeSyncDeviceAccessRuleSchema>;

/** Get-ClientAccessRule / Test-ClientAccessRule (retired in Exchange Online; kept for old cases). */
export const clientAccessRuleSchema = z.looseObject({
  Identity: text,
  Name: text,
  Priority: z.number().nullish(),
  Enabled: flag,
  Action: text,
  AnyOfClientIPAddressesOrRanges: textList,
  ExceptAnyOfClientIPAddressesOrRanges: textList,
  AnyOfAuthenticationTypes: textList,
  ExceptAnyOfAuthenticationTypes: textList,
  AnyOfProtocols: textList,
  ExceptAnyOfProtocols: textList,
  UsernameMatchesAnyOfPatterns: textList,
  ExceptUsernameMatchesAnyOfPatterns: textList,
  UserRecipientFilter: text,
  Scope: text,
});
export type ClientAccessRule = z.infer<typeof clientAccessRuleSchema>;

/** Get-AuthenticationPolicy. */
export const authenticationPolicySchema = z.looseObject({
  Identity: z.string(),
  Name: text,
  AllowBasicAuthActiveSync: flag,
});
export type AuthenticationPolicy = z.infer<typeof authenticationPolicySchema>;

/** Get-OrganizationConfig (the properties the wizard reads). */
export const organizationConfigSchema = z.looseObject({
  Identity: text,
  Name: text,
  DefaultAuthenticationPolicy: text,
  OAuth2ClientProfileEnabled: flag,
});
export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;

/** Get-User (AuthenticationPolicy is the per-user assignment). */
export const exchangeUserSchema = z.looseObject({
  Identity: z.string(),
  UserPrincipalName: text,
  DisplayName: text,
  AuthenticationPolicy: text,
});
export type ExchangeUser = z.infer<typeof exchangeUserSchema>;

/** Get-Recipient: what an address is (user mailbox, shared, MailUser for a hybrid on-premises mailbox…). */
export const recipientSchema = z.looseObject({
  Identity: z.string(),
  Alias: text,
  DisplayName: text,
  PrimarySmtpAddress: text,
  RecipientType: text,
  RecipientTypeDetails: text,
});
export type Recipient = z.infer<typeof recipientSchema>;

/** Host.GetModuleInfo. */
export const moduleInfoSchema = z.object({ name: z.string(), version: z.string(), path: z.string() });
export type ModuleInfo = z.infer<typeof moduleInfoSchema>;

/**
 * A cmdlet that may be missing from the tenant (Client Access Rules after their retirement):
 * either its result, or "not available in this tenant" with the host's explanation.
 */
export type TenantFeature<T> =
  { available: true; value: T } | { available: false; reason: 'not-available-in-tenant'; message: string };
