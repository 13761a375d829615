import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { goNext, openApp, startDemoCase, stepView, waitForStepSettled } from '../support/wizard-page';

// Actions that fit the situation (issue 13), through the real UI and the demo tenant: a phone on
// the blocked list is offered Unblock and never Allow, the change is read back from Exchange, and
// a phone with a pending remote wipe is offered nothing.
const USER = 'alex.wilber@contoso.example';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

async function openMailboxStep(page: Page, scenario: string): Promise<void> {
  await openApp(page, await host.freshUrl());
  await startDemoCase(page, scenario, USER);
  await waitForStepSettled(page, 'connect');
  await goNext(page, 'mailbox');
  await waitForStepSettled(page, 'mailbox');
  // The choice is the case's (main process), so the radio turns checked once the case view comes back.
  const phone = page.getByRole('radio', { name: /Galaxy S23 Ultra/ });
  await phone.click();
  await expect(phone).toBeChecked();
}

test('a found phone on the blocked list: Unblock is offered, Allow is not, and the phone is allowed afterwards', async ({ page }) => {
  test.setTimeout(120_000);
  await openMailboxStep(page, 'lost-then-found-both-lists');
  const panel = page.getByLabel('Changes you can make');
  await expect(panel.getByRole('button', { name: /^Unblock device / })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Allow device / })).toHaveCount(0);

  await panel.getByRole('button', { name: /^Unblock device / }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('action-description')).toContainText('judges the phone again on its next request');
  await dialog.getByRole('button', { name: /^Confirm: / }).click();
  await expect(dialog).toBeHidden({ timeout: 45_000 });
  // Re-read from Exchange: the id is off the blocked list and still allowed, so Exchange allows it.
  await expect(page.getByRole('radio', { name: /Galaxy S23 Ultra.*Allowed/ })).toBeVisible({ timeout: 45_000 });
  await expect(panel.getByRole('button', { name: /^Unblock device / })).toHaveCount(0);
  await expect(stepView(page, 'mailbox')).toBeVisible();
});

test('a pending remote wipe: no change is offered for the phone', async ({ page }) => {
  test.setTimeout(120_000);
  await openMailboxStep(page, 'remote-wipe-pending');
  const panel = page.getByLabel('Changes you can make');
  await expect(page.getByRole('radio', { name: /Galaxy S23 Ultra/ })).toBeChecked();
  await expect(panel.getByRole('button', { name: /device / })).toHaveCount(0);
});
