import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

test('the browser host refuses a request without its token', async ({ request }) => {
  const reply = await request.get(`${host.origin}${host.sessionPath}`);
  expect(reply.status()).toBe(401);
  expect(await reply.text()).not.toContain('ActiveSync');
});

test('the wizard shell loads through the browser host and talks to the main process', async ({ page }) => {
  await page.goto(await host.freshUrl());
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(page).toHaveTitle('ActiveSync Troubleshooter');
  await expect(page.getByRole('heading', { level: 1, name: 'ActiveSync Troubleshooter' })).toBeVisible();
  // The version comes over the IPC contract from the host process, not from the page bundle.
  await expect(page.getByText(/version \d+\.\d+\.\d+/)).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Troubleshooting steps' }).getByRole('listitem'),
  ).toHaveCount(9);
  expect(new URL(page.url()).searchParams.has('code')).toBe(false);
});

test('the shell has no accessibility violations in light, dark and high contrast', async ({ page }) => {
  await page.goto(await host.freshUrl());
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  for (const theme of ['light', 'dark', 'high-contrast']) {
    await page.getByLabel('Theme').selectOption(theme);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, theme).toEqual([]);
  }
});

test('the page runs under the strict CSP without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(await host.freshUrl());
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  expect(violations).toEqual([]);
});
