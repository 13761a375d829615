import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { expectNoAxeViolations, openApp } from '../support/wizard-page';

// A colleague's bundle, opened in the browser version: the page uploads the file (no path ever
// crosses to the host), and the case says it came from a file.
let host: RunningHost;
let bundle: string;
test.beforeAll(async () => {
  host = await startHostProcess();
  bundle = path.join(mkdtempSync(path.join(tmpdir(), 'eas-e2e-bundle-')), 'case.zip');
  const made = spawnSync(
    process.execPath,
    ['bin/eas-troubleshooter.js', 'bundle', 'export', '--scenario', 'healthy-iphone', '--user', 'alex.wilber@contoso.com', '--out', bundle, '--redact'],
    { encoding: 'utf8' },
  );
  expect(made.status, made.stderr).toBe(0);
});
test.afterAll(async () => {
  await host.stop();
});

test('a bundle picked in the page opens read-only with "imported from a file" provenance', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, await host.freshUrl());
  await expect(page.getByLabel('Bundle file path')).toHaveCount(0);
  await page.getByLabel('Bundle file').setInputFiles(bundle);
  await page.getByRole('button', { name: 'Open the bundle' }).click();
  const notice = page.getByTestId('review-notice');
  await expect(notice).toContainText('Imported from a file');
  await expect(notice).toContainText('stand-ins');
  await expect(notice).toHaveAttribute('data-provenance', 'imported-from-file');
  await expectNoAxeViolations(page, 'imported case');
});
