import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/shared/ipc/result';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// Actions that fit the situation (issue 13, facts F26, F36): the engine refuses what the domain's
// guard refuses, the case view offers only what fits, and after an action the audit reads back
// what Exchange now says and whether the finding is gone.
const USER = 'alex.wilber@contoso.example';
const SAMSUNG = 'SEC1A2B3C4D5E6F7A8';

const backend = createTestBackend();
afterAll(() => backend.dispose());
beforeAll(() => ensureDemoShellBundle(), 60_000);

async function openCase(scenario: string): Promise<string> {
  const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail', deviceId: SAMSUNG }, { kind: 'demo', scenario });
  await backend.engine.settled(started.caseId);
  await backend.engine.selectDevice(started.caseId, SAMSUNG);
  await backend.engine.settled(started.caseId);
  return started.caseId;
}

const offeredFor = (caseId: string) => backend.engine.getCase(caseId).offeredActions?.devices.find((d) => d.deviceId === SAMSUNG)?.actions;

describe('a phone on the blocked list (lost, then found)', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await openCase('lost-then-found-both-lists');
  }, 60_000);

  it('offers Unblock, never Allow, and refuses Allow with a plain reason', async () => {
    expect(offeredFor(caseId)).toEqual(['unblock-device']);
    const preview = backend.engine.previewAction(caseId, { kind: 'allow-device', deviceId: SAMSUNG });
    expect(preview).toMatchObject({ allowed: false, refusal: 'situation' });
    expect(preview.reason).toMatch(/blocked list/);
    await expect(backend.engine.runAction(caseId, { kind: 'allow-device', deviceId: SAMSUNG })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(backend.engine.getCase(caseId).audit.some((a) => a.action === 'allow-device')).toBe(false);
  });

  it('unblocks, reads the lists back from Exchange and says whether the block finding is gone', async () => {
    const preview = backend.engine.previewAction(caseId, { kind: 'unblock-device', deviceId: SAMSUNG });
    expect(preview.allowed).toBe(true);
    expect(preview.description).toMatch(/judges the phone again on its next request/);
    const view = await backend.engine.runAction(caseId, { kind: 'unblock-device', deviceId: SAMSUNG });
    const readBack = view.audit.find((a) => a.action === 'read-back');
    expect(readBack?.details).toMatch(/on the blocked list yes → no/);
    // Still on the allowed list, so Exchange now allows the phone and the block finding is gone.
    expect(readBack?.details).toMatch(/DeviceAccessState Blocked \(Individual\) → Allowed \(Individual\)/);
    // The log still holds the refusals it recorded before the change, but Exchange now allows the
    // phone: those refusals are its history, so the block finding is gone rather than "still found".
    expect(readBack?.details).toMatch(/Gone after re-checking: Exchange blocks this device\./);
    expect(readBack?.details).not.toMatch(/Still found/);
    // No longer a problem in the ranked list: at most the phone's history (the closure lists it as resolved).
    expect(view.findings.some((f) => f.code === 'DEVICE_BLOCKED' && f.history !== true)).toBe(false);
    expect(view.devices.find((d) => d.deviceId === SAMSUNG)?.accessState).toBe('Allowed');
  });
});

