import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { expectNoAxeViolations, goNext, openApp, STEP_IDS, stepView, waitForStepSettled } from '../support/wizard-page';

// Issue 17, what a tier-1 operator sees: (a) after a fix, the change is read back from Exchange and
// the summary says "Fixed: …" in a Resolved group, the headline moves on and the message for the
// user is there to copy; (b) the training scenario starts with debug logging off: the trainee turns
// it on, sees the 48-hour countdown and the "sync now" message, waits for the phone's requests to
// reach the log, and only on the summary learns the story.
const USER = 'alex.wilber@contoso.example';
const TRAINING = 'training-debug-logging-off';

// The operator's own locale and time zone; the case's times come from the scenario clock (26 Nov 2026 09:00 UTC).
test.use({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

async function goToPlace(page: Page, title: RegExp, step: (typeof STEP_IDS)[number]): Promise<void> {
  await page.getByRole('navigation', { name: 'Troubleshooting steps' }).getByRole('button', { name: title }).click();
  await expect(stepView(page, step)).toBeVisible();
}

async function startCase(page: Page, scenario: string, training: boolean): Promise<void> {
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByLabel('User’s sign-in name (UPN)').fill(USER);
  await form.getByLabel('What does the user see?').fill('No new mail on the phone');
  if (training) await form.getByRole('switch', { name: /Training mode/ }).check();
  await form.getByLabel('Demo scenario').selectOption(scenario);
  await form.getByRole('button', { name: 'Start troubleshooting' }).click();
}

test('(a) allowing a quarantined phone: read back, Resolved group, headline moved, message for the user', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, await host.freshUrl());
  await startCase(page, 'quarantined-org-default', false);
  await waitForStepSettled(page, 'connect');
  await goToPlace(page, /^\d+\. Summary/, 'summary');
  await waitForStepSettled(page, 'summary', 90_000);
  const summary = stepView(page, 'summary');
  await expect(summary.getByTestId('step-result')).toContainText('Most likely cause: The device is in quarantine');
  await expect(summary.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'DEVICE_QUARANTINED');
  await expect(summary.getByTestId('resolved')).toHaveCount(0);

  // The fix, from the finding it sits on, behind its confirmation.
  await summary.getByTestId('finding').first().getByRole('button', { name: /^Allow device / }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: /^Confirm: / }).click();
  await expect(dialog).toBeHidden({ timeout: 45_000 });

  const resolved = summary.getByTestId('resolved');
  await expect(resolved).toBeVisible({ timeout: 45_000 });
  await expect(resolved.getByRole('heading', { name: 'Resolved' })).toBeVisible();
  const closure = resolved.getByTestId('closure').first();
  await expect(closure).toHaveAttribute('data-result', 'fixed');
  // The case clock's time (the scenario's 09:00 UTC), said in the operator's zone: 10:0x in Berlin, not the machine's date.
  await expect(closure.getByTestId('closure-fixed')).toHaveText(
    /^Fixed: the phone is no longer quarantined — read back from Exchange at 10:0\d on Thu 26 Nov\.$/,
  );
  // What the log still shows from before the change is said as such, not as fixed.
  await expect(closure.getByTestId('closure-still').first()).toContainText("the phone's next request");
  const message = closure.getByRole('textbox', { name: /Message for the user/ });
  await expect(message).toHaveValue(/pull down on the inbox/);
  await expect(message).toHaveValue(/We made a change on our side at 10:0\d on Thu 26 Nov\./);
  await expect(closure.getByRole('button', { name: 'Copy the message' })).toBeVisible();

  // The headline has moved on to the next unresolved finding; the fixed one is no longer ranked.
  await expect(summary.getByTestId('step-result')).not.toContainText(/quarantine/i, { timeout: 30_000 });
  await expect(summary.getByTestId('finding').first()).not.toHaveAttribute('data-finding-code', 'DEVICE_QUARANTINED');
  await expect(summary.locator('[data-testid="finding"][data-finding-code="DEVICE_QUARANTINED"]')).toHaveCount(0);
  const headline = (await summary.getByTestId('step-result').textContent()) ?? '';
  const topTitle = (await summary.getByTestId('finding').first().getByRole('heading').textContent()) ?? '';
  expect(headline).toContain(topTitle.replace(/^1\. /, ''));

  // A finding whose next step the user carries out offers its message, copyable.
  const send = summary.locator('[data-testid="finding"][data-finding-code="SEND_FAILED"]');
  await send.getByRole('button', { name: 'Message for the user' }).click();
  await expect(send.getByRole('textbox', { name: /Message for the user/ })).toHaveValue(/Outbox/);
  await expect(send.getByRole('textbox', { name: /Message for the user/ })).not.toHaveValue(/ActiveSync|quarantin|Exchange/i);

  // At 1024 px nothing sticks out sideways, and axe finds nothing with the new groups open.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName} ${el.getAttribute('data-testid') ?? ''} ${el.className.toString().slice(0, 40)} ${Math.round(el.getBoundingClientRect().right)}`)
      .slice(0, 15),
  );
  expect(wide).toEqual([]);
  await expectNoAxeViolations(page, 'summary with the Resolved group and a user message open');
});

