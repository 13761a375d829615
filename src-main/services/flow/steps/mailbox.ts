import type { MobileDevice, MobileDeviceStatistics } from '../../../shared/models/exchange';
import type { DeviceView } from '../../../shared/models/wizard';
import type { CaseSession, StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { judgeMailbox, MAX_SUGGESTIONS } from '../../../domain/judges/mailbox';
import { isOutlookMobile } from '../../../domain/evaluators/protocol-version';
import { buildDiagnosisInput } from '../diagnosis-input';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

/** How many user mailboxes the F38 check reads: enough to tell "most", cheap on any tenant. */
const PEER_SAMPLE = 200;

/**
 * Mailbox and devices: gathers the evidence (is ActiveSync allowed for the mailbox, which phones
 * have a partnership, what Exchange decided about each); the domain's judgeMailbox judges it.
 */
export async function runMailboxStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  const upn = session.doc.subject.userUpn;
  const exchange = connection.exchange;
  const cmdlet = (source: string) => ({ kind: 'cmdlet' as const, source });

  // The gate first: is this address a person's mailbox in Exchange Online at all?
  ctx.progress('Looking the address up in Exchange Online…', 0.05);
  const recipient = await session.capture('mailbox', EVIDENCE.recipient, cmdlet('Get-Recipient'), () =>
    orUnavailable(() => exchange.getRecipient(upn)),
  );
  // Get-User: an account without a mailbox, and whether Exchange's copy of the account is disabled.
  const account = await session.capture('mailbox', EVIDENCE.userAccount, cmdlet('Get-User'), () => orUnavailable(() => exchange.findUser(upn)));
  const prefix = searchPrefix(upn);
  if (recipient.available && recipient.data.length === 0 && account.available && account.data.length === 0 && prefix !== undefined) {
    await session.capture('mailbox', EVIDENCE.recipientMatches, cmdlet(`Get-Recipient -Anr ${prefix}`), () =>
      orUnavailable(() => exchange.findRecipients(prefix, MAX_SUGGESTIONS)),
    );
  }
  const gate = judgeMailbox(buildDiagnosisInput(session, undefined));
  if (gate.stop !== undefined) return fromJudgement(session, gate);

  ctx.progress('Reading the mailbox’s ActiveSync settings…', 0.1);
  await session.capture('mailbox', EVIDENCE.casMailbox, cmdlet('Get-CASMailbox -ActiveSyncDebugLogging'), () =>
    orUnavailable(() => exchange.getCasMailbox(upn)),
  );
  // ActiveSync off: is it off on purpose? The CAS mailbox plans say (facts F38); read only then.
  // And is it off for most people here, a plan or not? Counts of the first user mailboxes only.
  const casRead = session.get<{ ActiveSyncEnabled?: boolean | null; PrimarySmtpAddress?: string | null }>(EVIDENCE.casMailbox);
  if (casRead?.available && casRead.data.ActiveSyncEnabled === false) {
    await session.capture('mailbox', EVIDENCE.casMailboxPlans, cmdlet('Get-CASMailboxPlan'), () => orUnavailable(() => exchange.getCasMailboxPlans()));
    const own = casRead.data.PrimarySmtpAddress ?? upn;
    await session.capture('mailbox', EVIDENCE.activeSyncPeers, cmdlet(`Get-CASMailbox -RecipientTypeDetails UserMailbox -ResultSize ${PEER_SAMPLE}`), () =>
      orUnavailable(() => exchange.countActiveSyncOffAmongUserMailboxes(own, PEER_SAMPLE)),
    );
  }
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
  // Blocked / Policy: the mobile device mailbox policy says which setting the phone cannot meet.
  const listed = session.get<MobileDevice[]>(EVIDENCE.mobileDevices);
  if (listed?.available && listed.data.some((d) => d.DeviceAccessState === 'Blocked' && String(d.DeviceAccessStateReason) === 'Policy')) {
    await session.capture('mailbox', EVIDENCE.mobileDevicePolicies, cmdlet('Get-MobileDeviceMailboxPolicy'), () =>
      orUnavailable(() => exchange.getMobileDeviceMailboxPolicies()),
    );
  }

  return fromJudgement(session, judgeMailbox(buildDiagnosisInput(session, undefined)));
}

/**
 * The part of an address Exchange's name resolution can find close matches for: the first word
 * of the local part ("alex" of alex.wilbur@…), or none when it is shorter than the 3 characters
 * a search needs.
 */
export function searchPrefix(upn: string): string | undefined {
  const local = upn.split('@')[0] ?? '';
  const first = local.split(/[._+-]/)[0] ?? '';
  const prefix = first.length >= 3 ? first : local.length >= 3 ? local.slice(0, 3) : '';
  return /^[\p{L}\p{N}'-]{3,64}$/u.test(prefix) ? prefix : undefined;
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
