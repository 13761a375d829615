import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import {
  attachScreenshot,
  enableDebugLoggingIfOff,
  expectNoAxeViolations,
  goNext,
  openApp,
  startDemoCase,
  STEP_IDS,
  stepView,
  waitForStepSettled,
} from '../support/wizard-page';

// The corners a new tier-1 operator trips over (issue 17): dialogs that leave the app hidden from
// screen readers, views that overlap on a 1024 px laptop, evidence links that multiply on
// re-runs, and a timeline that calls quarantined requests a success.
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

const USER = 'alex.wilber@contoso.example';

/** After a dialog has gone: the app is in the accessibility tree again and axe finds nothing. */
async function expectAppVisibleAgain(page: Page, heading: string, where: string): Promise<void> {
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.locator('#root')).not.toHaveAttribute('aria-hidden', 'true');
  // Role queries skip anything aria-hidden: finding the heading by role is what a screen reader sees.
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Troubleshooting steps' })).toBeVisible();
  await expectNoAxeViolations(page, where);
}

test('every dialog, once closed, leaves the app visible to screen readers; evidence links stay one per source', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, await host.freshUrl());
  await startDemoCase(page, 'quarantined-org-default', USER);
  await waitForStepSettled(page, 'connect');
  await goNext(page, 'mailbox');
  await waitForStepSettled(page, 'mailbox');
  const mailbox = stepView(page, 'mailbox');

  // The evidence viewer, closed with its Close button.
  // The step's own evidence list (each check also links the evidence it read).
  const links = mailbox.getByRole('list', { name: 'Raw evidence for Mailbox and devices', exact: true }).getByTestId('evidence-link');
  const firstLink = links.and(page.locator(':enabled')).first();
  await firstLink.click();
  const viewer = page.getByRole('dialog');
  await expect(viewer.getByRole('heading', { name: /^Raw evidence: / })).toBeVisible();
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expectAppVisibleAgain(page, 'Mailbox and devices', 'mailbox step after the evidence viewer closed');

  // The evidence viewer again, closed with Escape.
  await firstLink.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expectAppVisibleAgain(page, 'Mailbox and devices', 'mailbox step after Escape on the evidence viewer');

  // The confirmation of a change on the Mailbox step, cancelled.
  const quarantined = page.getByRole('radio', { name: /Quarantined/ });
  await quarantined.click();
  await expect(quarantined).toBeChecked();
  await page.getByRole('button', { name: /^Allow device / }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm.getByTestId('action-description')).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expectAppVisibleAgain(page, 'Mailbox and devices', 'mailbox step after the confirmation was cancelled');

  // Evidence links: words, not cmdlet names, and one per source however often the step runs.
  const before = await links.allTextContents();
  expect(before.length).toBeGreaterThan(0);
  for (const text of before) expect(text).not.toMatch(/\b(Get|Set)-[A-Z]/);
  expect(new Set(before).size).toBe(before.length);
  // Each run stores its captures as name, name_2, name_3: after two re-runs the links show the third.
  for (const attempt of [2, 3]) {
    await mailbox.getByRole('button', { name: 'Run this step again' }).click();
    await expect(links.first()).toHaveAttribute('data-evidence-id', new RegExp(`_${attempt}$`), { timeout: 45_000 });
    await waitForStepSettled(page, 'mailbox');
  }
  await expect(links).toHaveCount(before.length);
  expect(await links.allTextContents()).toEqual(before);

  // The confirmation on the Debug logging step, dismissed with Escape.
  for (const step of STEP_IDS.slice(2, STEP_IDS.indexOf('debug-logging') + 1)) {
    await goNext(page, step);
    await waitForStepSettled(page, step);
  }
  const panel = page.getByTestId('debug-logging');
  const toggle = panel.getByRole('button', { name: /^Turn (on|off) debug logging/ });
  await toggle.click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expectAppVisibleAgain(page, 'Debug logging', 'debug-logging step after Escape on the confirmation');
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Layout faults on the current step, measured in the page: overflow, clipped text, overlap. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) faults.push(`page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
    const view = document.querySelector<HTMLElement>('[data-testid="step-view"]');
    const nav = document.querySelector<HTMLElement>('nav[aria-label="Troubleshooting steps"]');
    if (view === null || nav === null) return ['no step view or step list'];
    const v = view.getBoundingClientRect();
    const n = nav.getBoundingClientRect();
    if (n.right > v.left + 1) faults.push('the step list runs into the step view');
    for (const el of view.querySelectorAll<HTMLElement>('button, h2, h3, [role="timer"], [data-testid]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > v.right + 1 || r.left < v.left - 1)
        faults.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 40)}" sticks out of the step view`);
    }
    // Text that must be read in full: headings, buttons, the log list's header and status cells.
    const mustFit = view.querySelectorAll<HTMLElement>(
      'h2, h3, button, [data-testid="log-list-header"] > span, [data-testid="log-list"] [role="option"][data-seq] > span:nth-child(5)',
    );
    for (const el of mustFit) {
      if (el.clientWidth === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) faults.push(`"${(el.textContent ?? '').trim().slice(0, 40)}" is cut off`);
    }
    return faults;
  });
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
]) {
  test(`every step at ${size.width}×${size.height}: nothing overlaps, nothing is cut off`, async ({ page }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    await openApp(page, await host.freshUrl());
    await startDemoCase(page, 'quarantined-org-default', USER);
    for (const [index, step] of STEP_IDS.entries()) {
      if (index > 0) await goNext(page, step);
      const status = await waitForStepSettled(page, step);
      if (step === 'debug-logging' && status === 'done') await enableDebugLoggingIfOff(page);
      await attachScreenshot(page, testInfo, `${size.width}-${index + 1}-${step}`);
      expect(await layoutFaults(page), `${step} at ${size.width}×${size.height}`).toEqual([]);
      if (step !== 'logs') continue;

      // The log list and the detail pane never overlap, header included.
      const header = await page.getByTestId('log-list-header').boundingBox();
      const list = await page.getByTestId('log-list').boundingBox();
      const detail = await page.getByTestId('log-detail').boundingBox();
      expect(header && list && detail).toBeTruthy();
      expect(overlaps(header!, detail!), 'the "What happened" header runs into the detail pane').toBe(false);
      expect(overlaps(list!, detail!), 'the log list runs into the detail pane').toBe(false);
      await page.getByTestId('log-list').locator('[role="option"][data-seq]').first().click();
      await expect(page.getByTestId('log-detail')).not.toContainText('Pick an entry');
      expect(await layoutFaults(page), `logs with an entry open at ${size.width}×${size.height}`).toEqual([]);

      // The quarantined phone's requests are not "succeeded": they have their own colour, words and legend.
      const timeline = page.getByTestId('log-timeline');
      await expect(timeline.getByTestId('legend-held')).toHaveText('In quarantine or blocked: no mail');
      await expect(timeline.getByRole('img')).toHaveAttribute('aria-label', /in quarantine or blocked \(no mail\)/);
      await expect(timeline.locator('svg title', { hasText: 'In quarantine or blocked: no mail' }).first()).toBeAttached();
      await expect(page.getByTestId('log-list').getByRole('option', { name: /In quarantine: no mail/ }).first()).toBeVisible();
    }
  });
}
