import type { MobileDevice, MobileDeviceStatistics } from '../../../shared/models/exchange';
import type { DeviceView } from '../../../shared/models/wizard';
import type { CaseSession, StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { judgeMailbox } from '../../../domain/judges/mailbox';
import { isOutlookMobile } from '../../../domain/evaluators/protocol-version';
import { buildDiagnosisInput } from '../diagnosis-input';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

/**
 * Mailbox and devices: gathers the evidence (is ActiveSync allowed for the mailbox, which phones
 * have a partnership, what Exchange decided about each); the domain's judgeMailbox judges it.
 */
export async function runMailboxStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  const upn = session.doc.subject.userUpn;
  const exchange = connection.exchange;
  const cmdlet = (source: string) => ({ kind: 'cmdlet' as const, source });

  ctx.progress('Reading the mailbox’s ActiveSync settings…', 0.1);
  await session.capture('mailbox', EVIDENCE.casMailbox, cmdlet('Get-CASMailbox -ActiveSyncDebugLogging'), () =>
    orUnavailable(() => exchange.getCasMailbox(upn)),
  );
  ctx.progress('Listing the user’s phones…', 0.3);
  await session.capture('mailbox', EVIDENCE.mobileDevices, cmdlet('Get-MobileDevice'), () =>
    orUnavailable(() => exchange.getMobileDevices(upn)),
  );
  ctx.progress('Reading device statistics…', 0.5);
  await session.capture('mailbox', EVIDENCE.deviceStatistics, cmdlet('Get-MobileDeviceStatistics'), () =>
    orUnavailable(() => exchange.getMobileDeviceStatistics({ mailbox: upn })),
  );
  ctx.progress('Reading the organization’s device access settings…', 0.7);
  await session.capture('mailbox', EVIDENCE.organizationSettings, cmdlet('Get-ActiveSyncOrganizationSettings'), () =>
    orUnavailable(() => exchange.getActiveSyncOrganizationSettings()),
  );
  await session.capture('mailbox', EVIDENCE.deviceAccessRules, cmdlet('Get-ActiveSyncDeviceAccessRule'), () =>
    orUnavailable(() => exchange.getActiveSyncDeviceAccessRules()),
  );

  return fromJudgement(session, judgeMailbox(buildDiagnosisInput(session, undefined)));
}

/** The device list the operator picks from, merging partnerships with their statistics. */
export function deviceViews(session: CaseSession): DeviceView[] {
  const devices = session.get<MobileDevice[]>(EVIDENCE.mobileDevices);
  const statistics = session.get<MobileDeviceStatistics[]>(EVIDENCE.deviceStatistics);
  if (!devices?.available) return [];
  const stats = statistics?.available ? statistics.data : [];
  return devices.data.map((device) => {
    const id = device.DeviceId ?? device.Identity;
    const stat = stats.find((s) => (s.DeviceID ?? s.DeviceId)?.toLowerCase() === id.toLowerCase());
    return {
      deviceId: id,
      deviceType: device.DeviceType ?? undefined,
      deviceModel: device.DeviceModel ?? undefined,
      friendlyName: device.FriendlyName ?? undefined,
      userAgent: device.DeviceUserAgent ?? undefined,
      clientType: device.ClientType ?? undefined,
      protocolVersion: device.ClientVersion ?? undefined,
      accessState: device.DeviceAccessState ?? undefined,
      accessStateReason: device.DeviceAccessStateReason ?? undefined,
      accessRule: device.DeviceAccessControlRule ?? undefined,
      lastSyncAttempt: stat?.LastSyncAttemptTime ?? undefined,
      lastSuccessSync: stat?.LastSuccessSync ?? undefined,
      // Outlook mobile shows up with a REST client type (facts F21); the domain's one test decides.
      notEas: isOutlookMobile({ ...device, DeviceId: id }),
    };
  });
}

export function deviceName(device: Pick<DeviceView, 'friendlyName' | 'deviceModel' | 'deviceType' | 'deviceId'>): string {
  const name = device.friendlyName || device.deviceModel || device.deviceType || 'Phone';
  return `${name} (${device.deviceId})`;
}
