import type { DeviceRow } from '../../shared/models/devices';
import type { MobileDevice } from '../../shared/models/exchange';

const PARTNERSHIP_SEPARATOR = '\\ExchangeActiveSyncDevices\\';

/** The mailbox part of a partnership Identity (`alex.wilber\ExchangeActiveSyncDevices\iPhone§…`). */
export function mailboxOfIdentity(identity: string): string {
  const at = identity.indexOf(PARTNERSHIP_SEPARATOR);
  return at > 0 ? identity.slice(0, at) : identity;
}

/** Outlook mobile shows up as DeviceType/ClientType "Outlook"; it is not an EAS client (facts F21). */
export function appOf(device: Pick<MobileDevice, 'ClientType' | 'DeviceType'>): DeviceRow['app'] {
  return device.ClientType?.toLowerCase() === 'outlook' || device.DeviceType?.toLowerCase() === 'outlook' ? 'outlook' : 'native';
}

/** One Get-MobileDevice object as a table row (partnership counts are filled in once all rows are in). */
export function toDeviceRow(device: MobileDevice): DeviceRow {
  return {
    key: device.Identity,
    deviceId: device.DeviceId ?? '',
    mailbox: mailboxOfIdentity(device.Identity),
    userDisplayName: device.UserDisplayName ?? mailboxOfIdentity(device.Identity),
    friendlyName: device.FriendlyName ?? '',
    deviceType: device.DeviceType ?? '',
    deviceModel: device.DeviceModel ?? '',
    deviceOS: device.DeviceOS ?? '',
    userAgent: device.DeviceUserAgent ?? '',
    app: appOf(device),
    protocolVersion: device.ClientVersion ?? '',
    state: device.DeviceAccessState ?? 'Unknown',
    reason: device.DeviceAccessStateReason ?? 'Unknown',
    rule: device.DeviceAccessControlRule ? device.DeviceAccessControlRule : null,
    firstSeen: device.FirstSyncTime ?? device.WhenCreated ?? null,
    lastActivity: device.WhenChanged ?? null,
    partnerships: 0,
  };
}
