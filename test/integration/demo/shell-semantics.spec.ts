import { afterEach, describe, expect, it } from 'vitest';
import { quietPhones } from '../../../src-main/domain/judges/quiet-phones';
import { issueDemoToken } from '../../../src-main/services/demo/demo-token';
import { listScenarios, loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { RawHost } from '../protocol/raw-host';
import { demoConnectParams, demoShellLaunch } from './demo-shell-launch';

type Message = Record<string, unknown>;
type Device = {
  DeviceId: string;
  DeviceAccessState: string;
  DeviceAccessStateReason: string;
  DeviceAccessControlRule: string | null;
  ClientVersion: string;
};
const ALEX = 'alex.wilber@contoso.example';
const AUTO_BLOCK_REASONS = [
  'UserAgentsChanges',
  'RecentCommands',
  'Watsons',
  'OutOfBudgets',
  'SyncCommands',
  'CommandFrequency',
];

let host: RawHost | undefined;
let sequence = 0;
afterEach(async () => {
  await host?.dispose();
  host = undefined;
});

/** Starts the bundled shell on a scenario and connects it with a demo identity token. */
async function connected(
  scenario: string,
  extraArgs: string[] = [],
): Promise<(cmdlet: string, params?: Message) => Promise<Message>> {
  host = RawHost.start(await demoShellLaunch(scenario, extraArgs));
  await host.next(30_000);
  const call = (cmdlet: string, params: Message = {}) =>
    host!.request({ id: `t-${++sequence}`, cmdlet, params });
  expect((await call('Connect-ExchangeOnline', await demoConnectParams(scenario))).ok).toBe(true);
  return call;
}

const data = (m: Message) => {
  expect(m.ok, JSON.stringify(m).slice(0, 400)).toBe(true);
  return m.data as Message[];
};
const errorOf = (m: Message) => {
  expect(m.ok).toBe(false);
  return m.error as { kind: string; category: string; message: string };
};
const devices = async (call: Awaited<ReturnType<typeof connected>>) =>
  data(await call('Get-MobileDevice', { Mailbox: ALEX })) as unknown as Device[];

describe('simulated shell: debug logging', () => {
  it('reads the flag back only with -ActiveSyncDebugLogging (always False without it)', async () => {
    const call = await connected('healthy-iphone');
    expect(data(await call('Get-CASMailbox', { Identity: ALEX }))[0]?.ActiveSyncDebugLogging).toBe(false);
    expect(
      data(await call('Get-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }))[0]
        ?.ActiveSyncDebugLogging,
    ).toBe(true);
  });

  it('turns logging on and lets it lapse after 48 hours of scenario time', async () => {
    // 100 000× speed: 48 h of scenario time pass in about 1.7 s.
    const call = await connected('healthy-iphone', ['--clock-speed', '100000']);
    const read = async () =>
      data(await call('Get-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }))[0]
        ?.ActiveSyncDebugLogging;
    data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: false }));
    expect(await read()).toBe(false);
    data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }));
    expect(await read()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(await read()).toBe(false);
  });

  it('keeps the captured log after logging is switched off', async () => {
    const call = await connected('sync-key-loop');
    data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: false }));
    const stats = data(await call('Get-MobileDeviceStatistics', { Mailbox: ALEX, GetMailboxLog: true }))[0]!;
    expect(String(stats.MailboxLogReport)).toContain('Log Entry: 0');
  });

  it('warns when a Set changes nothing, as Exchange does', async () => {
    const call = await connected('activesync-disabled');
    const response = await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncEnabled: false });
    expect(response.ok).toBe(true);
    expect(String((response.warnings as string[])[0])).toMatch(
      /no settings of 'alex.wilber' have been modified/,
    );
  });
});

