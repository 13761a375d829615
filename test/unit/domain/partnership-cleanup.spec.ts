import { describe, expect, it } from 'vitest';
import { judgeAction, offeredActions, type ActionSituation, type GuardDevice } from '../../../src-main/domain/device-access/action-guard';
import { activeSyncOffByPolicy } from '../../../src-main/domain/device-access/activesync-policy';
import { evaluateCasMailbox } from '../../../src-main/domain/evaluators/cas-mailbox';
import { judgeLogs, notTriedSinceLogging } from '../../../src-main/domain/judges/logs';
import { describeActionOutcome } from '../../../src-main/domain/device-access/action-outcome';
import type { MailboxLogAnalysis } from '../../../src-main/domain/diagnosis/analyze-mailbox-log';

const NOW = '2026-11-26T09:00:00Z';
const TARGET = 'NEWPHONE1';

/** n partnerships; the first `fresh` synced yesterday, the rest a year ago (oldest last). */
function fleet(n: number, fresh = 1, extra: Partial<GuardDevice> = {}): GuardDevice[] {
  return Array.from({ length: n }, (_, i) => ({
    deviceId: `DEV${i}`,
    name: `Phone ${i}`,
    accessState: 'Allowed',
    accessStateReason: 'Global',
    wipePending: false,
    lastSuccessSync: i < fresh ? '2026-11-25T08:00:00Z' : new Date(Date.parse('2025-11-01T00:00:00Z') - i * 86_400_000).toISOString(),
    ...extra,
  }));
}

function situation(devices: GuardDevice[], over: Partial<ActionSituation> = {}): ActionSituation {
  return { mailbox: { activeSyncEnabled: true, allowedDeviceIds: [], blockedDeviceIds: [] }, devices, now: NOW, targetDeviceId: TARGET, ...over };
}

const reason = (v: ReturnType<typeof judgeAction>) => (v.allowed ? '' : v.reason);

describe('remove-device: only to free a slot at the partnership limit (facts F35)', () => {
  it('offers the stale partnerships at 100, oldest last sync first, and names each with its last sync', () => {
    const offered = offeredActions(situation(fleet(100)));
    expect(offered.removable).toHaveLength(99);
    expect(offered.removable?.[0]).toEqual({ deviceId: 'DEV99', label: 'Phone 99 (DEV99), last sync 2025-07-25' });
    expect(offered.removable?.map((r) => r.deviceId)).not.toContain('DEV0');
    expect(offered.devices.find((d) => d.deviceId === 'DEV5')?.actions).toContain('remove-device');
  });

  it('is not offered well below the limit, but is from 90 partnerships or when the log shows status 177', () => {
    expect(reason(judgeAction('remove-device', 'DEV5', situation(fleet(20))))).toMatch(/20 phone partnerships, well below the limit of 100/);
    expect(offeredActions(situation(fleet(20))).removable).toBeUndefined();
    expect(judgeAction('remove-device', 'DEV5', situation(fleet(90))).allowed).toBe(true);
    expect(judgeAction('remove-device', 'DEV5', situation(fleet(20), { maxDevicesRefused: true })).allowed).toBe(true);
  });

  it('never removes the phone being diagnosed, nor one that synced recently', () => {
    const devices = fleet(100);
    expect(reason(judgeAction('remove-device', 'DEV7', situation(devices, { targetDeviceId: 'dev7' })))).toMatch(/the one being diagnosed/);
    expect(reason(judgeAction('remove-device', 'DEV0', situation(devices)))).toMatch(/synced within the last 30 days.*Outlook on the web/);
  });

  it('removes nothing while a remote wipe is pending for any of the user’s phones (F36)', () => {
    const devices = fleet(100);
    devices[42] = { ...devices[42]!, wipePending: true };
    expect(reason(judgeAction('remove-device', 'DEV5', situation(devices)))).toMatch(/remote wipe is pending for the phone DEV42/);
    expect(reason(judgeAction('remove-device', 'DEV42', situation(devices)))).toMatch(/remote wipe is pending/);
    expect(offeredActions(situation(devices)).removable).toBeUndefined();
  });

  it('counts a partnership that never synced as stale, and judges nothing stale without a clock', () => {
    const devices = fleet(100);
    devices[3] = { ...devices[3]!, lastSuccessSync: null };
    expect(judgeAction('remove-device', 'DEV3', situation(devices)).allowed).toBe(true);
    expect(judgeAction('remove-device', 'DEV3', situation(devices, { now: undefined })).allowed).toBe(false);
  });
});

