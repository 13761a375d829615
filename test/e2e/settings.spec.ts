import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { expectNoAxeViolations, openApp, THEMES } from '../support/wizard-page';

// The settings screen through the real browser host process, with its own data folder so the
// saved settings can be read back from disk.

const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
let host: RunningHost;
let dataDir: string;
test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'eas-e2e-settings-'));
  host = await startHostProcess(['--data-dir', dataDir]);
});
test.afterAll(async () => {
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function settingsScreen(page: Page) {
  return page.getByRole('main', { name: 'Settings: sign-in to your tenant' });
}

test('the Real tenant option leads to the settings screen, which refuses a bad client id and saves good ones', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, await host.freshUrl());
  await page.getByRole('radio', { name: /Real tenant/ }).check();
  const notice = page.getByTestId('real-tenant-setup');
  await expect(notice).toContainText('not set up yet');
  await notice.getByRole('button', { name: 'Set up sign-in' }).click();

  const screen = settingsScreen(page);
  await expect(screen).toBeVisible();
  // The requirements come from setup:get-requirements: the exact permissions and roles.
  const permissions = screen.getByTestId('required-permissions');
  for (const name of [
    'Policy.Read.All',
    'AuditLog.Read.All',
    'GroupMember.Read.All',
    'User.Read.All',
    'Exchange.Manage',
  ])
    await expect(permissions).toContainText(name);
  await expect(permissions).toContainText('Directory.Read.All (optional)');
  await expect(screen.getByTestId('required-roles')).toContainText('Security Reader');
  await expect(screen.getByTestId('auth-status')).toContainText('Not set up');
  await expect(screen.getByRole('button', { name: 'Sign in with browser' })).toBeDisabled();
  // Test connection needs the ids first; the admin guide is named for the administrator.
  await expect(screen.getByRole('button', { name: 'Test connection' })).toBeDisabled();
  await expect(screen.getByTestId('admin-guide-link')).toContainText('docs/admin-guide.md');

  await expectNoAxeViolations(page, 'settings screen (first run), light');

  await screen.getByLabel('Application (client) ID').fill('ActiveSync Troubleshooter');
  await screen.getByLabel('Directory (tenant) ID or domain').fill('common');
  await screen.getByRole('button', { name: 'Save settings' }).click();
  await expect(screen.getByText(/The client id is a GUID/)).toBeVisible();
  await expect(screen.getByText(/personal Microsoft accounts/)).toBeVisible();
  await expect(screen.getByRole('status').filter({ hasText: 'Settings saved.' })).toHaveCount(0);

  await screen.getByLabel('Application (client) ID').fill(CLIENT_ID);
  await screen.getByLabel('Directory (tenant) ID or domain').fill('contoso.onmicrosoft.com');
  await screen.getByLabel('Fixed sign-in port (optional)').fill('8400');
  await screen.getByRole('button', { name: 'Save settings' }).click();
  await expect(screen.getByText('Settings saved.')).toBeVisible();
  await expect(screen.getByText(/The client id is a GUID/)).toHaveCount(0);
  await expect(screen.getByTestId('auth-status')).toContainText('You are not signed in.');
  await expect(screen.getByRole('button', { name: 'Sign in with browser' })).toBeEnabled();
  await expect(screen.getByRole('button', { name: 'Test connection' })).toBeEnabled();
  await expect(screen).toContainText('http://localhost:8400');
  // The browser host has no protected storage: the screen says sign-in stays in memory.
  await expect(screen).toContainText(/in memory only/);

  const saved = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'));
  expect(saved).toEqual({
    version: 1,
    settings: {
      clientId: CLIENT_ID,
      tenant: 'contoso.onmicrosoft.com',
      redirectPort: 8400,
      requestDirectoryReadAll: false,
    },
  });

  for (const theme of THEMES) {
    await page.keyboard.press('Escape');
    await expect(screen).toBeHidden();
    await page.getByLabel('Theme').selectOption(theme);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(screen.getByText('You are not signed in.')).toBeVisible();
    await expectNoAxeViolations(page, `settings screen (saved), ${theme}`);
  }

  // Back on the start screen, the Real tenant option now shows the configured tenant.
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(notice).toContainText('Set up for tenant contoso.onmicrosoft.com');
  await expectNoAxeViolations(page, 'start screen after settings closed');
});

test('the settings screen opens from the header with the keyboard alone and shows the saved values after a reload', async ({
  page,
}) => {
  await openApp(page, await host.freshUrl());
  const button = page.getByRole('button', { name: 'Settings', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  const screen = settingsScreen(page);
  const clientId = screen.getByLabel('Application (client) ID');
  await clientId.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(CLIENT_ID);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('fabrikam.onmicrosoft.com');
  await page.keyboard.press('Enter');
  await expect(screen.getByText('Settings saved.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(button).toBeFocused();

  await page.reload();
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(clientId).toHaveValue(CLIENT_ID);
  await expect(screen.getByLabel('Directory (tenant) ID or domain')).toHaveValue('fabrikam.onmicrosoft.com');
});