describe('simulated shell: allow/block lists follow the ABQ precedence', () => {
  it('allows a quarantined device through the allow list and blocks it through the block list, which takes it off the allow list (F26)', async () => {
    const call = await connected('quarantined-org-default');
    const samsung = async () => (await devices(call)).find((d) => d.DeviceId === 'SEC1A2B3C4D5E6F7A8')!;
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Quarantined',
      DeviceAccessStateReason: 'Global',
    });
    data(
      await call('Set-CASMailbox', {
        Identity: ALEX,
        ActiveSyncAllowedDeviceIDs: { Add: ['SEC1A2B3C4D5E6F7A8'] },
      }),
    );
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Allowed',
      DeviceAccessStateReason: 'Individual',
    });
    data(
      await call('Set-CASMailbox', {
        Identity: ALEX,
        ActiveSyncBlockedDeviceIDs: { Add: ['SEC1A2B3C4D5E6F7A8'] },
      }),
    );
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Blocked',
      DeviceAccessStateReason: 'Individual',
    });
    const cas = data(await call('Get-CASMailbox', { Identity: ALEX }))[0]!;
    expect(cas.ActiveSyncAllowedDeviceIDs).toEqual(['F2KQ7HZX1C9N3P5R7T9V1X3Z5B']);
    expect(cas.ActiveSyncBlockedDeviceIDs).toEqual(['SEC1A2B3C4D5E6F7A8']);
    data(
      await call('Set-CASMailbox', {
        Identity: ALEX,
        ActiveSyncBlockedDeviceIDs: { Remove: ['SEC1A2B3C4D5E6F7A8'] },
        ActiveSyncAllowedDeviceIDs: { Remove: ['SEC1A2B3C4D5E6F7A8'] },
      }),
    );
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Quarantined',
      DeviceAccessStateReason: 'Global',
    });
  });

  it("reports the decision stored at a phone's last request until a change to its lists (the demo phone then connects at once)", async () => {
    const call = await connected('quarantine-approved-awaiting-phone');
    const samsung = async () => (await devices(call)).find((d) => d.DeviceId === 'SEC1A2B3C4D5E6F7A8')!;
    // On the allowed list, yet Exchange still shows the quarantine it decided before (F26).
    expect(data(await call('Get-CASMailbox', { Identity: ALEX }))[0]!.ActiveSyncAllowedDeviceIDs).toContain('SEC1A2B3C4D5E6F7A8');
    expect(await samsung()).toMatchObject({ DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' });
    // Another phone's list entry leaves this phone's stored decision alone.
    data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncBlockedDeviceIDs: { Add: ['OTHERPHONE1'] } }));
    expect(await samsung()).toMatchObject({ DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' });
    data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncAllowedDeviceIDs: { Add: ['SEC1A2B3C4D5E6F7A8'] } }));
    expect(await samsung()).toMatchObject({ DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Individual' });
  });

  it('keeps an auto-blocked device blocked despite the allow list, but the block list wins over auto-block', async () => {
    const call = await connected('auto-blocked-command-frequency');
    const samsung = async () => (await devices(call)).find((d) => d.DeviceId === 'SEC1A2B3C4D5E6F7A8')!;
    data(
      await call('Set-CASMailbox', {
        Identity: ALEX,
        ActiveSyncAllowedDeviceIDs: { Add: ['SEC1A2B3C4D5E6F7A8'] },
      }),
    );
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Blocked',
      DeviceAccessStateReason: 'CommandFrequency',
    });
    data(
      await call('Set-CASMailbox', {
        Identity: ALEX,
        ActiveSyncBlockedDeviceIDs: { Add: ['SEC1A2B3C4D5E6F7A8'] },
      }),
    );
    expect(await samsung()).toMatchObject({
      DeviceAccessState: 'Blocked',
      DeviceAccessStateReason: 'Individual',
    });
  });

  it('names the matching device access rule the way Exchange does', async () => {
    const call = await connected('missing-graph-permission');
    const a54 = (await devices(call)).find((d) => d.DeviceId === 'SEC9F8E7D6C5B4A3928')!;
    expect(a54).toMatchObject({
      DeviceAccessState: 'Quarantined',
      DeviceAccessStateReason: 'DeviceRule',
      DeviceAccessControlRule: 'SM-A546B (DeviceModel)',
    });
    const rules = data(await call('Get-ActiveSyncDeviceAccessRule'));
    expect(rules[0]).toMatchObject({
      Name: 'SM-A546B (DeviceModel)',
      Characteristic: 'DeviceModel',
      AccessLevel: 'Quarantine',
    });
  });
});

