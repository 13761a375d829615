import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { attachScreenshot, expectNoAxeViolations, openApp } from '../support/wizard-page';

// The Devices area through the real browser host and the 20 000-phone demo tenant: the
// quarantine queue, "why", approve with one confirmation, the read-back and the audit trail.
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

test('quarantine queue: filter, why, approve one phone, it leaves the queue, audit entry', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, await host.freshUrl());
  await page.getByRole('button', { name: 'Devices' }).click();
  await page.getByRole('form', { name: 'Which tenant' }).getByLabel('Demo scenario').selectOption('large-tenant');
  await page.getByRole('button', { name: 'Load the phones' }).click();
  await expect(page.getByTestId('devices-loaded')).toContainText(/20,0\d\d phones/, { timeout: 60_000 });

  const views = page.getByRole('group', { name: 'Saved views' });
  await views.getByRole('button', { name: /All phones/ }).click();
  await expect(page.getByTestId('device-list')).toHaveAttribute('data-total', /^20\d\d\d$/);
  const queueTab = views.getByRole('button', { name: /Quarantined now/ });
  await queueTab.click();
  await expect(queueTab).toHaveAttribute('aria-pressed', 'true');
  const queueCount = Number((await queueTab.textContent())!.match(/\(([\d,]+)\)/)![1]!.replace(/,/g, ''));
  expect(queueCount).toBeGreaterThan(100);
  const list = page.getByTestId('device-list');
  await expect(list).toHaveAttribute('data-total', String(queueCount));
  const rows = list.getByRole('option');
  await expect(rows.first()).toHaveAttribute('data-state', 'Quarantined');
  const states = await list.locator('[data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  expect(new Set(states)).toEqual(new Set(['Quarantined']));

  // A phone quarantined by the organisation default.
  const row = list.locator('[data-state="Quarantined"]', { hasText: 'Global' }).first();
  const deviceId = (await row.getAttribute('data-device-id'))!;
  await row.click();
  const why = page.getByTestId('why-panel');
  await expect(why.getByTestId('why-summary')).toContainText('No device access rule matches this phone, so the organisation default applies: Quarantine');
  await expect(why.getByTestId('why-path').locator('[data-matched="true"]')).toHaveCount(1);
  await expect(why.getByTestId('why-path').locator('[data-matched="true"]')).toContainText('Organisation default');
  await attachScreenshot(page, testInfo, 'devices-why');
  await expectNoAxeViolations(page, 'Devices area with the why panel');

  await why.getByRole('button', { name: 'Approve this phone…' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('decision-devices')).toContainText(deviceId);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  // The page is reachable again for assistive technology once the dialog has gone.
  await expect(page.locator('#root')).not.toHaveAttribute('aria-hidden', 'true');
  await why.getByRole('button', { name: 'Approve this phone…' }).click();
  await expect(dialog.getByTestId('decision-devices')).toContainText(deviceId);
  await expect(dialog.getByTestId('decision-devices')).toContainText(`-ActiveSyncAllowedDeviceIDs @{Add='${deviceId}'}`);
  await attachScreenshot(page, testInfo, 'devices-confirm');
  await dialog.getByRole('button', { name: 'Confirm: Approve 1 phone' }).click();
  await expect(dialog.getByTestId('decision-results')).toContainText('Exchange now reports Allowed', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // Read back from Exchange: the phone has left the queue.
  await expect(list).toHaveAttribute('data-total', String(queueCount - 1));
  await expect(list.locator(`[data-device-id="${deviceId}"]`)).toHaveCount(0);
  await expect(queueTab).toContainText(`(${(queueCount - 1).toLocaleString('en-US')})`);
  const audit = page.getByTestId('devices-audit');
  await expect(audit.locator('li').first()).toContainText(deviceId);
  await expect(audit.locator('li').first()).toContainText('approve-device');
  await expect(audit.locator('li').first()).toContainText('succeeded');
  await expect(audit.locator('li').first()).toContainText('read back: Allowed');
});
