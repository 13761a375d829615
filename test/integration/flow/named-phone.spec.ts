import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The device ID the operator types at the start: Exchange's spelling of it wins once the mailbox
// step has listed the phones, and an ID Exchange does not know is said plainly, not reported as
// "checks that could not run".
const USER = 'alex.wilber@contoso.example';
const IPHONE = 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B';

describe('the phone the operator names', () => {
  const backend = createTestBackend();
  beforeAll(async () => {
    await ensureDemoShellBundle();
  });
  afterAll(() => backend.dispose());

  async function run(deviceId: string) {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail', deviceId }, { kind: 'demo', scenario: 'healthy-iphone' });
    await backend.engine.settled(started.caseId);
    return backend.engine.getCase(started.caseId);
  }

  it('takes Exchange’s spelling of an ID typed in another case, so the log is fetched and read', async () => {
    const view = await run(IPHONE.toLowerCase());
    expect(view.selectedDeviceId).toBe(IPHONE);
    expect(view.findings[0]?.code).toBe('HEALTHY_SYNC');
    expect(view.findings.map((f) => f.code)).not.toContain('EVIDENCE_UNAVAILABLE');
  });

  it('says Exchange knows no phone with a mistyped ID and names the one probably meant', async () => {
    const view = await run(`${IPHONE.slice(0, -1)}C`);
    expect(view.findings[0]?.code).toBe('NAMED_PHONE_NOT_FOUND');
    expect(view.findings[0]?.explanation).toContain(`(${IPHONE}) differs from it by 1 character(s)`);
    expect(view.findings.map((f) => f.code)).not.toContain('EVIDENCE_UNAVAILABLE');
    expect(view.steps.find((s) => s.id === 'logs')?.summary).toContain('Exchange lists no ActiveSync phone with the device ID');
    // Picking the phone Exchange lists fetches its log (none was fetched for the mistyped ID) and judges again.
    await backend.engine.selectDevice(view.caseId, IPHONE);
    await backend.engine.settled(view.caseId);
    const picked = backend.engine.getCase(view.caseId);
    expect(picked.findings[0]?.code).toBe('HEALTHY_SYNC');
    expect(picked.findings.map((f) => f.code)).not.toContain('NAMED_PHONE_NOT_FOUND');
    expect(picked.findings.map((f) => f.code)).not.toContain('EVIDENCE_UNAVAILABLE');
  });
});
