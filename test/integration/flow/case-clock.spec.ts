import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import type { SignInEvidence } from '../../../src-main/shared/models/graph';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// One clock per case: a demo case lives at its scenario's time, whatever the machine's date, and
// a saved case reopened later stands at the time its evidence was captured.
const USER = 'alex.wilber@contoso.example';
const SCENARIO = 'ca-blocks-eas-group';
const HOUR = 3_600_000;
const scenarioNow = Date.parse(loadScenario(SCENARIO, { scenariosDir: 'assets/scenarios' }).clock.now);

describe('the case clock', () => {
  const backend = createTestBackend();
  let caseId: string;

  beforeAll(async () => {
    await ensureDemoShellBundle();
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail' }, { kind: 'demo', scenario: SCENARIO });
    caseId = started.caseId;
    await backend.engine.settled(caseId);
  }, 60_000);
  afterAll(() => backend.dispose());

  it("runs a demo case on the scenario's clock, not the machine's", () => {
    const view = backend.engine.getCase(caseId);
    expect(view.clock.kind).toBe('scenario');
    expect(Date.parse(view.clock.now) - scenarioNow).toBeGreaterThanOrEqual(0);
    expect(Date.parse(view.clock.now) - scenarioNow).toBeLessThan(HOUR);
    for (const item of view.evidence) {
      const offset = Date.parse(item.capturedAt) - scenarioNow;
      expect(offset, `${item.id} captured at ${item.capturedAt}`).toBeGreaterThanOrEqual(0);
      expect(offset, `${item.id} captured at ${item.capturedAt}`).toBeLessThan(HOUR);
    }
  });

  it("asks Graph for the week before the scenario's now, so the scenario's sign-ins are found", async () => {
    const view = backend.engine.getCase(caseId);
    const item = view.evidence.find((e) => e.id === 'sign-ins');
    expect(item).toBeDefined();
    const evidence = JSON.parse((await backend.library.getEvidence(caseId, item!.id)).text) as SignInEvidence;
    expect(Math.abs(Date.parse(evidence.since) - (scenarioNow - 7 * 24 * HOUR))).toBeLessThan(HOUR);
    expect(evidence.signIns.length).toBeGreaterThan(0);
    expect(view.findings[0]?.code).toBe('CA_BLOCKS_EAS');
  });

  it('stamps a tenant action and its 48-hour window in scenario time', async () => {
    await backend.engine.runAction(caseId, { kind: 'disable-debug-logging' });
    const view = await backend.engine.runAction(caseId, { kind: 'enable-debug-logging' });
    const enabled = [...view.audit].reverse().find((a) => a.action === 'enable-debug-logging');
    expect(enabled?.result).toBe('succeeded');
    expect(Date.parse(enabled!.at) - scenarioNow).toBeLessThan(HOUR);
    expect(view.debugLogging?.enabled).toBe(true);
    expect(Date.parse(view.debugLogging!.expiresAt!) - Date.parse(enabled!.at)).toBe(48 * HOUR);
  });

  it('reopens a saved case at the time its evidence was last captured', async () => {
    const last = backend.engine.getCase(caseId).evidence.map((e) => Date.parse(e.capturedAt)).reduce((a, b) => Math.max(a, b));
    const reopened = createTestBackend({ paths: { dataDir: backend.dataDir, scenariosDir: 'assets/scenarios', demoShellPath: 'out/demo-shell/demo-shell.cjs' } });
    try {
      const view = await reopened.library.openCase(caseId);
      expect(view.clock).toEqual({ kind: 'captured', now: new Date(last).toISOString(), speed: 0 });
      // Still on and still counting down from the scenario's time: reviewing it later changes nothing.
      expect(view.debugLogging?.enabled).toBe(true);
      expect(Date.parse(view.debugLogging!.expiresAt!)).toBeGreaterThan(last);
      expect(view.findings[0]?.code).toBe('CA_BLOCKS_EAS');
    } finally {
      await reopened.dispose();
    }
  });
});
