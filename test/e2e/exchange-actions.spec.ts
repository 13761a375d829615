import { expect, test, type Page } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { openApp, startDemoCase, stepView, waitForStepSettled } from '../support/wizard-page';

// One e2e per tier-1 action (issue 13), through the real UI, the browser host and the demo tenant:
// the action is offered on the summary card of the finding it fixes, it is not offered where it
// would undo a control, and after it runs the case is judged again: the audit's read-back says what
// Exchange now reports, and the finding list is rebuilt from the re-read mailbox.
const USER = 'alex.wilber@contoso.example';

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

/** Starts the scenario's case and opens the summary once the flow has finished. */
async function openSummary(page: Page, scenario: string): Promise<void> {
  await openApp(page, await host.freshUrl());
  await startDemoCase(page, scenario, USER);
  await waitForStepSettled(page, 'connect');
  await page.getByRole('button', { name: /^\d+\. Summary$/ }).click();
  await expect(stepView(page, 'summary')).toBeVisible();
  await waitForStepSettled(page, 'summary', 90_000);
  await expect(page.getByTestId('finding').first()).toBeVisible();
}

const card = (page: Page, code: string) => page.locator(`[data-testid="finding"][data-finding-code="${code}"]`).first();

/** Confirms the open action dialog (its description must contain `names`) and waits for the re-judged case. */
async function confirm(page: Page, names: string | RegExp): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByTestId('action-description')).toContainText(names);
  await dialog.getByRole('button', { name: /^Confirm: / }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
}

const readBack = (page: Page) => page.getByTestId('audit-trail').getByRole('row').filter({ hasText: /^.*read-back/ });

test('allow: releases a quarantine from its finding card; the read-back shows the phone on the allowed list and allowed', async ({ page }) => {
  test.setTimeout(150_000);
  await openSummary(page, 'quarantined-org-default');
  const quarantined = card(page, 'DEVICE_QUARANTINED');
  await expect(quarantined.getByRole('button', { name: /^Unblock device / })).toHaveCount(0);
  await quarantined.getByRole('button', { name: /^Allow device SEC1A2B3C4D5E6F7A8$/ }).click();
  await confirm(page, 'Release the phone SEC1A2B3C4D5E6F7A8 from quarantine');
  await expect(readBack(page)).toContainText('on the allowed list no → yes', { timeout: 45_000 });
  await expect(readBack(page)).toContainText('DeviceAccessState Quarantined (Global) → Allowed');
  // Re-judged: Exchange allows the phone now; what the log recorded before is said as such.
  await expect(readBack(page)).toContainText(/Exchange now allows the phone|Gone after re-checking: The device is in quarantine/);
  await expect(card(page, 'DEVICE_QUARANTINED').getByRole('button', { name: /^Allow device / })).toHaveCount(0);
});

test('unblock: a found phone on the blocked list is offered Unblock and never Allow; afterwards it is off the blocked list', async ({ page }) => {
  test.setTimeout(150_000);
  await openSummary(page, 'lost-then-found-both-lists');
  const blocked = card(page, 'DEVICE_BLOCKED');
  await expect(blocked).toBeVisible();
  // Allow would silently take the id off the blocked list (facts F26): refused, so no button anywhere.
  await expect(page.locator('[data-action="allow-device"]')).toHaveCount(0);
  await blocked.locator('[data-action="unblock-device"]').first().click();
  await confirm(page, 'judges the phone again on its next request');
  await expect(readBack(page)).toContainText('on the blocked list yes → no', { timeout: 45_000 });
  await expect(readBack(page)).toContainText('DeviceAccessState Blocked (Individual) → Allowed (Individual)');
  // No finding offers Unblock any more; the Resolved group says the block is fixed.
  await expect(page.getByTestId('finding').locator('[data-action="unblock-device"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="closure"][data-action="unblock-device"]')).toHaveAttribute('data-result', 'fixed');
});

