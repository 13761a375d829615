import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { discoverPowerShell } from '../../src-main/services/powershell/executable-discovery';
import { TEST_LOOPBACK_TENANT_ENV } from '../../src-main/host/test-loopback-tenant';
import { AUTHORITY_HOST, CLIENT_ID, TENANT_ID, USERNAME, startFakeEntra, type FakeEntraOptions } from '../support/fake-entra';
import { startFakeGraph, type FakeGraphOptions } from '../support/fake-graph';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { expectNoAxeViolations, openApp } from '../support/wizard-page';

// A newcomer administrator follows docs/admin-guide.md, section 6, in the real UI: the browser
// host started (for tests only) with the fake Entra and the loopback Graph on 127.0.0.1 and the
// real pwsh running EasHost.ps1 with the stub ExchangeOnlineManagement module. Chromium plays
// the operator's system browser for the sign-in page. The positive walk also writes the guide's
// screenshots into docs/images/.

const GUIDE = path.resolve('docs/admin-guide.md');
const IMAGES = path.resolve('docs/images');
const STUB_MODULE_ROOT = path.resolve('test/fixtures/powershell');

/** The UI labels the guide's section 6 names (in bold), in the order a newcomer meets them; the walk uses these. */
const LABEL = {
  settings: 'Settings',
  clientId: 'Application (client) ID',
  tenant: 'Directory (tenant) ID or domain',
  save: 'Save settings',
  signIn: 'Sign in with browser',
  test: 'Test connection',
} as const;
const GUIDE_LABELS: string[] = Object.values(LABEL);

/** Real pwsh is part of this walk: without it the spec fails and says how to get it (CI installs it). */
function requirePwsh(): void {
  try {
    discoverPowerShell({ setting: process.env.EAS_PWSH ?? null });
  } catch (error) {
    throw new Error(
      `The admin-guide walk needs PowerShell 7 (pwsh): ${error instanceof Error ? error.message : String(error)} ` +
        'scripts/test.sh installs it (dotnet tool install --global PowerShell) and puts ~/.dotnet/tools on PATH.',
      { cause: error },
    );
  }
}

interface Rig {
  host: RunningHost;
  dataDir: string;
  entraOrigin: string;
  /** Every access token the fake Entra issued. */
  issuedTokens(): string[];
  close(): Promise<void>;
}

