import type { ActionSituation, WipeStatistics } from '../../domain/device-access/action-guard';
import { wipePendingFrom } from '../../domain/device-access/action-guard';
import { activeSyncOffByPolicy } from '../../domain/device-access/activesync-policy';
import type { ActiveSyncPeerCount, CasMailbox, CasMailboxPlan, MobileDevice, MobileDeviceStatistics } from '../../shared/models/exchange';
import { EVIDENCE } from '../../shared/models/evidence-names';
import type { CaseSession } from './case-session';

/** What the action guard needs, read from the case's latest evidence (Get-CASMailbox, Get-MobileDevice, statistics, plans, log). */
export function actionSituation(session: CaseSession): ActionSituation {
  const cas = session.get<CasMailbox>(EVIDENCE.casMailbox);
  const devices = session.get<MobileDevice[]>(EVIDENCE.mobileDevices);
  const statistics = session.get<MobileDeviceStatistics[]>(EVIDENCE.deviceStatistics);
  const plans = session.get<CasMailboxPlan[]>(EVIDENCE.casMailboxPlans);
  const peers = session.get<ActiveSyncPeerCount>(EVIDENCE.activeSyncPeers);
  const stats = statistics?.available ? statistics.data : [];
  const offByPolicy = activeSyncOffByPolicy(plans?.available ? plans.data : undefined, peers?.available ? peers.data : undefined)?.because;
  const target = session.selectedDeviceId ?? session.doc.subject.deviceId;
  const refused177 = session.logAnalysis?.analysis.patterns.some((p) => p.kind === 'max-devices') === true;
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
            name: device.FriendlyName || device.DeviceModel || device.DeviceType || undefined,
            lastSuccessSync: stat?.LastSuccessSync ?? null,
          };
        })
      : [],
    ...(offByPolicy !== undefined ? { activeSyncOffByPolicy: offByPolicy } : {}),
    ...(target ? { targetDeviceId: target } : {}),
    now: session.clock.now().toISOString(),
    ...(refused177 ? { maxDevicesRefused: true } : {}),
  };
}
