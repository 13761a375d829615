import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import {
  expectNoAxeViolations,
  goNext,
  openApp,
  startDemoCase,
  STEP_IDS,
  stepView,
  THEMES,
  waitForStepSettled,
} from '../support/wizard-page';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

test('every step has no axe violations in light, dark and high contrast', async ({ page }) => {
  test.setTimeout(150_000);
  await openApp(page, await host.freshUrl());
  for (const theme of THEMES) {
    await page.getByLabel('Theme').selectOption(theme);
    await expectNoAxeViolations(page, `start screen, ${theme}`);
  }
  await startDemoCase(page, 'quarantined-org-default', 'alex.wilber@contoso.example');
  for (const [index, step] of STEP_IDS.entries()) {
    if (index > 0) await goNext(page, step);
    await waitForStepSettled(page, step);
    for (const theme of THEMES) {
      await page.getByLabel('Theme').selectOption(theme);
      await expectNoAxeViolations(page, `${step}, ${theme}`);
    }
  }
});

test('the wizard runs with the keyboard alone, and an action asks for confirmation first', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, await host.freshUrl());
  // Reach the form's first field with Tab only, then type and submit with Enter.
  const upn = page.getByLabel('User’s sign-in name (UPN)');
  for (let i = 0; i < 10 && !(await upn.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(upn).toBeFocused();
  await page.keyboard.type('alex.wilber@contoso.example');
  await page.getByLabel('Demo scenario').selectOption('quarantined-org-default');
  await upn.focus();
  await page.keyboard.press('Enter');
  await waitForStepSettled(page, 'connect');
  // After a step change, focus lands on the new step's heading.
  await page.getByRole('button', { name: /^Next: / }).focus();
  await page.keyboard.press('Enter');
  await expect(stepView(page, 'mailbox')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Mailbox and devices' })).toBeFocused();
  await waitForStepSettled(page, 'mailbox');

  // The quarantined phone can be allowed, but only through the confirmation dialog, which names
  // exactly what will change; Escape backs out without changing anything.
  // Pick the quarantined phone with the keyboard: focus its radio and press Space.
  await page.getByRole('radio', { name: /Quarantined/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Quarantined/ })).toBeChecked();
  const allow = page.getByRole('button', { name: /^Allow device / });
  await allow.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('action-description')).toContainText('SEC1A2B3C4D5E6F7A8');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('an invalid user name is refused on the start screen with a reason', async ({ page }) => {
  await openApp(page, await host.freshUrl());
  await page.getByLabel('User’s sign-in name (UPN)').fill('alex');
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await expect(page.getByText('Enter the full sign-in name, like alex@contoso.com.')).toBeVisible();
  await expect(page.getByTestId('start-screen')).toBeVisible();
});