describe('ActiveSync off by policy (facts F38)', () => {
  it('reads a CAS mailbox plan with ActiveSync off as policy; all plans on, or none read, is not', () => {
    expect(activeSyncOffByPolicy([{ DisplayName: 'ExchangeOnlineEnterprise', ActiveSyncEnabled: false }])?.because).toMatch(/every CAS mailbox plan \(ExchangeOnlineEnterprise\)/);
    expect(activeSyncOffByPolicy([{ DisplayName: 'A', ActiveSyncEnabled: false }, { DisplayName: 'B', ActiveSyncEnabled: true }])).toEqual({ because: expect.stringMatching(/plan A turns ActiveSync off/), source: 'plans' });
    expect(activeSyncOffByPolicy([{ DisplayName: 'A', ActiveSyncEnabled: true }])).toBeUndefined();
    expect(activeSyncOffByPolicy(undefined)).toBeUndefined();
  });

  it('reads ActiveSync off for most other user mailboxes as policy too, but not a few, nor too small a sample', () => {
    const on = [{ DisplayName: 'A', ActiveSyncEnabled: true }];
    expect(activeSyncOffByPolicy(on, { limit: 200, read: 200, activeSyncOff: 150 })).toEqual({ because: expect.stringMatching(/^150 of the first 200 other user mailboxes Exchange listed have ActiveSync off too/), source: 'peers' });
    expect(activeSyncOffByPolicy(on, { limit: 200, read: 8, activeSyncOff: 6, all: true })?.because).toMatch(/^6 of the 8 other user mailboxes have/);
    // The case's own mailbox left out of a full page: still the first of many, not all of them.
    expect(activeSyncOffByPolicy(on, { limit: 200, read: 199, activeSyncOff: 150, all: false })?.because).toMatch(/^150 of the first 199 other user mailboxes Exchange listed/);
    // Half is not most; a handful of mailboxes says nothing; a plan outranks the count.
    expect(activeSyncOffByPolicy(on, { limit: 200, read: 200, activeSyncOff: 100 })).toBeUndefined();
    expect(activeSyncOffByPolicy(undefined, { limit: 200, read: 4, activeSyncOff: 4 })).toBeUndefined();
    expect(activeSyncOffByPolicy([{ DisplayName: 'P', ActiveSyncEnabled: false }], { limit: 200, read: 200, activeSyncOff: 0 })?.source).toBe('plans');
  });

  it('most mailboxes off makes EAS_OFF_BY_POLICY, a few do not', () => {
    const cas = { ActiveSyncEnabled: false, PrimarySmtpAddress: 'alex@contoso.example' };
    const [draft] = evaluateCasMailbox(cas, [], { limit: 200, read: 40, activeSyncOff: 39, all: true });
    expect(draft?.code).toBe('EAS_OFF_BY_POLICY');
    expect(draft?.detail).toContain('39 of the 40 other user mailboxes');
    expect(evaluateCasMailbox(cas, [], { limit: 200, read: 40, activeSyncOff: 3 }).map((d) => d.code)).toEqual(['EAS_DISABLED_FOR_MAILBOX']);
  });

  it('escalates instead of offering Enable ActiveSync', () => {
    const off = { ...situation(fleet(1)), mailbox: { activeSyncEnabled: false, allowedDeviceIds: [], blockedDeviceIds: [] } };
    expect(judgeAction('enable-activesync', undefined, off).allowed).toBe(true);
    const byPlan = { ...off, activeSyncOffByPolicy: activeSyncOffByPolicy([{ DisplayName: 'P', ActiveSyncEnabled: false }])?.because };
    expect(reason(judgeAction('enable-activesync', undefined, byPlan))).toMatch(/off on purpose.*policy decision/);
    expect(offeredActions(byPlan).mailbox).toEqual([]);
  });

  it('the mailbox finding is EAS_OFF_BY_POLICY with the plan named, EAS_DISABLED_FOR_MAILBOX otherwise', () => {
    const cas = { PrimarySmtpAddress: 'alex@contoso.example', ActiveSyncEnabled: false };
    expect(evaluateCasMailbox(cas, [{ DisplayName: 'P', ActiveSyncEnabled: false }]).map((d) => d.code)).toEqual(['EAS_OFF_BY_POLICY']);
    expect(evaluateCasMailbox(cas, [{ DisplayName: 'P', ActiveSyncEnabled: true }]).map((d) => d.code)).toEqual(['EAS_DISABLED_FOR_MAILBOX']);
    expect(evaluateCasMailbox(cas).map((d) => d.code)).toEqual(['EAS_DISABLED_FOR_MAILBOX']);
  });
});

