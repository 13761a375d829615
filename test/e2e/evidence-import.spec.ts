import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { problemCaptureHar } from '../support/capture-fixtures';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { attachScreenshot, openApp, stepView, waitForStepSettled } from '../support/wizard-page';

// "I only have the logs": an operator starts a case from an emailed .gz mailbox log and a .har
// capture taken on the phone's side, through the real browser host, and sees the same findings as
// `analyze-log` on the same files. Then adds evidence on the logs step by drag and drop.
const USER = 'alex.wilber@contoso.example';
const ANDROID = path.resolve('test/fixtures/mailbox-logs/synthetic-android-problems-14.1.txt');

let host: RunningHost;
let dir: string;
let gzPath: string;
let harPath: string;

test.beforeAll(async () => {
  host = await startHostProcess();
  dir = mkdtempSync(path.join(tmpdir(), 'e2e-evidence-'));
  gzPath = path.join(dir, 'EASMailboxLog_alex_SAMSUNGSMS918B_androidc1234567890.gz');
  harPath = path.join(dir, 'iphone-capture.har');
  writeFileSync(gzPath, gzipSync(readFileSync(ANDROID)));
  writeFileSync(harPath, problemCaptureHar());
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

function analyzeLogCodes(...files: string[]): string[] {
  const run = spawnSync(process.execPath, ['bin/eas-troubleshooter.js', 'analyze-log', ...files, '--json'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code).sort();
}

async function shownCodes(page: Page): Promise<string[]> {
  return (await page.locator('[data-testid="finding"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-finding-code') ?? ''))).sort();
}

/** Drops files on a drop zone the way a file manager does (a real DataTransfer with File objects). */
async function dropFiles(page: Page, testId: string, files: Array<{ name: string; text: string }>): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.text], f.name));
    return data;
  }, files);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer: transfer });
}

test('a case from an emailed .gz log and a .har capture shows the same findings as analyze-log', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await openApp(page, await host.freshUrl());
  const section = page.getByTestId('new-case-from-files');
  await section.getByLabel('User’s sign-in name').fill(USER);
  await section.getByTestId('case-from-files-input').setInputFiles([gzPath, harPath]);

  await expect(stepView(page, 'summary')).toBeVisible({ timeout: 30_000 });
  await waitForStepSettled(page, 'summary');
  await expect(page.locator('[data-testid="finding"]').first()).toBeVisible();
  await attachScreenshot(page, testInfo, 'summary-from-files');

  const cli = analyzeLogCodes(gzPath, harPath);
  expect(cli).toEqual(expect.arrayContaining(['CAPTURE_TLS_OR_PROXY_FAILURE', 'BASIC_AUTH_CLIENT', 'DEVICE_BLOCKED']));
  const shown = await shownCodes(page);
  // The case adds one honest note of its own: the tenant was never checked, so this is no all-clear.
  expect(shown.filter((c) => c !== 'EVIDENCE_UNAVAILABLE')).toEqual(cli);
  expect(shown).toContain('EVIDENCE_UNAVAILABLE');
  await expect(page.getByText('from files, no tenant')).toBeVisible();

  // The tenant steps are marked as not run.
  await page.getByRole('button', { name: /Conditional Access/ }).first().click();
  await expect(stepView(page, 'conditional-access')).toHaveAttribute('data-step-status', 'skipped');
  await expect(stepView(page, 'conditional-access').getByText(/Not run: this case was started from files/)).toBeVisible();

  // On the logs step: a bad file is refused by name, a good one is added by drag and drop.
  await page.getByRole('button', { name: /Fetch and analyse logs/ }).first().click();
  await expect(stepView(page, 'logs')).toBeVisible();
  await dropFiles(page, 'add-evidence', [{ name: 'notes.har', text: '{"log":{"entries":[]}}' }]);
  await expect(page.getByTestId('evidence-import-message')).toContainText('"notes.har" has no ActiveSync requests');
  await dropFiles(page, 'add-evidence', [{ name: 'iphone-healthy.txt', text: readFileSync('test/fixtures/mailbox-logs/synthetic-iphone-healthy-16.1.txt', 'utf8') }]);
  await expect(page.getByTestId('evidence-import-message')).toContainText('Added iphone-healthy.txt');
  await attachScreenshot(page, testInfo, 'logs-evidence-added');
});
