import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceRow, InventoryStatus } from '../../../src-main/shared/models/devices';
import { createDevicesStore, DEVICE_PAGE_SIZE, deviceRowAt, windowLoaded } from '../../../src-renderer/stores/devices-store';
import { createFakeApi, ok } from './support/fake-api';

function row(i: number, state = 'Quarantined'): DeviceRow {
  return {
    key: `u${i}\\ExchangeActiveSyncDevices\\iPhone§D${i}`,
    deviceId: `D${i}`,
    mailbox: `u${i}`,
    userDisplayName: `User ${i}`,
    friendlyName: '',
    deviceType: 'iPhone',
    deviceModel: 'iPhone15C2',
    deviceOS: 'iOS 18',
    userAgent: 'ua',
    app: 'native',
    protocolVersion: '16.1',
    state,
    reason: 'Global',
    rule: null,
    firstSeen: null,
    lastActivity: null,
    partnerships: 1,
  };
}
const READY: InventoryStatus = { state: 'ready', loaded: 1000, connectionLabel: 'Demo tenant', asOf: null, viewCounts: { quarantined: 1000 } };

/** A backend whose queue holds `queue` phones; approving removes them from it. */
function backend() {
  let queue = Array.from({ length: 1000 }, (_, i) => row(i));
  const fake = createFakeApi({
    getDevicesStatus: () => ok(READY),
    queryDevices: (q) => ok({ total: queue.length, rows: queue.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 200)) }),
    loadDeviceStatistics: ({ keys }) => ok(keys.map((k) => ({ ...queue.find((r) => r.key === k)!, lastSync: null, wipePending: false }))),
    previewDeviceDecision: ({ keys, decision }) =>
      ok({ decision, allowed: true, description: 'd', devices: keys.map((k) => ({ row: queue.find((r) => r.key === k)!, command: `cmd ${k}` })) }),
    decideDevices: ({ keys }) => {
      queue = queue.filter((r) => !keys.includes(r.key));
      return ok({ results: keys.map((key) => ({ key, result: 'succeeded' as const, message: 'ok', stateAfter: 'Allowed' })), audit: [] });
    },
    listDevicesAudit: () => ok([]),
  });
  return fake;
}

describe('devices store', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('fetches the first page once the listing is ready, then only the pages a visible range needs', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().connect();
    await vi.waitFor(() => expect(store.getState().total).toBe(1000));
    store.getState().ensureRows(DEVICE_PAGE_SIZE * 3 + 1, DEVICE_PAGE_SIZE * 3 + 20);
    await vi.waitFor(() => expect(deviceRowAt(store.getState(), DEVICE_PAGE_SIZE * 3 + 1)?.deviceId).toBe(`D${DEVICE_PAGE_SIZE * 3 + 1}`));
    expect(fake.callsOf('queryDevices').map((q) => q.offset)).toEqual([0, DEVICE_PAGE_SIZE * 3]);
  });

  it('fetches the windows up to four moves ahead of a scroll, without reading their statistics', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().connect();
    await vi.waitFor(() => expect(store.getState().total).toBe(1000));
    const move = 3 * DEVICE_PAGE_SIZE + 16;
    store.getState().ensureRows(0, 17);
    store.getState().ensureRows(move, move + 17);
    const pageOf = (row: number) => Math.floor(row / DEVICE_PAGE_SIZE) * DEVICE_PAGE_SIZE;
    const expected = [1, 2, 3, 4, 5].flatMap((moves) => [pageOf(moves * move), pageOf(moves * move + 17)]);
    await vi.waitFor(() => expect(deviceRowAt(store.getState(), 5 * move + 17)).toBeDefined());
    expect(new Set(fake.callsOf('queryDevices').map((q) => q.offset))).toEqual(new Set([0, ...expected]));
    // Scrolling back, the guess is behind the window; nothing is guessed past the list's end.
    const before = fake.callsOf('queryDevices').length;
    store.getState().ensureRows(600, 617);
    store.getState().ensureRows(500, 517);
    await vi.waitFor(() => expect(deviceRowAt(store.getState(), 100)?.deviceId).toBe('D100'));
    expect(fake.callsOf('queryDevices').map((q) => q.offset).slice(before)).toEqual([600, 400, 200, 100]);
    await vi.advanceTimersByTimeAsync(1000);
    const asked = fake.callsOf('loadDeviceStatistics');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.keys).toEqual(Array.from({ length: 18 }, (_, i) => row(500 + i).key));
  });

  it('tells whether every row of a window is loaded', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().connect();
    await vi.waitFor(() => expect(store.getState().total).toBe(1000));
    expect(windowLoaded(store.getState(), 0, DEVICE_PAGE_SIZE - 1)).toBe(true);
    expect(windowLoaded(store.getState(), DEVICE_PAGE_SIZE - 5, DEVICE_PAGE_SIZE + 5)).toBe(false);
    // Rows past the end of the list are not waited for.
    expect(windowLoaded({ pages: store.getState().pages, total: 10 }, 0, 40)).toBe(true);
  });

  it('reads statistics only for the rows left on screen, after the scrolling stops', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().connect();
    await vi.waitFor(() => expect(store.getState().total).toBe(1000));
    store.getState().ensureRows(0, 10);
    store.getState().ensureRows(5, 15);
    store.getState().ensureRows(20, 34);
    await vi.advanceTimersByTimeAsync(1000);
    const asked = fake.callsOf('loadDeviceStatistics');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.keys).toEqual(Array.from({ length: 15 }, (_, i) => row(20 + i).key));
    await vi.waitFor(() => expect(deviceRowAt(store.getState(), 20)?.lastSync).toBeNull());
  });

  it('runs a confirmed bulk decision for the previewed phones only and reads the queue again', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().connect();
    await vi.waitFor(() => expect(store.getState().total).toBe(1000));
    const keys = [row(1).key, row(2).key];
    for (const key of keys) store.getState().toggleSelected(key);
    await store.getState().requestDecision([...store.getState().selected], 'approve');
    expect(store.getState().decision?.status).toBe('ready');
    await store.getState().confirmDecision();
    expect(fake.callsOf('decideDevices')).toEqual([{ keys, decision: 'approve', confirmed: true }]);
    expect(store.getState().selected.size).toBe(0);
    await vi.waitFor(() => expect(store.getState().total).toBe(998));
    expect(store.getState().decision?.status).toBe('done');
  });

  it('never confirms without a preview that allows it', async () => {
    const fake = backend();
    const store = createDevicesStore(fake.api);
    await store.getState().confirmDecision();
    expect(fake.callsOf('decideDevices')).toEqual([]);
  });
});
