import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import {
  attachScreenshot,
  enableDebugLoggingIfOff,
  goNext,
  openApp,
  scenarioExpectation,
  startDemoCase,
  STEP_IDS,
  stepView,
  waitForStepSettled,
} from '../support/wizard-page';

// One full run per representative demo scenario, from the start screen to the summary, through
// the real browser host and the demo tenant. The expected top finding comes from the scenario's
// own scenario.json, so the UI is checked against what the scenario author intended.
const USER = 'alex.wilber@contoso.example';
const SCENARIOS: Array<{ id: string; kind: string; history?: string }> = [
  { id: 'healthy-iphone', kind: 'healthy' },
  { id: 'quarantined-org-default', kind: 'quarantined' },
  { id: 'ca-blocks-eas-group', kind: 'Conditional Access block' },
  { id: 'basic-auth-old-client', kind: 'old Basic-auth client' },
  { id: 'sync-key-loop', kind: 'sync loop' },
  { id: 'quarantine-released-earlier', kind: 'problem already over', history: 'DEVICE_QUARANTINED' },
  { id: 'compliance-blip-synced-since', kind: 'a refused sign-in the phone synced after' },
];

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

for (const scenario of SCENARIOS) {
  test(`${scenario.kind}: ${scenario.id} from the start screen to the summary`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const expected = scenarioExpectation(scenario.id);
    const topCode = expected.rootCauses[0];

    await openApp(page, await host.freshUrl());
    await attachScreenshot(page, testInfo, '0-start');
    await startDemoCase(page, scenario.id, USER);

    for (const [index, step] of STEP_IDS.entries()) {
      if (index > 0) await goNext(page, step);
      await expect(stepView(page, step)).toBeVisible();
      const status = await waitForStepSettled(page, step);
      if (step === 'debug-logging' && status === 'done') await enableDebugLoggingIfOff(page);
      if (step === 'logs')
        await expect(stepView(page, step)).toHaveAttribute('data-step-status', /^(done|skipped)$/);
      await attachScreenshot(page, testInfo, `${index + 1}-${step}`);
    }

    const findings = page.getByTestId('finding');
    if (topCode === undefined) {
      // A healthy scenario has no root cause: nothing that stops or degrades sync may be shown,
      // and the healthy-sync finding must be. (Information notes may rank above it.)
      await expect(
        page.locator(
          '[data-testid="finding"][data-severity="blocker"], [data-testid="finding"][data-severity="warning"]',
        ),
      ).toHaveCount(0);
      await expect(page.locator('[data-testid="finding"][data-finding-code="HEALTHY_SYNC"]')).toBeVisible();
      if (scenario.history !== undefined) {
        // What the log shows only before a change is the phone's history: said so, below the
        // present, and with nothing offered that would "fix" it again.
        const past = page.locator(`[data-testid="finding"][data-finding-code="${scenario.history}"]`);
        await expect(past).toHaveAttribute('data-history', 'true');
        await expect(past.getByTestId('finding-history')).toHaveText('Earlier, now over');
        await expect(past.locator('[data-action]')).toHaveCount(0);
        const position = (code: string) => page.locator(`[data-testid="finding"][data-finding-code="${code}"]`).getAttribute('data-position');
        const historyCode = scenario.history;
        expect(Number(await position(historyCode))).toBeGreaterThan(Number(await position('HEALTHY_SYNC')));
        await expect(page.getByText(/No blocking cause found\. Top note: The phone syncs normally/).first()).toBeVisible();
      }
      return;
    }
    const top = findings.first();
    await expect(top).toHaveAttribute('data-position', '1');
    await expect(top).toHaveAttribute('data-finding-code', topCode);
    await expect(top.getByRole('heading', { level: 3 })).toBeVisible();
  });
}
