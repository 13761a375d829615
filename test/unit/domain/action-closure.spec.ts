import { describe, expect, it } from 'vitest';
import { judgeActionClosure, openFindings, type ClosureSnapshot } from '../../../src-main/domain/device-access/action-closure';
import { buildFinding } from '../../../src-main/domain/diagnosis/catalog';
import { diagnose } from '../../../src-main/domain/diagnosis/diagnose';
import type { Finding } from '../../../src-main/shared/models/finding';
import { quietTenant } from './support/diagnosis-inputs';

// Closure after a fix (issue 17): what the action was meant to fix, what is gone after the
// re-read, what is still found and why, and the findings that stay in the ranked list.
const ID = 'SEC1A2B3C4D5E6F7A8';
const AT = '2026-11-26T09:42:00.000Z';

const finding = (code: 'DEVICE_QUARANTINED' | 'SEND_FAILED' | 'DEVICE_BLOCKED' | 'EAS_DISABLED_FOR_MAILBOX', certainty: 'confirmed' | 'inferred', deviceId: string | undefined = ID): Finding =>
  buildFinding({ code, detail: 'seen', evidence: [], confidence: certainty === 'confirmed' ? 'high' : 'medium', certainty, ...(deviceId ? { deviceId } : {}) });

const snap = (state: string, reason: string, allowed: string[], findings: Finding[], extra: Partial<ClosureSnapshot> = {}): ClosureSnapshot => ({
  situation: { mailbox: { activeSyncEnabled: true, allowedDeviceIds: allowed, blockedDeviceIds: [] }, devices: [{ deviceId: ID, accessState: state, accessStateReason: reason, wipePending: false }] },
  debugLogging: true,
  findings,
  ...extra,
});

