import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The whole wizard flow, headless, against every built-in demo scenario: the real simulated
// shell child process, the real Graph simulator on loopback, the analysis engine, the case store.
const scenarios = listScenarios({ scenariosDir: 'assets/scenarios' });
const USER = 'alex.wilber@contoso.example';

describe('the wizard flow over every demo scenario', () => {
  const backend = createTestBackend();
  beforeAll(async () => {
    await ensureDemoShellBundle();
  });
  afterAll(() => backend.dispose());

  it('knows at least 14 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(14);
  });

  for (const summary of scenarios) {
    it(`${summary.id}: finds ${loadScenario(summary.id, { scenariosDir: 'assets/scenarios' }).expected.rootCauses.join(' + ') || 'no root cause'}`, async () => {
      const { expected } = loadScenario(summary.id, { scenariosDir: 'assets/scenarios' });
      const started = await backend.engine.startCase(
        { userUpn: expected.user ?? USER, symptom: 'Mail does not sync on the phone' },
        { kind: 'demo', scenario: summary.id },
      );
      await backend.engine.settled(started.caseId);
      const view = backend.engine.getCase(started.caseId);
      const failed = view.steps.filter((s) => s.status === 'failed').map((s) => `${s.id}: ${s.error?.message}`);
      expect(failed).toEqual([]);
      expect(view.steps.find((s) => s.id === 'summary')?.status).toBe('done');
      const codes = view.findings.map((f) => f.code);
      for (const code of expected.findings) expect(codes, `expected ${code} in ${codes.join(', ')}`).toContain(code);
      for (const code of expected.notFindings) expect(codes, `did not expect ${code}`).not.toContain(code);
      const top = view.findings.slice(0, Math.max(1, expected.rootCauses.length)).map((f) => f.code);
      for (const cause of expected.rootCauses) expect(top, `root cause ${cause} ranked first`).toContain(cause);
      // When the mailbox gate stops the flow, nothing after it runs as if the mailbox were fine.
      const stop = view.steps.find((s) => s.id === 'mailbox')?.stop;
      if (stop !== undefined) {
        const between = view.steps.filter((s) => !['connect', 'mailbox', 'summary'].includes(s.id));
        expect(between.map((s) => `${s.id}: ${s.status}`)).toEqual(between.map((s) => `${s.id}: skipped`));
        for (const step of between) expect(step.summary).toBe(`Not run: ${stop.message}`);
      }
      // The operator's rights are judged by what their roles contain, and each gap named.
      if (expected.permissions) {
        expect({ canAct: view.permissions?.canAct, missing: view.permissions?.missing }).toEqual(expected.permissions);
      }
      if (expected.headline) expect(expected.headline, `headline ${codes.join(', ')}`).toContain(codes[0]);
      // No blocker the scenario's author did not foresee: each is an expected finding or a "may find".
      const foreseen = new Set([...expected.findings, ...expected.mayFind]);
      for (const f of view.findings.filter((x) => x.severity === 'blocker')) expect(foreseen, `unexpected blocker ${f.code}`).toContain(f.code);
      // A healthy headline means no blocker anywhere below it either.
      if (expected.headline?.includes('HEALTHY_SYNC')) expect(view.findings.filter((f) => f.severity === 'blocker').map((f) => f.code)).toEqual([]);
    });
  }

  it('wrote no access token into any case file (the demo tokens start with "demo1.")', () => {
    const files = readdirSync(backend.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(scenarios.length);
    for (const file of files) {
      const text = readFileSync(path.join(file.parentPath, file.name), 'utf8');
      expect(text, file.name).not.toMatch(/demo1\.[A-Za-z0-9_-]{20,}|Bearer\s+[A-Za-z0-9._-]{20,}|AccessToken"\s*:\s*"[^"*]/);
    }
  });
});
