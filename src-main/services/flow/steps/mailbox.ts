import type { MobileDevice, MobileDeviceStatistics } from '../../../shared/models/exchange';
import type { CheckView, DeviceView } from '../../../shared/models/wizard';
import type { CaseSession, StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, orUnavailable, unavailableCheck, worstOutcome, type StepContext } from '../step-context';

/** Exchange Online refuses EAS protocol versions below 16.1 since 1 March 2026 (facts F2). */
const MINIMUM_PROTOCOL = [16, 1] as const;

/**
 * Mailbox and devices: is ActiveSync allowed for the mailbox, which phones have a partnership,
 * and what Exchange decided about each (access state, reason, rule, protocol version).
 */
export async function runMailboxStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  const upn = session.doc.subject.userUpn;
  const exchange = connection.exchange;
  const cmdlet = (source: string) => ({ kind: 'cmdlet' as const, source });

  ctx.progress('Reading the mailbox’s ActiveSync settings…', 0.1);
  const cas = await session.capture('mailbox', EVIDENCE.casMailbox, cmdlet('Get-CASMailbox -ActiveSyncDebugLogging'), () =>
    orUnavailable(() => exchange.getCasMailbox(upn)),
  );
  ctx.progress('Listing the user’s phones…', 0.3);
  const devices = await session.capture('mailbox', EVIDENCE.mobileDevices, cmdlet('Get-MobileDevice'), () =>
    orUnavailable(() => exchange.getMobileDevices(upn)),
  );
  ctx.progress('Reading device statistics…', 0.5);
  const statistics = await session.capture('mailbox', EVIDENCE.deviceStatistics, cmdlet('Get-MobileDeviceStatistics'), () =>
    orUnavailable(() => exchange.getMobileDeviceStatistics({ mailbox: upn })),
  );
  ctx.progress('Reading the organization’s device access settings…', 0.7);
  const org = await session.capture('mailbox', EVIDENCE.organizationSettings, cmdlet('Get-ActiveSyncOrganizationSettings'), () =>
    orUnavailable(() => exchange.getActiveSyncOrganizationSettings()),
  );
  const rules = await session.capture('mailbox', EVIDENCE.deviceAccessRules, cmdlet('Get-ActiveSyncDeviceAccessRule'), () =>
    orUnavailable(() => exchange.getActiveSyncDeviceAccessRules()),
  );

  const checks: CheckView[] = [];
  if (cas.available) {
    const enabled = cas.data.ActiveSyncEnabled;
    checks.push(
      check(
        'activesync-enabled',
        'ActiveSync is allowed for this mailbox',
        enabled ? 'ok' : 'problem',
        enabled ? 'ActiveSyncEnabled is True.' : 'ActiveSyncEnabled is False: no phone can sync this mailbox over ActiveSync.',
        [cas],
      ),
    );
  } else checks.push(unavailableCheck('activesync-enabled', 'ActiveSync is allowed for this mailbox', cas));

  if (org.available) {
    const level = org.data.DefaultAccessLevel ?? 'Allow';
    checks.push(
      check(
        'org-default',
        'The organization lets new phones in by default',
        level === 'Allow' ? 'ok' : 'info',
        `DefaultAccessLevel is ${level}${level === 'Allow' ? '' : ': phones not covered by a rule or a per-user list are ' + (level === 'Block' ? 'blocked' : 'quarantined')}.`,
        [org],
      ),
    );
  } else checks.push(unavailableCheck('org-default', 'The organization lets new phones in by default', org));

  const views = deviceViews(session);
  if (!devices.available) checks.push(unavailableCheck('devices', 'The user’s phones are known to Exchange', devices));
  else if (views.length === 0) {
    checks.push(
      check('devices', 'The user’s phones are known to Exchange', 'warning', 'No phone has ever synced with this mailbox over ActiveSync. If the phone is set up, its requests are not reaching Exchange.', [devices]),
    );
  }
  for (const device of views) {
    if (device.notEas) {
      checks.push(check(`device-${device.deviceId}`, `${deviceName(device)} is an ActiveSync client`, 'info', 'This is Outlook mobile, which does not use ActiveSync; its problems are outside this wizard.', [devices]));
      continue;
    }
    const state = device.accessState ?? 'Unknown';
    const reason = device.accessStateReason ? ` (reason: ${device.accessStateReason}${device.accessRule ? `, rule: ${device.accessRule}` : ''})` : '';
    checks.push(
      check(
        `device-${device.deviceId}`,
        `Device access: ${deviceName(device)}`,
        state === 'Allowed' ? 'ok' : state === 'DeviceDiscovery' ? 'warning' : 'problem',
        `DeviceAccessState is ${state}${reason}.`,
        [devices, statistics],
      ),
    );
    if (device.protocolVersion) {
      const supported = atLeast(device.protocolVersion, MINIMUM_PROTOCOL);
      checks.push(
        check(
          `protocol-${device.deviceId}`,
          `ActiveSync version: ${deviceName(device)} (16.1 or newer needed)`,
          supported ? 'ok' : 'problem',
          supported
            ? `It uses ActiveSync ${device.protocolVersion}.`
            : `It uses ActiveSync ${device.protocolVersion}; Exchange Online has refused versions below 16.1 since 1 March 2026. The mail app needs an update.`,
          [devices],
        ),
      );
    }
  }
  if (rules.available && rules.data.length > 0) {
    checks.push(check('access-rules', 'Device access rules', 'info', `${rules.data.length} rule(s): ${rules.data.map((r) => `${r.Name ?? r.QueryString} → ${r.AccessLevel}`).join('; ')}.`, [rules]));
  }

  const problems = checks.filter((c) => c.outcome === 'problem').length;
  const summary =
    problems === 0
      ? `ActiveSync access looks right for ${upn}: ${views.length} phone(s) found.`
      : `${problems} problem(s) with ActiveSync access for ${upn}; see the checks below.`;
  return { outcome: worstOutcome(checks), summary, checks };
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
      // Outlook mobile shows up with a REST client type (facts F21).
      notEas: /rest|outlook/i.test(device.ClientType ?? ''),
    };
  });
}

export function deviceName(device: Pick<DeviceView, 'friendlyName' | 'deviceModel' | 'deviceType' | 'deviceId'>): string {
  const name = device.friendlyName || device.deviceModel || device.deviceType || 'Phone';
  return `${name} (${device.deviceId})`;
}

function atLeast(version: string, minimum: readonly [number, number]): boolean {
  const [major = 0, minor = 0] = version.split('.').map((p) => Number.parseInt(p, 10));
  return major > minimum[0] || (major === minimum[0] && minor >= minimum[1]);
}