test('enable ActiveSync: offered when it was switched off by mistake, and the read-back shows it on; never when a plan or most mailboxes say it is off on purpose', async ({ page }) => {
  test.setTimeout(200_000);
  await openSummary(page, 'activesync-disabled');
  const disabled = card(page, 'EAS_DISABLED_FOR_MAILBOX');
  await disabled.getByRole('button', { name: 'Turn ActiveSync back on for this mailbox' }).click();
  await confirm(page, 'ActiveSyncEnabled = True');
  await expect(readBack(page)).toContainText('Read back: ActiveSyncEnabled false → true', { timeout: 45_000 });
  await expect(page.locator('[data-finding-code="EAS_DISABLED_FOR_MAILBOX"] [data-action="enable-activesync"]')).toHaveCount(0);

  // The same symptom by policy (facts F38): escalated, no button on the card or the Mailbox step.
  await openSummary(page, 'eas-off-by-plan');
  const byPlan = card(page, 'EAS_OFF_BY_POLICY');
  await expect(page.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'EAS_OFF_BY_POLICY');
  await expect(byPlan).toContainText('Exchange / messaging administrator');
  await expect(page.locator('[data-action="enable-activesync"]')).toHaveCount(0);
  await page.getByRole('button', { name: /^\d+\. Mailbox and devices$/ }).click();
  await expect(stepView(page, 'mailbox')).toBeVisible();
  await expect(page.locator('[data-action="enable-activesync"]')).toHaveCount(0);

  // Off for most people without a plan says the same: the card names the count, still no button.
  await openSummary(page, 'eas-off-for-most-mailboxes');
  await expect(page.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'EAS_OFF_BY_POLICY');
  await expect(card(page, 'EAS_OFF_BY_POLICY')).toContainText('9 of the 13 other user mailboxes have ActiveSync off too');
  // The phone's refused requests are the symptom: the card says so instead of sending tier 1 after them.
  const refused = card(page, 'REQUESTS_REFUSED');
  await expect(refused).toHaveAttribute('data-follows-from', 'EAS_OFF_BY_POLICY');
  await expect(refused.getByTestId('finding-follows-from')).toHaveText(/^This follows from 1\. ActiveSync is turned off by the organisation's policy: fixing that fixes this too/);
  await expect(page.locator('[data-action="enable-activesync"]')).toHaveCount(0);
});

test('remove a partnership: at 100 partnerships the oldest stale ones are offered, and removal frees the limit', async ({ page }) => {
  test.setTimeout(200_000);
  await openSummary(page, 'partnership-limit-177');
  const limit = card(page, 'MAXIMUM_DEVICES_REACHED');
  await expect(page.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'MAXIMUM_DEVICES_REACHED');
  await expect(limit).toContainText('Outlook on the web');
  // The phone Alex uses synced today: never offered.
  await expect(limit.locator('[data-action="remove-device"]')).toHaveCount(5);
  await expect(limit.getByRole('button', { name: /Alex's iPhone/ })).toHaveCount(0);
  await limit.getByRole('button', { name: 'Remove Old iPhone 1 (OLD001X5A17), last sync 2025-06-01' }).click();
  await confirm(page, 'Old iPhone 1 (OLD001X5A17), last sync 2025-06-01');
  await expect(readBack(page)).toContainText('Get-MobileDevice lists 100 → 99 partnerships; the phone OLD001X5A17 is no longer listed', { timeout: 45_000 });
  await expect(readBack(page)).toContainText('Gone after re-checking: The mailbox has too many phone partnerships');
  await expect(page.locator('[data-testid="finding"][data-finding-code="MAXIMUM_DEVICES_REACHED"]')).toHaveCount(0);
});

test('a pending remote wipe: no access change and no removal is offered anywhere', async ({ page }) => {
  test.setTimeout(150_000);
  await openSummary(page, 'remote-wipe-pending');
  await expect(page.getByTestId('finding').first()).toHaveAttribute('data-finding-code', 'REMOTE_WIPE_PENDING');
  for (const kind of ['allow-device', 'unblock-device', 'block-device', 'remove-device', 'enable-activesync']) {
    await expect(page.locator(`[data-action="${kind}"]`), kind).toHaveCount(0);
  }
});