describe('simulated shell: Exchange texts and objects', () => {
  it('says retired Client Access Rule cmdlets are not recognized', async () => {
    const call = await connected('healthy-iphone');
    for (const [cmdlet, params] of [
      ['Get-ClientAccessRule', {}],
      [
        'Test-ClientAccessRule',
        {
          User: ALEX,
          Protocol: 'ExchangeActiveSync',
          AuthenticationType: 'OAuthAuthentication',
          RemoteAddress: '198.51.100.7',
          RemotePort: 443,
        },
      ],
    ] as const) {
      const error = errorOf(await call(cmdlet, params));
      expect(error.kind).toBe('command-not-found');
      expect(error.message).toContain(`The term '${cmdlet}' is not recognized as a name of a cmdlet`);
    }
  });

  it('answers an unknown mailbox with Exchange\'s "couldn\'t be found" text', async () => {
    const call = await connected('healthy-iphone');
    const error = errorOf(await call('Get-CASMailbox', { Identity: 'nobody@contoso.example' }));
    expect(error).toMatchObject({ kind: 'cmdlet-error', category: 'ObjectNotFound' });
    expect(error.message).toMatch(
      /^The operation couldn't be performed because object 'nobody@contoso.example' couldn't be found on '/,
    );
  });

  it('Get-Recipient: the kind of recipient, Exchange\'s not-found error, and -Anr matches within -ResultSize', async () => {
    const call = await connected('shared-mailbox-entered');
    expect(data(await call('Get-Recipient', { Identity: ALEX }))[0]).toMatchObject({ PrimarySmtpAddress: ALEX, RecipientTypeDetails: 'UserMailbox' });
    expect(data(await call('Get-Recipient', { Identity: 'sales@contoso.example' }))[0]).toMatchObject({ RecipientTypeDetails: 'SharedMailbox' });
    const error = errorOf(await call('Get-Recipient', { Identity: 'alex.wilbur@contoso.example' }));
    expect(error).toMatchObject({ kind: 'cmdlet-error', category: 'ObjectNotFound' });
    expect(error.message).toMatch(/^The operation couldn't be performed because object 'alex.wilbur@contoso.example' couldn't be found on '/);
    expect(data(await call('Get-Recipient', { Anr: 'alex' })).map((r) => r.PrimarySmtpAddress)).toEqual([ALEX]);
    expect(data(await call('Get-Recipient', { Anr: 't' }))).toHaveLength(2); // Helpdesk Tier 1, Sales Team
    expect(data(await call('Get-Recipient', { Anr: 't', ResultSize: '1' }))).toHaveLength(1);
    expect(errorOf(await call('Get-Recipient', {})).kind).toBe('invalid-params');
  });

  it('a hybrid user is a MailUser recipient with no Exchange Online mailbox; an unlicensed one is only a User', async () => {
    const hybrid = await connected('hybrid-mailbox-on-premises');
    expect(data(await hybrid('Get-Recipient', { Identity: ALEX }))[0]).toMatchObject({ RecipientTypeDetails: 'MailUser' });
    expect(errorOf(await hybrid('Get-CASMailbox', { Identity: ALEX })).category).toBe('ObjectNotFound');
    await host?.dispose();
    const unlicensed = await connected('unlicensed-mailbox');
    expect(errorOf(await unlicensed('Get-Recipient', { Identity: ALEX })).category).toBe('ObjectNotFound');
    expect(data(await unlicensed('Get-User', { Identity: ALEX }))[0]).toMatchObject({ UserPrincipalName: ALEX, RecipientTypeDetails: 'User' });
  });

  it('returns MailboxLogReport only with -GetMailboxLog, and it is the scenario log text', async () => {
    const call = await connected('sync-key-loop');
    const scenario = loadScenario('sync-key-loop');
    const expected = scenario.exchange.mobileDevices[0]!.mailboxLog as { text: string };
    const plain = data(await call('Get-MobileDeviceStatistics', { Mailbox: ALEX }))[0]!;
    expect(plain).not.toHaveProperty('MailboxLogReport');
    const withLog = data(
      await call('Get-MobileDeviceStatistics', { Mailbox: ALEX, GetMailboxLog: true }),
    )[0]!;
    expect(withLog.MailboxLogReport).toBe(expected.text);
    expect(String(withLog.MailboxLogReport)).toContain('<Status>3</Status>');
    const byIdentity = data(await call('Get-MobileDeviceStatistics', { Identity: String(plain.Identity) }));
    expect(byIdentity).toHaveLength(1);
  });

  it('refuses a Graph token at Connect-ExchangeOnline and fails cmdlets once its own token expires', async () => {
    host = RawHost.start(await demoShellLaunch('healthy-iphone'));
    await host.next(30_000);
    const scenario = loadScenario('healthy-iphone');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      tid: scenario.tenant.id,
      oid: scenario.operator.userId,
      upn: 'helpdesk@contoso.example',
      scp: ['Exchange.Manage'],
      iat: now,
    };
    const wrong = await host.request({
      id: 'c1',
      cmdlet: 'Connect-ExchangeOnline',
      params: {
        AccessToken: issueDemoToken({ ...claims, aud: 'graph', exp: now + 600 }),
        UserPrincipalName: 'helpdesk@contoso.example',
      },
    });
    expect(errorOf(wrong)).toMatchObject({ kind: 'cmdlet-error', category: 'AuthenticationError' });
    expect(errorOf(await host.request({ id: 'c2', cmdlet: 'Get-OrganizationConfig', params: {} })).kind).toBe(
      'not-connected',
    );
    const shortLived = issueDemoToken({ ...claims, aud: 'exchange', exp: now + 2 });
    expect(
      (
        await host.request({
          id: 'c3',
          cmdlet: 'Connect-ExchangeOnline',
          params: { AccessToken: shortLived, UserPrincipalName: 'helpdesk@contoso.example' },
        })
      ).ok,
    ).toBe(true);
    expect((await host.request({ id: 'c4', cmdlet: 'Get-OrganizationConfig', params: {} })).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, (now + 2) * 1000 - Date.now() + 300));
    expect(
      errorOf(await host.request({ id: 'c5', cmdlet: 'Get-OrganizationConfig', params: {} })),
    ).toMatchObject({ kind: 'cmdlet-error', category: 'AuthenticationError' });
  });
});