test('(b) training: debug logging off, turned on with its countdown, the phone appears in the log, the story waits for the summary', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, await host.freshUrl());
  const story = "Alex's iPhone shows no new mail in the Inbox; Exchange allows the phone and debug logging is off.";
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByLabel('Demo scenario').selectOption(TRAINING);
  await expect(form.getByText(story)).toBeVisible();
  await form.getByRole('switch', { name: /Training mode/ }).check();
  // Training mode: practice cases are named neutrally and the story is not shown.
  await expect(form.getByText(story)).toHaveCount(0);
  await expect(form.getByText('Training mode: the story is shown on the summary.')).toBeVisible();
  await expect(form.getByRole('option', { name: /Inbox stuck in a sync-key reset loop/ })).toHaveCount(0);
  await startCase(page, TRAINING, true);

  await waitForStepSettled(page, 'connect');
  await expect(stepView(page, 'connect')).toContainText('a practice case: its story is shown on the summary');
  await expect(page.getByText(story)).toHaveCount(0);
  for (const step of STEP_IDS.slice(1, STEP_IDS.indexOf('debug-logging') + 1)) {
    await goNext(page, step);
    await waitForStepSettled(page, step);
    await expect(page.getByText(story)).toHaveCount(0);
  }

  // Logging is off: the trainee turns it on and the 48-hour countdown starts, on the scenario clock.
  const panel = page.getByTestId('debug-logging');
  await expect(panel).toHaveAttribute('data-enabled', 'false');
  await panel.getByRole('button', { name: 'Turn on debug logging' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: /^Confirm/ }).click();
  await expect(dialog).toBeHidden({ timeout: 45_000 });
  await expect(panel).toHaveAttribute('data-enabled', 'true', { timeout: 45_000 });
  await expect(panel.getByRole('timer')).toHaveText(/^4[78] h \d\d min left before Exchange turns it off\.$/);
  // "Ask the user to sync now", with the deadline in the operator's zone (48 h after 26 Nov 10:0x Berlin).
  const ask = panel.getByRole('textbox', { name: /Message for the user/ });
  await expect(ask).toHaveValue(/Please do this now, and at the latest by Saturday 28 November, 10:0\d:/);
  await expect(ask).toHaveValue(/Pull down on the inbox/);

  // The logs step was skipped while logging was off; the phone's requests reach the log a few
  // seconds (scenario time) after logging went on, so the trainee fetches until they are there.
  await goNext(page, 'logs');
  const logs = stepView(page, 'logs');
  await expect(logs).toHaveAttribute('data-step-status', 'skipped');
  await expect
    .poll(
      async () => {
        await logs.getByRole('button', { name: /^Run this step/ }).click();
        await waitForStepSettled(page, 'logs');
        // The step's result counts the requests the log holds ("… 10 requests").
        const result = (await logs.getByTestId('step-result').textContent()) ?? '';
        return Number(/(\d+) requests?/.exec(result)?.[1] ?? 0);
      },
      { timeout: 90_000, intervals: [4_000] },
    )
    .toBeGreaterThanOrEqual(10);
  await expect(page.getByText(story)).toHaveCount(0);

  // The summary: the loop found in the log is first, and now the story is shown.
  await goNext(page, 'summary');
  await waitForStepSettled(page, 'summary');
  const summary = stepView(page, 'summary');
  await expect(summary.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'SYNC_KEY_LOOP', { timeout: 30_000 });
  const reveal = summary.getByTestId('training-story');
  await expect(reveal).toContainText(story);
  await expect(reveal).toContainText('What was really wrong:');
  await expect(reveal).toContainText('sync-key reset loop');
  // Going back, the scenario is no longer a secret.
  await goToPlace(page, /^\d+\. Connect/, 'connect');
  await expect(stepView(page, 'connect')).toContainText(`scenario “${TRAINING}”`);
  await expectNoAxeViolations(page, 'connect step after the training story was revealed');
});