describe('an empty log: has the phone tried since logging started?', () => {
  const emptyLog = { devices: [], drafts: [], patterns: [] } as unknown as MailboxLogAnalysis;
  const codes = (window: Parameters<typeof judgeLogs>[3]) => judgeLogs(emptyLog, [], TARGET, window).findings.map((f) => f.code);

  it('says the phone has not tried when its last attempt is older than the logging start', () => {
    expect(notTriedSinceLogging({ enabledAt: '2026-11-26T08:00:00Z', lastSyncAttempt: '2026-11-25T20:00:00Z' })).toBe(true);
    const findings = judgeLogs(emptyLog, [], TARGET, { enabledAt: '2026-11-26T08:00:00Z', lastSyncAttempt: '2026-11-25T20:00:00Z' }).findings;
    expect(findings.map((f) => f.code)).toEqual(['PHONE_NOT_TRIED_SINCE_LOGGING']);
    expect(findings[0]?.detail).toContain('2026-11-25T20:00:00Z');
  });

  it('an attempt Exchange recorded after logging started reached the mailbox: the empty log is incomplete, "cannot tell", never "never reached"', () => {
    const findings = judgeLogs(emptyLog, [], TARGET, { enabledAt: '2026-11-26T08:00:00Z', lastSyncAttempt: '2026-11-26T08:30:00Z' }).findings;
    expect(findings.map((f) => f.code)).toEqual(['LOG_MISSING_RECORDED_ATTEMPT']);
    expect(findings[0]).toMatchObject({ certainty: 'unconfirmed' });
    expect(findings[0]?.detail).toContain('after that');
  });

  it('logging the app did not turn on started at most 72 hours before now (F4: 48 h, one source 72): an older attempt predates it', () => {
    const now = '2026-11-26T09:00:00Z';
    // Tried four days ago: before any logging that is on now.
    expect(codes({ enabledAt: undefined, lastSyncAttempt: '2026-11-22T09:00:00Z', now })).toEqual(['PHONE_NOT_TRIED_SINCE_LOGGING']);
    // Tried two hours ago: most likely before logging began, so the empty log is judged as before.
    expect(codes({ enabledAt: undefined, lastSyncAttempt: '2026-11-26T07:00:00Z', now })).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
    // "Never" says nothing without the start: the partnership exists, so the phone reached Exchange once.
    expect(codes({ enabledAt: undefined, lastSyncAttempt: null, now })).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
  });

  it('keeps NO_REQUESTS_REACHED_MAILBOX when either time is unknown', () => {
    expect(codes({ enabledAt: undefined, lastSyncAttempt: '2026-11-25T20:00:00Z' })).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
    expect(codes({ enabledAt: '2026-11-26T08:00:00Z', lastSyncAttempt: undefined })).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
    expect(codes(undefined)).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
  });
});

describe('the read-back of a removal', () => {
  it('counts the partnerships before and after and says whether the limit finding is gone', () => {
    const before = { situation: situation(fleet(100)), findings: [{ code: 'MAXIMUM_DEVICES_REACHED', title: 'The mailbox has too many phone partnerships' }] };
    const after = { situation: situation(fleet(100).filter((d) => d.deviceId !== 'DEV99')), findings: [] };
    expect(describeActionOutcome('remove-device', 'DEV99', before, after)).toBe(
      'Read back: Get-MobileDevice lists 100 → 99 partnerships; the phone DEV99 is no longer listed. Gone after re-checking: The mailbox has too many phone partnerships.',
    );
    // Exchange answered but the partnership is still there: said as it is, nothing claimed.
    expect(describeActionOutcome('remove-device', 'DEV99', before, { ...before })).toMatch(/100 → 100 partnerships; the phone DEV99 is still listed\. Still found: The mailbox has too many/);
  });
});
