import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostRequestError } from '../../../src-main/services/powershell/errors';
import { PowerShellSession } from '../../../src-main/services/powershell/powershell-session';
import { LISTING_WINDOW } from '../../../src-main/services/devices/device-inventory';
import { demoConnectParams, demoShellLaunch } from './demo-shell-launch';

// The tenant-wide listing as the Devices area runs it: Get-MobileDevice -ResultSize Unlimited in
// pages through the production session and the simulated shell of the 20 000-device tenant.
describe('paged Get-MobileDevice over the large tenant', () => {
  let session: PowerShellSession;
  beforeAll(async () => {
    session = new PowerShellSession({ launch: () => demoShellLaunch('large-tenant'), requestTimeoutMs: 60_000 });
    await session.request('Connect-ExchangeOnline', await demoConnectParams('large-tenant'));
  }, 60_000);
  afterAll(() => session.dispose());

  // Lock-step, and with the window the Devices area uses.
  it.each([1, LISTING_WINDOW])('hands every device over page by page with a running count (window %i)', async (window) => {
    const counts: number[] = [];
    const ids = new Set<string>();
    const result = await session.requestPaged('Get-MobileDevice', { ResultSize: 'Unlimited' }, {
      pageSize: 1000,
      window,
      onPage: (data, count) => {
        counts.push(count);
        for (const device of data as Array<{ Identity: string }>) ids.add(device.Identity);
      },
    });
    expect(result.count).toBeGreaterThanOrEqual(20_000);
    expect(ids.size).toBe(result.count);
    expect(counts.slice(0, 3)).toEqual([1000, 2000, 3000]);
    expect(counts.at(-1)).toBe(result.count);
  }, 60_000);

  it.each([1, LISTING_WINDOW])('cancels part-way without losing the host or its Exchange connection (window %i)', async (window) => {
    const controller = new AbortController();
    let pages = 0;
    const listing = session.requestPaged('Get-MobileDevice', { ResultSize: 'Unlimited' }, {
      pageSize: 500,
      window,
      signal: controller.signal,
      onPage: () => {
        pages++;
        if (pages === 2) controller.abort();
      },
    });
    const pid = session.pid;
    await expect(listing).rejects.toSatisfy((e) => e instanceof HostRequestError && e.kind === 'cancelled');
    expect(pages).toBe(2);
    expect(session.pid).toBe(pid);
    // Still connected: an Exchange cmdlet answers without a new Connect-ExchangeOnline.
    const cas = await session.request('Get-CASMailbox', { Identity: 'alex.wilber@contoso.example' });
    expect(cas.data).toHaveLength(1);
  }, 60_000);
});
