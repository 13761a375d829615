import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The wizard's steps after the start screen, in order (ids as in the IPC contract). */
export const STEP_IDS = [
  'connect',
  'mailbox',
  'client-access-rules',
  'conditional-access',
  'authentication',
  'debug-logging',
  'logs',
  'summary',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const THEMES = ['light', 'dark', 'high-contrast'] as const;

/** What a built-in demo scenario expects, read from its own scenario.json. */
export function scenarioExpectation(id: string): { rootCauses: string[]; findings: string[]; title: string } {
  const file = path.resolve('assets/scenarios', id, 'scenario.json');
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as {
    title: string;
    expected: { rootCauses?: string[]; findings?: string[] };
  };
  return {
    title: scenario.title,
    rootCauses: scenario.expected.rootCauses ?? [],
    findings: scenario.expected.findings ?? [],
  };
}

/** Opens the app through the browser host and waits until it talks to the main process. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
}

/** Fills the new-case form for a demo scenario and starts the case. */
export async function startDemoCase(page: Page, scenario: string, userUpn: string): Promise<void> {
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByLabel('User’s sign-in name (UPN)').fill(userUpn);
  await form.getByLabel('What does the user see?').fill('No new mail on the phone since yesterday');
  await form.getByLabel('Ticket reference (optional)').fill('INC-E2E-1');
  await form.getByLabel('Demo scenario').selectOption(scenario);
  await form.getByRole('button', { name: 'Start troubleshooting' }).click();
}

/** The view of one step. */
export function stepView(page: Page, step: StepId) {
  return page.locator(`[data-testid="step-view"][data-step-id="${step}"]`);
}

/** Waits until a step has stopped running (done, failed, skipped or cancelled) and returns its status. */
export async function waitForStepSettled(page: Page, step: StepId, timeout = 45_000): Promise<string> {
  const view = stepView(page, step);
  await expect(view).toHaveAttribute('data-step-status', /^(done|failed|skipped|cancelled)$/, { timeout });
  return (await view.getAttribute('data-step-status')) ?? '';
}

/** Moves on with the Next button (keyboard-operable like every control). */
export async function goNext(page: Page, to: StepId): Promise<void> {
  await page.getByRole('button', { name: /^Next: / }).click();
  await expect(stepView(page, to)).toBeVisible();
}

/** Saves a full-page screenshot of the current step in the test's output folder and attaches it. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Runs axe on the page and expects no violations, naming where it ran. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    where,
  ).toEqual([]);
}

/**
 * Turns debug logging on through the confirmation dialog when the step shows it off, and waits
 * for the read-back. The dialog must name what will change before Confirm is pressed.
 */
export async function enableDebugLoggingIfOff(page: Page): Promise<void> {
  const panel = page.getByTestId('debug-logging');
  await expect(panel).toBeVisible();
  if ((await panel.getAttribute('data-enabled')) === 'true') return;
  await panel.getByRole('button', { name: 'Turn on debug logging' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('action-description')).toContainText(/debug logging/i);
  await dialog.getByRole('button', { name: /^Confirm/ }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toHaveAttribute('data-enabled', 'true');
}
