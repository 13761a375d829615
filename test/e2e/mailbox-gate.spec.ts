import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { attachScreenshot, goNext, openApp, startDemoCase, STEP_IDS, stepView, waitForStepSettled } from '../support/wizard-page';

// The mailbox gate through the real UI: a misspelt address stops at the Mailbox step with the
// close match, the later steps say why they did not run, and the summary holds only that finding.
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

test('a misspelt address stops at the mailbox step with the close match, and nothing later runs', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await openApp(page, await host.freshUrl());
  await startDemoCase(page, 'wrong-upn-typo', 'alex.wilbur@contoso.example');
  await waitForStepSettled(page, 'connect');
  await goNext(page, 'mailbox');
  expect(await waitForStepSettled(page, 'mailbox')).toBe('done');
  const mailbox = stepView(page, 'mailbox');
  await expect(mailbox.getByText('No mailbox found for alex.wilbur@contoso.example — check the spelling.', { exact: false }).first()).toBeVisible();
  await expect(mailbox.getByText('alex.wilber@contoso.example (Alex Wilber)', { exact: false }).first()).toBeVisible();
  await attachScreenshot(page, testInfo, 'mailbox-gate');

  for (const step of STEP_IDS.slice(STEP_IDS.indexOf('client-access-rules'))) {
    await goNext(page, step);
    if (step === 'summary') break;
    expect(await waitForStepSettled(page, step), step).toBe('skipped');
    await expect(stepView(page, step).getByText('Not run: No mailbox found for alex.wilbur@contoso.example', { exact: false }).first()).toBeVisible();
  }
  expect(await waitForStepSettled(page, 'summary')).toBe('done');
  const findings = page.getByTestId('finding');
  await expect(findings).toHaveCount(1);
  await expect(findings.first()).toHaveAttribute('data-finding-code', 'MAILBOX_NOT_FOUND');
});
