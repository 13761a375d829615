import { describe, expect, it } from 'vitest';
import type { LogEntryRow } from '../../../src-main/shared/models/wizard';
import {
  createLogsStore,
  LOG_PAGE_SIZE,
  MAX_CACHED_PAGES,
  rowAt,
} from '../../../src-renderer/stores/logs-store';
import { createFakeApi, deferred, ok } from './support/fake-api';

const TOTAL = 1_000;
function row(seq: number): LogEntryRow {
  return { seq, outcome: seq % 7 === 0 ? 'error' : 'ok', summary: `Sync #${seq}`, command: 'Sync' };
}
/** A backend holding TOTAL entries that answers pages like the real query would. */
function logBackend() {
  return createFakeApi({
    queryLogEntries: (r) => {
      const all = Array.from({ length: TOTAL }, (_, i) => row(i + 1)).filter(
        (e) => r.outcome !== 'error' || e.outcome === 'error',
      );
      const offset = r.offset ?? 0;
      return ok({ total: all.length, rows: all.slice(offset, offset + (r.limit ?? 100)) });
    },
    getLogEntry: (r) =>
      ok({ ...row(r.seq), statuses: [], request: '<Sync/>', response: '<Status>1</Status>', headers: {} }),
  });
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('logs store', () => {
  it('loads the first page when a device is shown', async () => {
    const fake = logBackend();
    const store = createLogsStore(fake.api);
    store.getState().show('case-0001-test', 'DEV1');
    await settle();
    expect(store.getState().total).toBe(TOTAL);
    expect(rowAt(store.getState(), 0)?.seq).toBe(1);
    expect(fake.callsOf('queryLogEntries')).toEqual([
      { caseId: 'case-0001-test', deviceId: 'DEV1', offset: 0, limit: LOG_PAGE_SIZE, outcome: 'all' },
    ]);
  });

  it('fetches only the pages a visible range needs, once each', async () => {
    const fake = logBackend();
    const store = createLogsStore(fake.api);
    store.getState().show('c', 'DEV1');
    await settle();
    store.getState().ensureRows(LOG_PAGE_SIZE * 2 - 5, LOG_PAGE_SIZE * 2 + 5);
    store.getState().ensureRows(LOG_PAGE_SIZE * 2 - 5, LOG_PAGE_SIZE * 2 + 5);
    await settle();
    expect(fake.callsOf('queryLogEntries').map((c) => c.offset)).toEqual([
      0,
      LOG_PAGE_SIZE,
      LOG_PAGE_SIZE * 2,
    ]);
    expect(rowAt(store.getState(), LOG_PAGE_SIZE * 2 + 5)?.seq).toBe(LOG_PAGE_SIZE * 2 + 6);
  });

  it('never asks past the end of the filtered list', async () => {
    const fake = logBackend();
    const store = createLogsStore(fake.api);
    store.getState().show('c', 'DEV1');
    await settle();
    store.getState().ensureRows(TOTAL - 10, TOTAL + 500);
    await settle();
    expect(Math.max(...fake.callsOf('queryLogEntries').map((c) => c.offset ?? 0))).toBeLessThan(TOTAL);
  });

  it('a new filter starts over and drops answers for the old one', async () => {
    const slow = deferred<ReturnType<typeof ok<{ total: number; rows: LogEntryRow[] }>>>();
    let first = true;
    const fake = createFakeApi({
      queryLogEntries: (r) => {
        if (first) {
          first = false;
          return slow.promise;
        }
        return ok({ total: 3, rows: [row(7), row(14), row(21)].slice(0, r.limit) });
      },
    });
    const store = createLogsStore(fake.api);
    store.getState().show('c', 'DEV1');
    store.getState().setFilter({ outcome: 'error', search: '  Sync  ' });
    await settle();
    slow.resolve(ok({ total: TOTAL, rows: [row(1)] }));
    await settle();
    expect(store.getState().total).toBe(3);
    expect(rowAt(store.getState(), 0)?.seq).toBe(7);
    expect(fake.callsOf('queryLogEntries')[1]).toMatchObject({ outcome: 'error', search: 'Sync', offset: 0 });
  });

  it('keeps a bounded number of pages however far the operator scrolls', async () => {
    const fake = createFakeApi({
      queryLogEntries: (r) =>
        ok({
          total: 200_000,
          rows: Array.from({ length: r.limit ?? 1 }, (_, i) => row((r.offset ?? 0) + i + 1)),
        }),
    });
    const store = createLogsStore(fake.api);
    store.getState().show('c', 'BIG');
    await settle();
    for (let index = 0; index < 200_000; index += LOG_PAGE_SIZE * 5) {
      store.getState().ensureRows(index, index + 30);
      await settle();
    }
    expect(Object.keys(store.getState().pages).length).toBeLessThanOrEqual(MAX_CACHED_PAGES);
    expect(rowAt(store.getState(), 199_000)?.seq).toBe(199_001);
  });

  it('shows the detail of the entry picked last', async () => {
    const fake = logBackend();
    const store = createLogsStore(fake.api);
    store.getState().show('c', 'DEV1');
    const a = store.getState().select(3);
    const b = store.getState().select(9);
    await Promise.all([a, b]);
    expect(store.getState().detail).toMatchObject({ status: 'ready', entry: { seq: 9, request: '<Sync/>' } });
  });
});