async function startRig(entraOptions: FakeEntraOptions, graphOptions: Omit<FakeGraphOptions, 'entra'>): Promise<Rig> {
  requirePwsh();
  const entra = await startFakeEntra(entraOptions);
  const graph = await startFakeGraph({ entra, ...graphOptions });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'eas-e2e-guide-'));
  const host = await startHostProcess(['--data-dir', dataDir], {
    env: {
      [TEST_LOOPBACK_TENANT_ENV]: JSON.stringify({
        entraOrigin: entra.origin,
        graphOrigin: graph.origin,
        authorityMetadata: entra.authorityMetadata,
        cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
        psModulePath: STUB_MODULE_ROOT,
      }),
    },
  });
  return {
    host,
    dataDir,
    entraOrigin: entra.origin,
    issuedTokens: () => entra.issued.map((t) => t.token),
    close: async () => {
      await host.stop();
      await Promise.allSettled([entra.close(), graph.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium stands in for the operator's system browser: Microsoft's sign-in host is answered by
 * the fake Entra (the page keeps its real https URL; nothing leaves the machine).
 */
async function routeMicrosoftSignIn(context: BrowserContext, entraOrigin: string): Promise<void> {
  await context.route(`${AUTHORITY_HOST}/**`, async (route) => {
    const request = route.request();
    const answer = await fetch(entraOrigin + request.url().slice(AUTHORITY_HOST.length), {
      method: request.method(),
      headers: { accept: request.headers().accept ?? '*/*' },
    });
    await route.fulfill({
      status: answer.status,
      contentType: answer.headers.get('content-type') ?? 'text/html',
      body: Buffer.from(await answer.arrayBuffer()),
    });
  });
}

function settingsScreen(page: Page): Locator {
  return page.getByRole('main', { name: 'Settings: sign-in to your tenant' });
}

/** Section 6 of the guide: enter the ids, save, sign in with the browser. */
async function followGuideToSignedIn(page: Page, rig: Rig, username: string): Promise<Locator> {
  await routeMicrosoftSignIn(page.context(), rig.entraOrigin);
  await openApp(page, await rig.host.freshUrl());
  await page.getByRole('button', { name: LABEL.settings, exact: true }).click();
  const screen = settingsScreen(page);
  await expect(screen.getByTestId('auth-status')).toContainText('Not set up');
  // The two ids copied from the app registration's Overview page (guide, section 1, step 7).
  await screen.getByLabel(LABEL.clientId).fill(CLIENT_ID);
  await screen.getByLabel(LABEL.tenant).fill(TENANT_ID);
  await screen.getByRole('button', { name: LABEL.save }).click();
  await expect(screen.getByText('Settings saved.')).toBeVisible();
  await expect(screen.getByTestId('auth-status')).toContainText('You are not signed in.');

  await screen.getByRole('button', { name: LABEL.signIn }).click();
  await expect(screen.getByTestId('auth-status')).toContainText('Waiting for you to finish signing in');
  // The app hands the sign-in page to the system browser; here Chromium opens it in a new tab.
  const signInUrl = await rig.host.nextSignInUrl();
  expect(signInUrl.startsWith(`${AUTHORITY_HOST}/${TENANT_ID}/oauth2/v2.0/authorize?`)).toBe(true);
  const browserTab = await page.context().newPage();
  await browserTab.goto(signInUrl);
  await expect(browserTab.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await browserTab.getByRole('button', { name: `Continue as ${username}` }).click();
  // The form posts the code to the app's loopback listener, which answers with its own page.
  await expect(browserTab.getByText('You are signed in to ActiveSync Troubleshooter')).toBeVisible();
  await browserTab.close();
  await page.bringToFront();
  await expect(screen.getByTestId('auth-status')).toContainText(`Signed in as ${username}.`);
  return screen;
}

/** Presses Test connection and returns the reported lines as the operator reads them. */
async function testConnection(screen: Locator): Promise<string[]> {
  await screen.getByRole('button', { name: LABEL.test }).click();
  const result = screen.getByTestId('connection-test');
  // Five steps: sign-in, Exchange Online, what you can do, one policy, one sign-in.
  await expect(result.getByRole('listitem')).toHaveCount(5, { timeout: 60_000 });
  return (await result.getByRole('listitem').allInnerTexts()).map((line) => line.replace(/\s+/g, ' ').trim());
}

/** Writes a PNG for the guide only when its bytes changed, so a rerun leaves the checkout clean. */
async function writeGuideImage(name: string, png: Buffer): Promise<void> {
  await mkdir(IMAGES, { recursive: true });
  const file = path.join(IMAGES, name);
  if (existsSync(file) && (await readFile(file)).equals(png)) return;
  await writeFile(file, png);
}

/** Section 6 of the admin guide ("Settings page and first sign-in"), the part this walk follows. */
async function guideSection6(): Promise<string> {
  const guide = await readFile(GUIDE, 'utf8');
  const start = guide.indexOf('## 6.');
  expect(start, 'docs/admin-guide.md has a section 6').toBeGreaterThan(0);
  return guide.slice(start, guide.indexOf('\n## ', start + 1));
}

test('the guide names the UI labels this walk uses, in the same order', async () => {
  const section = await guideSection6();
  const positions = GUIDE_LABELS.map((label) => section.indexOf(`**${label}**`));
  expect(GUIDE_LABELS.filter((_label, i) => positions[i]! < 0), 'labels missing from section 6').toEqual([]);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
});

test.describe('an operator the guide set up fully', () => {
  let rig: Rig;
  test.beforeAll(async () => {
    rig = await startRig({ devicePendingPolls: 2 }, { signInLogs: 'readable' });
  });
  test.afterAll(async () => rig?.close());

  test('follows the admin guide from nothing to a working Test connection, and the guide gets its screenshots', async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1280, height: 1160 });
    const screen = await followGuideToSignedIn(page, rig, USERNAME);
    await screen.getByRole('heading', { name: 'Settings: sign-in to your tenant' }).scrollIntoViewIfNeeded();
    await writeGuideImage('settings-page.png', await page.screenshot({ animations: 'disabled' }));

    const lines = await testConnection(screen);
    expect(lines).toEqual([
      `Sign-in: Works. Signed in as ${USERNAME}.`,
      expect.stringMatching(/^Exchange Online: Works\. Connected with ExchangeOnlineManagement 3\.9\.2 in PowerShell 7\.\d+\.\d+\.$/),
      'What you can do: Works. Every check and fix the wizard offers.',
      'A Conditional Access policy: Works. Read one.',
      'A sign-in: Works. Read one.',
    ]);
    const panel = page.locator('section[aria-labelledby="connection-test-heading"]');
    await panel.scrollIntoViewIfNeeded();
    const box = (await panel.boundingBox())!;
    const margin = 16;
    await writeGuideImage(
      'test-connection.png',
      await page.screenshot({ animations: 'disabled', clip: { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin } }),
    );
    await expectNoAxeViolations(page, 'settings screen with a Test connection result');
    // Everything section 6 puts in bold is on the page as the guide words it (labels, buttons, steps).
    const pageText = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    const bold = [...(await guideSection6()).matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);
    expect(bold.length).toBeGreaterThan(10);
    expect(bold.filter((phrase) => !pageText.includes(phrase)), 'bold in section 6 but not on the page').toEqual([]);
    // What the walk saved is the two ids; no token reached the data folder (the browser host keeps
    // sign-in in memory only).
    expect(JSON.parse(await readFile(path.join(rig.dataDir, 'settings.json'), 'utf8'))).toEqual({
      version: 1,
      settings: { clientId: CLIENT_ID, tenant: TENANT_ID, requestDirectoryReadAll: false },
    });
    expect(rig.issuedTokens().length).toBeGreaterThanOrEqual(2);
    const saved = await readdir(rig.dataDir, { recursive: true, withFileTypes: true });
    for (const entry of saved.filter((e) => e.isFile())) {
      const text = (await readFile(path.join(entry.parentPath, entry.name))).toString('latin1');
      for (const token of rig.issuedTokens()) expect(text, entry.name).not.toContain(token);
    }
  });
});

test.describe('an operator whose role lacks one right and whose token lacks one permission', () => {
  let rig: Rig;
  test.beforeAll(async () => {
    // noblock@contoso.com holds the stub's hand-made role without -ActiveSyncBlockedDeviceIDs;
    // the administrator never granted AuditLog.Read.All.
    rig = await startRig({ username: 'noblock@contoso.com', withheldScopes: ['AuditLog.Read.All'] }, { signInLogs: 'readable' });
  });
  test.afterAll(async () => rig?.close());

  test('Test connection says what the operator cannot do and whom to ask for what', async ({ page }) => {
    test.setTimeout(150_000);
    const screen = await followGuideToSignedIn(page, rig, 'noblock@contoso.com');
    const lines = await testConnection(screen);
    expect(lines[0]).toBe('Sign-in: Works. Signed in as noblock@contoso.com.');
    expect(lines[1]).toMatch(/^Exchange Online: Works\./);
    expect(lines[2]).toBe(
      'What you can do: Partly. Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs. ' +
        'Can’t read the user’s sign-ins — ask an Entra administrator to grant AuditLog.Read.All (admin consent).',
    );
    expect(lines[3]).toBe('A Conditional Access policy: Works. Read one.');
    expect(lines[4]).toMatch(/^A sign-in: Not available\. .+/);
  });
});
