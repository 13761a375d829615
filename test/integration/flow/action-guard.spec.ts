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
    expect(view.findings.find((f) => f.code === 'DEVICE_BLOCKED')).toMatchObject({ history: true, severity: 'info' });
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
