import { describe, expect, it } from 'vitest';
import { judgeAction, offeredActions, wipePendingFrom, type ActionSituation, type GuardDevice } from '../../../src-main/domain/device-access/action-guard';
import { describeActionOutcome } from '../../../src-main/domain/device-access/action-outcome';

const ID = 'ApplF4K7Q2';

function situation(device: Partial<GuardDevice>, lists: { allowed?: string[]; blocked?: string[]; easEnabled?: boolean } = {}): ActionSituation {
  return {
    mailbox: { activeSyncEnabled: lists.easEnabled ?? true, allowedDeviceIds: lists.allowed ?? [], blockedDeviceIds: lists.blocked ?? [] },
    devices: [{ deviceId: ID, accessState: 'Allowed', accessStateReason: 'Global', wipePending: false, ...device }],
  };
}

const kinds = (s: ActionSituation) => offeredActions(s).devices.find((d) => d.deviceId === ID)?.actions;

describe('the action guard: Allow only releases a quarantine (facts F26)', () => {
  it.each(['Global', 'DeviceRule'])('offers Allow for a phone quarantined with reason %s', (reason) => {
    expect(judgeAction('allow-device', ID, situation({ accessState: 'Quarantined', accessStateReason: reason }))).toEqual({ allowed: true });
    expect(kinds(situation({ accessState: 'Quarantined', accessStateReason: reason }))).toEqual(['allow-device', 'block-device']);
  });

  it.each([
    ['a Block rule', 'Blocked', 'DeviceRule', /device access rule/],
    ['a Block organisation default', 'Blocked', 'Global', /organisation's default/],
    ['an automatic block', 'Blocked', 'CommandFrequency', /by itself/],
    ['a Blocked / Policy phone', 'Blocked', 'Policy', /not an admin block/],
    ['an Intune compliance quarantine', 'Quarantined', 'ExternalCompliance', /Intune/],
    ['an Intune enrollment quarantine', 'Quarantined', 'ExternalEnrollment', /Company Portal/],
  ])('refuses Allow for %s, saying why', (_label, accessState, accessStateReason, why) => {
    const verdict = judgeAction('allow-device', ID, situation({ accessState, accessStateReason }));
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(why);
    expect(kinds(situation({ accessState, accessStateReason }))).not.toContain('allow-device');
  });

  it('refuses Allow for a phone on the blocked list, even with an allow-list entry, and offers Unblock instead', () => {
    const lostThenFound = situation({ accessState: 'Blocked', accessStateReason: 'Individual' }, { blocked: [ID.toLowerCase()], allowed: [ID] });
    const verdict = judgeAction('allow-device', ID, lostThenFound);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(/blocked list.*on purpose/);
    expect(kinds(lostThenFound)).toEqual(['unblock-device']);
  });
});

describe('the action guard: Unblock, Block and Enable ActiveSync', () => {
  it('offers Unblock only when the id is on ActiveSyncBlockedDeviceIDs', () => {
    expect(judgeAction('unblock-device', ID, situation({ accessState: 'Blocked', accessStateReason: 'Individual' }, { blocked: [ID] })).allowed).toBe(true);
    const ruleBlock = judgeAction('unblock-device', ID, situation({ accessState: 'Blocked', accessStateReason: 'DeviceRule' }));
    expect(ruleBlock.allowed ? '' : ruleBlock.reason).toMatch(/not on the user's blocked list.*device access rule/);
  });

  it('refuses everything that changes access while a remote wipe is pending (F36)', () => {
    const wiping = situation({ accessState: 'Blocked', accessStateReason: 'Individual', wipePending: true }, { blocked: [ID], easEnabled: false });
    for (const kind of ['allow-device', 'unblock-device', 'block-device'] as const) {
      const verdict = judgeAction(kind, ID, wiping);
      expect(verdict.allowed ? '' : verdict.reason).toMatch(/remote wipe is pending/);
    }
    expect(judgeAction('enable-activesync', undefined, wiping).allowed).toBe(false);
    expect(offeredActions(wiping)).toEqual({ mailbox: [], devices: [{ deviceId: ID, actions: [] }] });
    expect(judgeAction('enable-debug-logging', undefined, wiping).allowed).toBe(true);
  });

  it('offers Enable ActiveSync only when it is off, and escalates when it is off by policy (F38)', () => {
    expect(offeredActions(situation({}, { easEnabled: false })).mailbox).toEqual(['enable-activesync']);
    expect(offeredActions(situation({}, { easEnabled: true })).mailbox).toEqual([]);
    const byPlan = { ...situation({}, { easEnabled: false }), activeSyncOffByPolicy: 'the CAS mailbox plan turns it off for new mailboxes' };
    const verdict = judgeAction('enable-activesync', undefined, byPlan);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(/policy decision/);
  });

  it('refuses device actions before the mailbox lists are read, and for unknown phones', () => {
    const unread: ActionSituation = { mailbox: null, devices: [{ deviceId: ID, accessState: 'Quarantined', accessStateReason: 'Global', wipePending: false }] };
    expect(judgeAction('allow-device', ID, unread).allowed).toBe(false);
    expect(judgeAction('allow-device', 'OtherPhone', situation({ accessState: 'Quarantined' })).allowed).toBe(false);
  });
});

describe('wipePendingFrom (Get-MobileDeviceStatistics)', () => {
  it('reads the status and unacknowledged wipe requests', () => {
    expect(wipePendingFrom({ Status: 'DeviceWipePending' })).toBe(true);
    expect(wipePendingFrom({ Status: 'DeviceOk', AccountOnlyDeviceWipeRequestTime: '2026-05-01T10:00:00Z', AccountOnlyDeviceWipeAckTime: null })).toBe(true);
    expect(wipePendingFrom({ Status: 'DeviceOk', DeviceWipeRequestTime: '2026-05-01T10:00:00Z', DeviceWipeAckTime: '2026-05-01T10:05:00Z' })).toBe(false);
    expect(wipePendingFrom({ Status: 'DeviceOk' })).toBe(false);
    expect(wipePendingFrom(undefined)).toBe(false);
  });
});

describe('describeActionOutcome (the read-back audit entry)', () => {
  const snapshot = (blocked: string[], state: string, reason: string, findings: Array<{ code: string; title: string }>) => ({
    situation: { mailbox: { activeSyncEnabled: true, allowedDeviceIds: [], blockedDeviceIds: blocked }, devices: [{ deviceId: ID, accessState: state, accessStateReason: reason, wipePending: false }] },
    findings,
  });
  const blockedFinding = { code: 'DEVICE_BLOCKED', title: 'Exchange blocks this device' };

  it('reads the lists and state back, and says which findings are gone', () => {
    const text = describeActionOutcome('unblock-device', ID, snapshot([ID], 'Blocked', 'Individual', [blockedFinding]), snapshot([], 'Quarantined', 'Global', []));
    expect(text).toBe('Read back: on the allowed list no → no, on the blocked list yes → no. DeviceAccessState Blocked (Individual) → Quarantined (Global). Gone after re-checking: Exchange blocks this device.');
  });

  it('says when the state has not moved yet', () => {
    const text = describeActionOutcome('unblock-device', ID, snapshot([ID], 'Blocked', 'Individual', [blockedFinding]), snapshot([], 'Blocked', 'Individual', [blockedFinding]));
    expect(text).toContain("DeviceAccessState is still Blocked (Individual): Exchange decides again on the phone's next request.");
    expect(text).toContain('Still found: Exchange blocks this device.');
  });
});