describe('judgeActionClosure', () => {
  it('calls a quarantine fixed when Exchange now allows the phone and only the old log still shows it', () => {
    const before = snap('Quarantined', 'Global', [], [finding('DEVICE_QUARANTINED', 'confirmed'), finding('SEND_FAILED', 'inferred')]);
    const after = snap('Allowed', 'Individual', [ID], [finding('DEVICE_QUARANTINED', 'inferred'), finding('SEND_FAILED', 'inferred')]);
    const closure = judgeActionClosure('allow-device', ID, AT, before, after);
    expect(closure.result).toBe('fixed');
    expect(closure.at).toBe(AT);
    expect(closure.meantToFix).toEqual(['DEVICE_QUARANTINED']);
    expect(closure.fixed).toEqual([{ code: 'DEVICE_QUARANTINED', title: 'The device is in quarantine', deviceId: ID, words: 'the phone is no longer quarantined' }]);
    expect(closure.remaining.map((r) => r.code)).toEqual(['SEND_FAILED']);
    expect(closure.remaining[0]!.words).toMatch(/requests logged before the change; the phone's next request shows whether it is gone/);
    expect(closure.readBack).toEqual([
      { label: "On this user's allowed list", before: 'no', after: 'yes' },
      { label: "On this user's blocked list", before: 'no', after: 'no' },
      { label: "Exchange's decision for the phone", before: expect.stringMatching(/^Exchange quarantined this phone because/), after: expect.stringMatching(/^Exchange allows this phone because/) },
    ]);
    // The message to send comes from the data of the next step that offered the action.
    expect(closure.userMessage?.join(' ')).toMatch(/pull down on the inbox/);
  });

  it('calls a quarantine fixed once the phone is on the allowed list, though Exchange shows the old state until its next request (F26)', () => {
    const tenant = (allowed: string[]) =>
      diagnose(quietTenant({
        casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: true, ActiveSyncAllowedDeviceIDs: allowed },
        organizationSettings: { DefaultAccessLevel: 'Quarantine' },
        mobileDevices: [{ DeviceId: ID, DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' }],
        mailboxLog: { unavailable: 'not fetched' },
        targetDeviceId: ID,
      })).findings.filter((f) => f.deviceId !== undefined);
    const closure = judgeActionClosure('allow-device', ID, AT, snap('Quarantined', 'Global', [], tenant([])), snap('Quarantined', 'Global', [ID], tenant([ID])));
    expect(closure.result).toBe('fixed');
    expect(closure.fixed.map((f) => f.code)).toEqual(['DEVICE_QUARANTINED']);
    expect(closure.userMessage?.join(' ')).toMatch(/pull down on the inbox/);
  });

  it('says "not yet" while Exchange still confirms the finding, and why', () => {
    const before = snap('Blocked', 'Individual', [], [finding('DEVICE_BLOCKED', 'confirmed')]);
    const after = snap('Blocked', 'Individual', [], [finding('DEVICE_BLOCKED', 'confirmed')]);
    const closure = judgeActionClosure('unblock-device', ID, AT, before, after);
    expect(closure.result).toBe('not-yet');
    expect(closure.fixed).toEqual([]);
    expect(closure.remaining[0]!.words).toBe(`Still: ${finding('DEVICE_BLOCKED', 'confirmed').title}. Exchange decides again on the phone's next request.`);
  });

  it('is "done" for an action no finding asked for, reads back only what changed on the mailbox, and sends no message', () => {
    const before = snap('Allowed', 'Global', [], [], { debugLogging: false });
    const after = snap('Allowed', 'Global', [], [], { debugLogging: true });
    const closure = judgeActionClosure('enable-debug-logging', undefined, AT, before, after);
    expect(closure.result).toBe('done');
    expect(closure.readBack).toEqual([{ label: 'Debug logging', before: 'off', after: 'on' }]);
    expect(closure.userMessage).toBeUndefined();
  });

  it('needs no code for a new action kind: a finding whose next step offers it is what it was meant to fix', () => {
    const custom: Finding = { ...finding('SEND_FAILED', 'confirmed'), nextSteps: [{ who: 'tier1-in-app', text: 'Remove it', action: 'remove-device' as never }] };
    const before = snap('Allowed', 'Global', [], [custom]);
    const after: ClosureSnapshot = { ...snap('Allowed', 'Global', [], []), situation: { mailbox: before.situation.mailbox, devices: [] } };
    const closure = judgeActionClosure('remove-device', ID, AT, before, after);
    expect(closure).toMatchObject({ result: 'fixed', meantToFix: ['SEND_FAILED'] });
    expect(closure.fixed[0]!.words).toBe(`no longer found: ${custom.title}`);
    expect(closure.readBack.find((v) => v.label === "Exchange's decision for the phone")?.after).toBe('not listed by Exchange');
  });

  it('reads ActiveSync back for a mailbox action', () => {
    const before = snap('Allowed', 'Global', [], [finding('EAS_DISABLED_FOR_MAILBOX', 'confirmed', undefined)]);
    before.situation = { ...before.situation, mailbox: { ...before.situation.mailbox!, activeSyncEnabled: false } };
    const after = snap('Allowed', 'Global', [], []);
    const closure = judgeActionClosure('enable-activesync', undefined, AT, before, after);
    expect(closure.result).toBe('fixed');
    expect(closure.fixed[0]!.words).toBe('ActiveSync is on again for this mailbox');
    expect(closure.readBack).toEqual([{ label: 'ActiveSync for this mailbox', before: 'off', after: 'on' }]);
  });
});

describe('openFindings', () => {
  const quarantined = { ...finding('DEVICE_QUARANTINED', 'inferred'), rank: 1 };
  const send = { ...finding('SEND_FAILED', 'inferred'), rank: 2 };
  const closure = judgeActionClosure(
    'allow-device',
    ID,
    AT,
    snap('Quarantined', 'Global', [], [finding('DEVICE_QUARANTINED', 'confirmed')]),
    snap('Allowed', 'Individual', [ID], [quarantined]),
  );

  it('takes a fixed finding out of the ranked list and ranks the rest from 1', () => {
    expect(openFindings([quarantined, send], [closure]).map((f) => [f.code, f.rank])).toEqual([['SEND_FAILED', 1]]);
  });

  it('keeps it when Exchange confirms it again', () => {
    const again = { ...finding('DEVICE_QUARANTINED', 'confirmed'), rank: 1 };
    expect(openFindings([again, send], [closure]).map((f) => f.code)).toEqual(['DEVICE_QUARANTINED', 'SEND_FAILED']);
  });

  it('changes nothing without closures', () => {
    expect(openFindings([quarantined, send], [])).toEqual([quarantined, send]);
  });
});
