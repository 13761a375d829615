import { expect, test, type Locator } from '@playwright/test';
import { startHostProcess, type RunningHost } from '../support/host-process';
import { openApp } from '../support/wizard-page';

// The Devices table over the 20 000-phone demo tenant, driven like an operator with a keyboard
// and a scrollbar: rows keep their place, data and ticks wherever the list is scrolled, the
// keyboard moves, ticks and explains, and the ticked phones go to one bulk decision.
const ROW_HEIGHT = 34;
let host: RunningHost;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host.stop();
});

/** The index, device ID and tick of every row drawn, in DOM order, once no row is loading. */
async function drawnRows(
  list: Locator,
): Promise<Array<{ index: number; deviceId: string; ticked: boolean }>> {
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);
  return list.getByRole('option').evaluateAll((els) =>
    els.map((e) => ({
      index: Number(e.id.replace('device-row-', '')),
      deviceId: e.getAttribute('data-device-id') ?? '',
      ticked: e.getAttribute('aria-selected') === 'true',
    })),
  );
}

test('devices table: scrolled anywhere its rows are whole and in order; keys move, tick and explain; ticks go to one bulk decision', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, await host.freshUrl());
  await page.getByRole('button', { name: 'Devices' }).click();
  await page
    .getByRole('form', { name: 'Which tenant' })
    .getByLabel('Demo scenario')
    .selectOption('large-tenant');
  await page.getByRole('button', { name: 'Load the phones' }).click();
  await expect(page.getByTestId('devices-loaded')).toContainText(/20,0\d\d phones/, { timeout: 60_000 });
  await page
    .getByRole('group', { name: 'Saved views' })
    .getByRole('button', { name: /All phones/ })
    .click();
  const list = page.getByTestId('device-list');
  await expect(list).toHaveAttribute('data-total', /^20\d\d\d$/);
  const total = Number(await list.getAttribute('data-total'));

  // Jumps like a dragged scrollbar, then small steps: after each, the rows drawn are consecutive,
  // in DOM order, all loaded, and as many as before.
  const counts = new Set<number>();
  const seen = new Map<number, string>();
  for (const fraction of [0.37, 0.38, 0.39, 0.8, 0.1]) {
    for (const nudge of [0, 5, 17, 40]) {
      const top = Math.round(total * ROW_HEIGHT * fraction) + nudge;
      await list.evaluate((el, to) => (el.scrollTop = to), top);
      // The first phone on screen is drawn (ids are given to loaded rows only).
      await expect(list.locator(`#device-row-${Math.floor(top / ROW_HEIGHT)}`)).toHaveCount(1);
      const rows = await drawnRows(list);
      counts.add(rows.length);
      rows.forEach((r, i) => {
        expect(r.index).toBe(rows[0]!.index + i);
        expect(r.deviceId).not.toBe('');
        // A row scrolled past and back shows the same phone.
        if (seen.has(r.index)) expect(r.deviceId).toBe(seen.get(r.index));
        seen.set(r.index, r.deviceId);
      });
    }
  }
  expect(counts.size).toBe(1);

  // Keyboard: End, tick the last two phones with Space.
  await list.focus();
  await page.keyboard.press('End');
  await expect(list).toHaveAttribute('aria-activedescendant', `device-row-${total - 1}`);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  const selectedRegion = page.getByRole('region', { name: 'Selected phones' });
  await expect(selectedRegion).toContainText('2 selected');
  const last = await drawnRows(list);
  const ticked = last.filter((r) => r.ticked);
  expect(ticked.map((r) => r.index)).toEqual([total - 2, total - 1]);

  // Home and back: the ticks stay with their phones, not with the row elements that showed them.
  await page.keyboard.press('Home');
  await expect(list).toHaveAttribute('aria-activedescendant', 'device-row-0');
  expect((await drawnRows(list)).filter((r) => r.ticked)).toEqual([]);
  await page.keyboard.press('End');
  await expect(list).toHaveAttribute('aria-activedescendant', `device-row-${total - 1}`);
  expect((await drawnRows(list)).filter((r) => r.ticked)).toEqual(ticked);

  // Enter explains the active phone.
  await page.keyboard.press('Enter');
  const why = page.getByTestId('why-panel');
  await expect(why).toContainText(`device ID ${ticked[1]!.deviceId}`);
  await expect(why.getByTestId('why-summary')).not.toBeEmpty();

  // One bulk decision lists every ticked phone; cancelling changes nothing.
  await selectedRegion.getByRole('button', { name: 'Approve selected…' }).click();
  const dialog = page.getByRole('alertdialog');
  for (const r of ticked) await expect(dialog.getByTestId('decision-devices')).toContainText(r.deviceId);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(selectedRegion).toContainText('2 selected');
  await list.focus();
  await page.keyboard.press('Space');
  await expect(selectedRegion).toContainText('1 selected');
});
