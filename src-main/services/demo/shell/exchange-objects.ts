import type { ScenarioMailbox, ScenarioMobileDevice, ScenarioUser } from '../scenario/scenario-schema';
import { decideAccess } from './access-state';
import { exchangeDate } from './exchange-date';
import { replayLogFrom } from './log-replay';
import { deviceIdentity, stableGuid, type TenantState } from './tenant-state';

/**
 * The objects the simulated cmdlets return, with Exchange Online's property names
 * (eas-reference.md §5) and the protocol's JSON conventions (enums as names, ISO dates, arrays).
 */
const ORGANIZATION_ID =
  'NAMPR00A002.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com';

export function casMailboxObject(state: TenantState, mailbox: ScenarioMailbox, readDebugLogging: boolean) {
  const user = state.userOf(mailbox);
  return {
    Identity: mailbox.alias,
    Name: mailbox.alias,
    DisplayName: user.displayName,
    PrimarySmtpAddress: mailbox.user,
    Guid: stableGuid(`mailbox:${mailbox.alias}`),
    ExternalDirectoryObjectId: user.id,
    OrganizationId: ORGANIZATION_ID,
    ActiveSyncEnabled: mailbox.activeSyncEnabled,
    ActiveSyncAllowedDeviceIDs: [...mailbox.allowedDeviceIds],
    ActiveSyncBlockedDeviceIDs: [...mailbox.blockedDeviceIds],
    ActiveSyncMailboxPolicy: mailbox.mobileDeviceMailboxPolicy ?? defaultPolicyName(state),
    ActiveSyncMailboxPolicyIsDefaulted: mailbox.mobileDeviceMailboxPolicy === null,
    // Without -ActiveSyncDebugLogging Exchange always reports False (facts.md F5).
    ActiveSyncDebugLogging: readDebugLogging && state.debugLoggingActive(mailbox),
    ActiveSyncSuppressReadReceipt: false,
    HasActiveSyncDevicePartnership: state.devicesOf(mailbox).length > 0,
    OWAEnabled: mailbox.owaEnabled,
    OWAforDevicesEnabled: true,
    EwsEnabled: mailbox.ewsEnabled,
    PopEnabled: mailbox.popEnabled,
    ImapEnabled: mailbox.imapEnabled,
    MAPIEnabled: mailbox.mapiEnabled,
  };
}

/** Get-Recipient's view of a mailbox or of an on-premises mail user (hybrid). */
export function recipientObject(state: TenantState, mailbox: ScenarioMailbox) {
  const user = state.userOf(mailbox);
  const type = mailbox.recipientTypeDetails;
  return {
    Identity: mailbox.alias,
    Alias: mailbox.alias,
    Name: mailbox.alias,
    DisplayName: user.displayName,
    PrimarySmtpAddress: mailbox.user,
    ExternalDirectoryObjectId: user.id,
    Guid: stableGuid(`mailbox:${mailbox.alias}`),
    RecipientType: type === 'MailUser' || type === 'RemoteUserMailbox' ? 'MailUser' : 'UserMailbox',
    RecipientTypeDetails: type,
  };
}

/** Get-User for an account with no recipient at all: what a user looks like after its Exchange licence was removed. */
export function userWithoutMailboxObject(user: ScenarioUser) {
  const alias = user.userPrincipalName.split('@')[0]!;
  return {
    Identity: alias,
    Name: alias,
    DisplayName: user.displayName,
    UserPrincipalName: user.userPrincipalName,
    WindowsEmailAddress: '',
    ExternalDirectoryObjectId: user.id,
    Guid: stableGuid(`user:${alias}`),
    RecipientType: 'User',
    RecipientTypeDetails: 'User',
    AccountDisabled: !user.accountEnabled,
    AuthenticationPolicy: user.authenticationPolicy,
    Title: user.jobTitle ?? '',
  };
}

export function userObject(state: TenantState, mailbox: ScenarioMailbox) {
  const user = state.userOf(mailbox);
  return {
    Identity: mailbox.alias,
    Name: mailbox.alias,
    DisplayName: user.displayName,
    UserPrincipalName: user.userPrincipalName,
    WindowsEmailAddress: mailbox.user,
    ExternalDirectoryObjectId: user.id,
    Guid: stableGuid(`user:${mailbox.alias}`),
    RecipientType: 'UserMailbox',
    RecipientTypeDetails: mailbox.recipientTypeDetails,
    AccountDisabled: !user.accountEnabled,
    AuthenticationPolicy: user.authenticationPolicy,
    Title: user.jobTitle ?? '',
  };
}