describe('a pending remote wipe', () => {
  it('comes first and no access change is offered or run', async () => {
    const caseId = await openCase('remote-wipe-pending');
    const view = backend.engine.getCase(caseId);
    expect(view.findings[0]?.code).toBe('REMOTE_WIPE_PENDING');
    expect(offeredFor(caseId)).toEqual([]);
    for (const kind of ['allow-device', 'unblock-device', 'block-device'] as const) {
      const preview = backend.engine.previewAction(caseId, { kind, deviceId: SAMSUNG });
      expect(preview.reason, kind).toMatch(/remote wipe is pending/);
    }
    const failure = await backend.engine.runAction(caseId, { kind: 'unblock-device', deviceId: SAMSUNG }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
  }, 60_000);
});

describe('Blocked / Policy', () => {
  it('reads the mobile device mailbox policy and names what the phone cannot meet; nothing is offered', async () => {
    const caseId = await openCase('blocked-policy-not-provisionable');
    const view = backend.engine.getCase(caseId);
    expect(view.evidence.some((e) => e.id === 'mobile-device-policies')).toBe(true);
    const finding = view.findings.find((f) => f.code === 'DEVICE_NOT_PROVISIONABLE');
    expect(finding?.explanation).toMatch(/not an administrator's block/);
    expect(finding?.explanation).toMatch(/AllowNonProvisionableDevices False\); the phone must be encrypted/);
    expect(offeredFor(caseId)).toEqual(['block-device']);
  }, 60_000);
});

describe('a quarantine by the organisation default', () => {
  it('offers Allow as the release, and Allow is refused for a Block rule', async () => {
    const quarantined = await openCase('quarantined-org-default');
    expect(offeredFor(quarantined)).toContain('allow-device');
    const card = backend.engine.getCase(quarantined).findings.find((f) => f.code === 'DEVICE_QUARANTINED');
    expect(card?.nextSteps.some((n) => n.action === 'allow-device')).toBe(true);

    const ruled = await openCase('device-rule-blocked');
    expect(offeredFor(ruled)).not.toContain('allow-device');
    expect(backend.engine.previewAction(ruled, { kind: 'allow-device', deviceId: SAMSUNG }).reason).toMatch(/device access rule/);
  }, 90_000);
});

describe('100 partnerships: the new phone is refused (facts F35)', () => {
  let caseId: string;
  beforeAll(async () => {
    // The new Galaxy has no partnership (Exchange refused it), so it is the case's subject but not a listed phone.
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'New phone cannot add the account', deviceId: SAMSUNG }, { kind: 'demo', scenario: 'partnership-limit-177' });
    await backend.engine.settled(started.caseId);
    caseId = started.caseId;
  }, 90_000);

  it('ranks the limit first and offers the stale partnerships oldest first, never a phone in use', () => {
    const view = backend.engine.getCase(caseId);
    expect(view.findings[0]?.code).toBe('MAXIMUM_DEVICES_REACHED');
    expect(view.findings[0]?.explanation).toMatch(/lists 100 partnerships .* 98 of them have not synced for 30 days/);
    const removable = view.offeredActions?.removable ?? [];
    expect(removable).toHaveLength(98);
    expect(removable[0]?.label).toBe('Old iPhone 1 (OLD001X5A17), last sync 2025-06-01');
    expect(removable.map((r) => r.deviceId)).not.toContain('F2KQ7HZX1C9N3P5R7T9V1X3Z5B');
    const iphone = backend.engine.previewAction(caseId, { kind: 'remove-device', deviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B' });
    expect(iphone).toMatchObject({ allowed: false, refusal: 'situation' });
    expect(iphone.reason).toMatch(/synced within the last 30 days/);
  });

  it('confirms with the phone and its last sync, removes it, reads the partnerships back and re-judges the case', async () => {
    const action = { kind: 'remove-device' as const, deviceId: 'OLD001X5A17' };
    const preview = backend.engine.previewAction(caseId, action);
    expect(preview.allowed).toBe(true);
    expect(preview.description).toContain('Old iPhone 1 (OLD001X5A17), last sync 2025-06-01');
    expect(preview.command).toBe("Remove-MobileDevice -Identity 'alex.wilber\\ExchangeActiveSyncDevices\\iPhone§OLD001X5A17' -Confirm:$false");
    const view = await backend.engine.runAction(caseId, action);
    const readBack = view.audit.find((a) => a.action === 'read-back');
    expect(readBack?.details).toMatch(/Get-MobileDevice lists 100 → 99 partnerships; the phone OLD001X5A17 is no longer listed/);
    expect(readBack?.details).toMatch(/Gone after re-checking: The mailbox has too many phone partnerships/);
    expect(view.devices.some((d) => d.deviceId === 'OLD001X5A17')).toBe(false);
    expect(view.findings.map((f) => f.code)).not.toContain('MAXIMUM_DEVICES_REACHED');
  }, 60_000);
});

describe('ActiveSync off by the CAS mailbox plan (facts F38)', () => {
  it('escalates: Enable ActiveSync is neither offered nor run', async () => {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail' }, { kind: 'demo', scenario: 'eas-off-by-plan' });
    await backend.engine.settled(started.caseId);
    const view = backend.engine.getCase(started.caseId);
    expect(view.findings[0]?.code).toBe('EAS_OFF_BY_POLICY');
    expect(view.findings[0]?.nextSteps.some((n) => n.action === 'enable-activesync')).toBe(false);
    expect(view.evidence.some((e) => e.id === 'cas-mailbox-plans')).toBe(true);
    const check = view.steps.find((st) => st.id === 'mailbox')?.checks.find((c) => c.id === 'activesync-enabled');
    expect(check?.label).toBe('ActiveSync is turned off by the organisation’s policy');
    expect(view.offeredActions?.mailbox).toEqual([]);
    const preview = backend.engine.previewAction(started.caseId, { kind: 'enable-activesync' });
    expect(preview).toMatchObject({ allowed: false, refusal: 'situation' });
    expect(preview.reason).toMatch(/off on purpose here \(every CAS mailbox plan .*policy decision/);
    await expect(backend.engine.runAction(started.caseId, { kind: 'enable-activesync' })).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 60_000);
});

describe('ActiveSync off for most user mailboxes, no plan (facts F38)', () => {
  it('reads it as policy from counts alone, and escalates instead of offering Enable ActiveSync', async () => {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail' }, { kind: 'demo', scenario: 'eas-off-for-most-mailboxes' });
    await backend.engine.settled(started.caseId);
    const view = backend.engine.getCase(started.caseId);
    expect(view.findings[0]?.code).toBe('EAS_OFF_BY_POLICY');
    // Nine of the thirteen other people; the two shared mailboxes with it off are not asked for.
    expect(view.findings[0]?.explanation).toContain('9 of the 13 other user mailboxes have ActiveSync off too');
    expect(view.offeredActions?.mailbox).toEqual([]);
    expect(backend.engine.previewAction(started.caseId, { kind: 'enable-activesync' })).toMatchObject({ allowed: false, refusal: 'situation' });
    // Only the counts are kept: no other person's address enters the case or its bundles.
    const peers = await backend.library.getEvidence(started.caseId, 'activesync-peers');
    expect(JSON.parse(peers.text)).toMatchObject({ limit: 200, read: 13, activeSyncOff: 9, all: true });
    expect(peers.text).not.toMatch(/@contoso\.example/);
  }, 60_000);
});

describe('Outlook for iOS in quarantine (facts F21)', () => {
  it('shows its access state, fetches no ActiveSync log for it, and offers the quarantine release', async () => {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'Outlook shows no mail' }, { kind: 'demo', scenario: 'outlook-mobile-quarantined' });
    await backend.engine.settled(started.caseId);
    const view = backend.engine.getCase(started.caseId);
    expect(view.findings[0]?.code).toBe('DEVICE_QUARANTINED');
    const outlook = view.devices.find((d) => d.deviceId === 'OUTLOOKB4C1D9E2F7A3');
    expect(outlook).toMatchObject({ notEas: true, accessState: 'Quarantined' });
    expect(view.evidence.some((e) => e.id.startsWith('mailbox-log-'))).toBe(false);
    expect(view.offeredActions?.devices.find((d) => d.deviceId === 'OUTLOOKB4C1D9E2F7A3')?.actions).toContain('allow-device');
  }, 60_000);
});

describe('an empty log: has the phone tried since the app turned logging on?', () => {
  it('before the app turned logging on the empty log is a blocker; after, a phone that has not tried since is told to refresh', async () => {
    const IPHONE = 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B';
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail', deviceId: IPHONE }, { kind: 'demo', scenario: 'quarantined-org-default' });
    await backend.engine.settled(started.caseId);
    await backend.engine.selectDevice(started.caseId, IPHONE);
    await backend.engine.settled(started.caseId);
    const codesOf = (view: ReturnType<typeof backend.engine.getCase>) => view.findings.filter((f) => f.deviceId === IPHONE).map((f) => f.code);
    // Logging was on before the case: when it started is not known, so the empty log is judged as before.
    expect(codesOf(backend.engine.getCase(started.caseId))).toContain('NO_REQUESTS_REACHED_MAILBOX');
    // The app turns logging on now; the iPhone last tried at 08:55 (LastSyncAttemptTime), before that.
    const view = await backend.engine.runAction(started.caseId, { kind: 'enable-debug-logging' });
    expect(codesOf(view)).toContain('PHONE_NOT_TRIED_SINCE_LOGGING');
    expect(codesOf(view)).not.toContain('NO_REQUESTS_REACHED_MAILBOX');
    const finding = view.findings.find((f) => f.code === 'PHONE_NOT_TRIED_SINCE_LOGGING');
    expect(finding?.explanation).toMatch(/LastSyncAttemptTime/);
    expect(finding?.nextSteps.some((n) => n.who === 'user' && /pull down to refresh/.test(n.text))).toBe(true);
  }, 60_000);
});
