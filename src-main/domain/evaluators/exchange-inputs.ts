import type { List } from './evidence';

/**
 * Narrow views of Exchange Online cmdlet output (eas-reference.md §5). Property names are the
 * cmdlets' own, so the objects the PowerShell service returns can be passed in unchanged; only the
 * properties read here are declared.
 */

/** Get-CASMailbox <id> -ActiveSyncDebugLogging (the switch is needed for a true ActiveSyncDebugLogging). */
export interface CasMailboxInput {
  readonly Identity?: string;
  readonly PrimarySmtpAddress?: string;
  readonly ActiveSyncEnabled?: boolean | null;
  readonly ActiveSyncAllowedDeviceIDs?: List<string>;
  readonly ActiveSyncBlockedDeviceIDs?: List<string>;
  readonly ActiveSyncDebugLogging?: boolean | null;
  readonly ActiveSyncMailboxPolicy?: string | null;
}

/** Get-MobileDevice / Get-MobileDeviceStatistics (both carry these). */
export interface MobileDeviceInput {
  readonly Identity?: string;
  readonly DeviceId: string;
  readonly DeviceType?: string | null;
  readonly DeviceModel?: string | null;
  readonly DeviceOS?: string | null;
  readonly DeviceUserAgent?: string | null;
  readonly FriendlyName?: string | null;
  readonly DeviceAccessState?: string | null;
  /** A name, or the enum number some serialisations give. */
  readonly DeviceAccessStateReason?: string | number | null;
  readonly DeviceAccessControlRule?: string | null;
  readonly ClientVersion?: string | null;
  readonly ClientType?: string | null;
  readonly IsManaged?: boolean | null;
  readonly IsCompliant?: boolean | null;
  /** Get-MobileDeviceStatistics: the last successful sync (ISO), when known. */
  readonly LastSuccessSync?: string | null;
  /** Get-MobileDeviceStatistics: the last time Exchange saw the phone try to sync (ISO), when known. */
  readonly LastSyncAttemptTime?: string | null;
  /** Get-MobileDeviceStatistics: DeviceRemoteWipeStatus (DeviceOk, DeviceBlocked, DeviceWipePending, …). */
  readonly Status?: string | null;
  readonly DeviceWipeRequestTime?: string | null;
  /** Get-MobileDeviceStatistics: the mobile device mailbox policy applied to the phone. */
  readonly DevicePolicyApplied?: string | null;
  readonly AccountOnlyDeviceWipeRequestTime?: string | null;
}

/** Get-MobileDeviceMailboxPolicy. */
export interface MobileDevicePolicyInput {
  readonly Name?: string | null;
  readonly IsDefault?: boolean | null;
  readonly PasswordEnabled?: boolean | null;
  readonly MinPasswordLength?: number | null;
  readonly AllowNonProvisionableDevices?: boolean | null;
  readonly RequireDeviceEncryption?: boolean | null;
}

/** Get-ActiveSyncOrganizationSettings. */
export interface ActiveSyncOrganizationSettingsInput {
  readonly DefaultAccessLevel?: string | null;
}

/** Get-ActiveSyncDeviceAccessRule. */
export interface DeviceAccessRuleInput {
  readonly Name?: string | null;
  readonly QueryString: string;
  /** DeviceType, DeviceModel, DeviceOS, UserAgent or XMSWLHeader. */
  readonly Characteristic: string;
  /** Allow, Block or Quarantine. */
  readonly AccessLevel: string;
}

/** Get-ClientAccessRule (retired in Exchange Online; kept for on-premises and old cases). */
export interface ClientAccessRuleInput {
  readonly Name?: string | null;
  readonly Priority?: number | null;
  readonly Enabled?: boolean | null;
  /** AllowAccess or DenyAccess. */
  readonly Action?: string | null;
  readonly AnyOfClientIPAddressesOrRanges?: List<string>;
  readonly ExceptAnyOfClientIPAddressesOrRanges?: List<string>;
  readonly UsernameMatchesAnyOfPatterns?: List<string>;
  readonly ExceptUsernameMatchesAnyOfPatterns?: List<string>;
  readonly AnyOfAuthenticationTypes?: List<string>;
  readonly ExceptAnyOfAuthenticationTypes?: List<string>;
  readonly AnyOfProtocols?: List<string>;
  readonly ExceptAnyOfProtocols?: List<string>;
  /** Users or All. */
  readonly Scope?: string | null;
  /** OPATH filter on user attributes; we cannot evaluate it, so a rule with one is reported as "may match". */
  readonly UserRecipientFilter?: string | null;
}

/** Get-AuthenticationPolicy (the policy assigned to the user, or the tenant default). */
export interface AuthenticationPolicyInput {
  readonly Name?: string | null;
  readonly AllowBasicAuthActiveSync?: boolean | null;
}

/** Get-OrganizationConfig. */
export interface OrganizationConfigInput {
  readonly OAuth2ClientProfileEnabled?: boolean | null;
  readonly DefaultAuthenticationPolicy?: string | null;
}

/** Get-Recipient: what kind of recipient an address is (facts.md F37). */
export interface RecipientInput {
  readonly Identity?: string;
  readonly Alias?: string | null;
  readonly DisplayName?: string | null;
  readonly PrimarySmtpAddress?: string | null;
  /** UserMailbox, SharedMailbox, RoomMailbox, EquipmentMailbox, MailUser, RemoteUserMailbox, MailContact… */
  readonly RecipientTypeDetails?: string | null;
}

/** Get-User: tells an account without a mailbox from no account at all, and carries AccountDisabled. */
export interface UserAccountInput {
  readonly UserPrincipalName?: string | null;
  readonly DisplayName?: string | null;
  /** "User" for an account with no mailbox (for example after its Exchange licence was removed). */
  readonly RecipientTypeDetails?: string | null;
  readonly AccountDisabled?: boolean | null;
}