export function mobileDeviceObject(state: TenantState, device: ScenarioMobileDevice) {
  const mailbox = state.mailboxOf(device);
  const stored = device.decidedAtLastRequest;
  const access = stored === null ? decideAccess(device, mailbox, state.exchange, state.clock.nowMs(), { path: false }) : { state: stored.state, reason: stored.reason, rule: null };
  const guid = stableGuid(`device:${device.deviceId}`);
  return {
    Identity: deviceIdentity(mailbox, device),
    Guid: guid,
    ExchangeObjectId: guid,
    OrganizationId: ORGANIZATION_ID,
    FriendlyName: device.friendlyName,
    DeviceId: device.deviceId,
    DeviceImei: device.deviceImei,
    DeviceMobileOperator: device.deviceMobileOperator,
    DeviceOS: device.deviceOS,
    DeviceOSLanguage: device.deviceOSLanguage,
    DeviceTelephoneNumber: device.deviceTelephoneNumber,
    DeviceType: device.deviceType,
    DeviceUserAgent: device.deviceUserAgent,
    DeviceModel: device.deviceModel,
    FirstSyncTime: exchangeDate(device.firstSyncTime),
    UserDisplayName: state.userOf(mailbox).displayName,
    DeviceAccessState: access.state,
    DeviceAccessStateReason: access.reason,
    DeviceAccessControlRule: access.rule,
    ClientVersion: device.clientVersion,
    ClientType: device.clientType,
    IsManaged: device.external === 'compliant' || device.external === 'noncompliant',
    IsCompliant: device.external === 'compliant',
    IsDisabled: false,
    WhenCreated: exchangeDate(device.firstSyncTime),
    WhenChanged: exchangeDate(device.lastSyncAttemptTime ?? device.firstSyncTime),
  };
}

export function mobileDeviceStatisticsObject(
  state: TenantState,
  device: ScenarioMobileDevice,
  withLog: boolean,
) {
  const base = mobileDeviceObject(state, device);
  const mailbox = state.mailboxOf(device);
  const stats: Record<string, unknown> = {
    Identity: base.Identity,
    Guid: base.Guid,
    DeviceId: device.deviceId,
    FirstSyncTime: base.FirstSyncTime,
    LastPolicyUpdateTime: base.FirstSyncTime,
    LastSyncAttemptTime: exchangeDate(device.lastSyncAttemptTime),
    LastSuccessSync: exchangeDate(device.lastSuccessSync),
    LastPingHeartbeat: device.lastPingHeartbeat,
    NumberOfFoldersSynced: device.numberOfFoldersSynced,
    SyncStateUpgradeTime: null,
    DeviceType: device.deviceType,
    DeviceFriendlyName: device.friendlyName,
    DeviceModel: device.deviceModel,
    DeviceOS: device.deviceOS,
    DeviceOSLanguage: device.deviceOSLanguage,
    DeviceImei: device.deviceImei,
    DeviceMobileOperator: device.deviceMobileOperator,
    DevicePhoneNumber: device.deviceTelephoneNumber,
    DeviceUserAgent: device.deviceUserAgent,
    DeviceEnableOutboundSMS: false,
    ClientType: device.clientType,
    ClientVersion: device.clientVersion,
    Status: device.status,
    StatusNote: null,
    DeviceAccessState: base.DeviceAccessState,
    DeviceAccessStateReason: base.DeviceAccessStateReason,
    DeviceAccessControlRule: base.DeviceAccessControlRule,
    DevicePolicyApplied: mailbox.mobileDeviceMailboxPolicy ?? defaultPolicyName(state),
    DevicePolicyApplicationStatus: device.devicePolicyApplicationStatus,
    IsRemoteWipeSupported: true,
    DeviceWipeRequestTime: null,
    DeviceWipeSentTime: null,
    DeviceWipeAckTime: null,
    LastDeviceWipeRequestor: null,
    AccountOnlyDeviceWipeRequestTime: null,
    AccountOnlyDeviceWipeSentTime: null,
    AccountOnlyDeviceWipeAckTime: null,
    LastAccountOnlyDeviceWipeRequestor: null,
    RecoveryPassword: '********',
  };
  if (withLog) {
    // Logs captured while logging was on are kept for a while; otherwise there is nothing to return.
    const text = device.mailboxLog !== null && 'text' in device.mailboxLog ? device.mailboxLog.text : '';
    const talksAfter = device.requestsAfterLoggingOnSeconds;
    // A phone scripted to talk only once logging is on: its requests appear as the scenario clock reaches them.
    const shown =
      talksAfter !== null && mailbox.debugLoggingEnabledAt !== null
        ? replayLogFrom(text, Date.parse(mailbox.debugLoggingEnabledAt) + talksAfter * 1000, state.clock.nowMs())
        : text;
    stats.MailboxLogReport = state.logRetained(mailbox) ? shown : '';
  }
  return stats;
}

export function defaultPolicyName(state: TenantState): string {
  return state.exchange.mobileDeviceMailboxPolicies.find((p) => p.isDefault)?.name ?? 'Default';
}