describe('simulated shell: every built-in scenario shows its story in Exchange', () => {
  const checks: Record<string, (devices: Device[], cas: Message) => boolean> = {
    DEVICE_BLOCKED: (ds) =>
      ds.some(
        (d) =>
          d.DeviceAccessState === 'Blocked' &&
          ['Individual', 'DeviceRule', 'Global'].includes(d.DeviceAccessStateReason),
      ),
    DEVICE_QUARANTINED: (ds) =>
      ds.some(
        (d) =>
          d.DeviceAccessState === 'Quarantined' &&
          ['Global', 'DeviceRule'].includes(d.DeviceAccessStateReason),
      ),
    DEVICE_NOT_COMPLIANT: (ds) =>
      ds.some(
        (d) => d.DeviceAccessState === 'Quarantined' && d.DeviceAccessStateReason === 'ExternalCompliance',
      ),
    DEVICE_NOT_ENROLLED: (ds) =>
      ds.some(
        (d) => d.DeviceAccessState === 'Quarantined' && d.DeviceAccessStateReason === 'ExternalEnrollment',
      ),
    DEVICE_AUTO_BLOCKED: (ds) =>
      ds.some(
        (d) => d.DeviceAccessState === 'Blocked' && AUTO_BLOCK_REASONS.includes(d.DeviceAccessStateReason),
      ),
    // Exchange still shows its decision from the phone's last request, though the allowed list now lets it in (F26).
    DEVICE_RELEASED_AWAITING_PHONE: (ds, cas) =>
      ds.some(
        (d) =>
          ['Blocked', 'Quarantined'].includes(d.DeviceAccessState) &&
          (cas.ActiveSyncAllowedDeviceIDs as string[]).some((id) => id.toLowerCase() === String(d.DeviceId).toLowerCase()),
      ),
    // Blocked because the phone cannot meet the mobile device mailbox policy: not an admin block.
    DEVICE_NOT_PROVISIONABLE: (ds) => ds.some((d) => d.DeviceAccessState === 'Blocked' && d.DeviceAccessStateReason === 'Policy'),
    EAS_DISABLED_FOR_MAILBOX: (_ds, cas) => cas.ActiveSyncEnabled === false,
    // Off by the CAS mailbox plan (F38): the plan itself is checked below.
    EAS_OFF_BY_POLICY: (_ds, cas) => cas.ActiveSyncEnabled === false,
    // The 100-partnership limit (F35): Get-MobileDevice lists them all.
    MAXIMUM_DEVICES_REACHED: (ds) => ds.length >= 100,
    EAS_VERSION_UNSUPPORTED: (ds) => ds.some((d) => Number(d.ClientVersion) < 16.1),
  };

  type Call = Awaited<ReturnType<typeof connected>>;
  const typeOf = async (call: Call, identity: string) => {
    const answer = await call('Get-Recipient', { Identity: identity });
    return answer.ok ? (answer.data as Message[])[0]?.RecipientTypeDetails : (answer.error as { category: string }).category;
  };
  // The mailbox-gate stories: what Exchange says the address is.
  const gate: Record<string, (call: Call) => Promise<void>> = {
    MAILBOX_NOT_FOUND: async (call) => expect(await typeOf(call, 'alex.wilbur@contoso.example')).toBe('ObjectNotFound'),
    MAILBOX_UNLICENSED: async (call) => {
      expect(await typeOf(call, ALEX)).toBe('ObjectNotFound');
      expect(data(await call('Get-User', { Identity: ALEX }))[0]?.RecipientTypeDetails).toBe('User');
    },
    MAILBOX_ON_PREMISES: async (call) => expect(await typeOf(call, ALEX)).toBe('MailUser'),
    SHARED_OR_RESOURCE_MAILBOX: async (call) => expect(await typeOf(call, 'sales@contoso.example')).toBe('SharedMailbox'),
    // Training: logging is off, so Exchange has no log; the phone talks only a few seconds after it is turned on.
    EVIDENCE_UNAVAILABLE: async (call) => {
      const logging = async () => data(await call('Get-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }))[0]!.ActiveSyncDebugLogging;
      const log = async () => String(data(await call('Get-MobileDeviceStatistics', { Mailbox: ALEX, GetMailboxLog: true }))[0]!.MailboxLogReport);
      expect(await logging()).toBe(false);
      expect((await devices(call)).map((d) => d.DeviceAccessState)).toEqual(['Allowed']);
      expect(await log()).toBe('');
      data(await call('Set-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }));
      expect(await logging()).toBe(true);
      expect(await log()).toBe('');
    },
    // A wipe waits for the phone: Exchange shows it in the device statistics before it connects (F36).
    REMOTE_WIPE_PENDING: async (call) => {
      const stats = data(await call('Get-MobileDeviceStatistics', { Mailbox: ALEX }));
      expect(stats.some((s) => s.Status === 'DeviceWipePending')).toBe(true);
    },
  };

  for (const summary of listScenarios()) {
    it(`${summary.id}: ${summary.rootCauses.join(', ') || 'healthy'}`, async () => {
      const call = await connected(summary.id);
      const story = summary.rootCauses.find((c) => gate[c] !== undefined);
      if (story !== undefined) return gate[story]!(call);
      const ds = await devices(call);
      const cas = data(await call('Get-CASMailbox', { Identity: ALEX, ActiveSyncDebugLogging: true }))[0]!;
      expect(cas.ActiveSyncDebugLogging).toBe(true);
      for (const cause of summary.rootCauses)
        if (checks[cause]) expect(checks[cause](ds, cas), cause).toBe(true);
      if (summary.rootCauses.includes('EAS_OFF_BY_POLICY')) {
        // The policy shows in Exchange: a plan with ActiveSync off, or most other user mailboxes with it off.
        const plans = data(await call('Get-CASMailboxPlan', {}));
        const people = data(await call('Get-CASMailbox', { RecipientTypeDetails: 'UserMailbox', ResultSize: '200' })).filter((m) => m.PrimarySmtpAddress !== ALEX);
        const mostOff = people.filter((m) => m.ActiveSyncEnabled === false).length * 2 > people.length;
        expect(plans.some((p) => p.ActiveSyncEnabled === false) || mostOff).toBe(true);
      }
      const deviceCauses = Object.keys(checks).filter((c) => c !== 'EAS_VERSION_UNSUPPORTED' && c !== 'MAXIMUM_DEVICES_REACHED');
      if (!summary.rootCauses.some((c) => deviceCauses.includes(c))) {
        // Nothing in Exchange is the cause: no phone in use is held back by ABQ. A phone that has
        // not tried for QUIET_DAYS while another has (an old or lost one) may stay blocked.
        const stats = data(await call('Get-MobileDeviceStatistics', { Mailbox: ALEX }));
        const { clock } = loadScenario(summary.id, { scenariosDir: 'assets/scenarios' });
        const quiet = quietPhones(stats.map((d) => ({ DeviceId: String(d.DeviceId), LastSyncAttemptTime: d.LastSyncAttemptTime as string | undefined })), clock.now, undefined);
        expect(
          ds.filter((d) => d.DeviceAccessState !== 'Allowed' && !quiet.has(String(d.DeviceId).toLowerCase())),
          summary.id,
        ).toEqual([]);
        expect(cas.ActiveSyncEnabled).toBe(true);
      }
    });
  }
});
