import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The training scenario (issue 17): debug logging starts off, so the flow skips the logs and names
// no cause; once the trainee turns logging on, the phone's requests appear in the log as the
// scenario clock runs, and fetching them finds the sync-key loop.
const USER = 'alex.wilber@contoso.example';
const backend = createTestBackend();
afterAll(() => backend.dispose());
beforeAll(() => ensureDemoShellBundle(), 60_000);

describe('training: debug logging off', () => {
  it('finds nothing without the log, then the loop once logging is on and the phone has synced', async () => {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No new mail' }, { kind: 'demo', scenario: 'training-debug-logging-off' });
    await backend.engine.settled(started.caseId);
    let view = backend.engine.getCase(started.caseId);
    expect(view.debugLogging?.enabled).toBe(false);
    expect(view.steps.find((s) => s.id === 'logs')?.status).toBe('skipped');
    expect(view.findings.filter((f) => f.severity === 'blocker')).toEqual([]);

    await backend.engine.runAction(started.caseId, { kind: 'enable-debug-logging' });
    await backend.engine.settled(started.caseId);
    view = backend.engine.getCase(started.caseId);
    expect(view.debugLogging).toMatchObject({ enabled: true, verified: true });
    const enabledAt = Date.parse(view.debugLogging!.enabledAt!);
    expect(Date.parse(view.debugLogging!.expiresAt!) - enabledAt).toBe(48 * 3_600_000);

    // Straight away the phone has not synced yet: the log is empty.
    await backend.engine.runStep(started.caseId, 'logs');
    await backend.engine.settled(started.caseId);
    view = backend.engine.getCase(started.caseId);
    expect(view.findings.map((f) => f.code)).not.toContain('SYNC_KEY_LOOP');

    // The phone syncs 8 s (scenario time) after logging went on; its ten requests take ten seconds more.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await backend.engine.runStep(started.caseId, 'logs');
    await backend.engine.settled(started.caseId);
    view = backend.engine.getCase(started.caseId);
    expect(view.findings[0]?.code).toBe('SYNC_KEY_LOOP');
    const log = view.logs[0];
    expect(log?.entryCount).toBe(10);
    // The requests sit after logging was turned on, on the scenario clock.
    expect(Date.parse(log!.firstRequest!)).toBeGreaterThanOrEqual(enabledAt);
  }, 120_000);
});
