import type { ActionSituation, WipeStatistics } from '../../domain/device-access/action-guard';
import { wipePendingFrom } from '../../domain/device-access/action-guard';
import type { CasMailbox, MobileDevice, MobileDeviceStatistics } from '../../shared/models/exchange';
import { EVIDENCE } from '../../shared/models/evidence-names';
import type { CaseSession } from './case-session';

/** What the action guard needs, read from the case's latest evidence (Get-CASMailbox, Get-MobileDevice, statistics). */
export function actionSituation(session: CaseSession): ActionSituation {
  const cas = session.get<CasMailbox>(EVIDENCE.casMailbox);
  const devices = session.get<MobileDevice[]>(EVIDENCE.mobileDevices);
  const statistics = session.get<MobileDeviceStatistics[]>(EVIDENCE.deviceStatistics);
  const stats = statistics?.available ? statistics.data : [];
  return {
    mailbox: cas?.available
      ? {
          activeSyncEnabled: typeof cas.data.ActiveSyncEnabled === 'boolean' ? cas.data.ActiveSyncEnabled : null,
          allowedDeviceIds: cas.data.ActiveSyncAllowedDeviceIDs ?? [],
          blockedDeviceIds: cas.data.ActiveSyncBlockedDeviceIDs ?? [],
        }
      : null,
    devices: devices?.available
      ? devices.data.map((device) => {
          const deviceId = device.DeviceId ?? device.Identity;
          const stat = stats.find((s) => (s.DeviceID ?? s.DeviceId)?.toLowerCase() === deviceId.toLowerCase());
          return {
            deviceId,
            accessState: device.DeviceAccessState ?? null,
            accessStateReason: device.DeviceAccessStateReason ?? null,
            wipePending: wipePendingFrom(stat as WipeStatistics | undefined),
          };
        })
      : [],
  };
}
