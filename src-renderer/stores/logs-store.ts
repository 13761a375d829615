import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { LogEntryDetail, LogEntryRow } from '../../src-main/shared/models/wizard';
import { describeFailure } from '../logic/result';

/** Rows fetched per call; the contract allows up to 500. */
export const LOG_PAGE_SIZE = 200;
/**
 * Pages kept in memory. With 200 000 entries the whole log would be 1 000 pages; the list only
 * ever shows a screenful, so the least recently used pages are dropped beyond this many.
 */
export const MAX_CACHED_PAGES = 40;

export interface LogFilter {
  search: string;
  outcome: 'all' | 'warning' | 'error';
  command: string;
}

export interface LogsState {
  caseId: string | null;
  deviceId: string | null;
  filter: LogFilter;
  /** Entries matching the filter; null until the first page answers. */
  total: number | null;
  /** Loaded pages by page index. */
  pages: Readonly<Record<number, readonly LogEntryRow[]>>;
  loading: ReadonlySet<number>;
  error: string | null;
  selectedSeq: number | null;
  detail: { status: 'loading' | 'ready' | 'failed'; entry?: LogEntryDetail; error?: string } | null;

  /** Points the list at one device's log; resets pages when the device or case changes. */
  show(caseId: string, deviceId: string): void;
  setFilter(patch: Partial<LogFilter>): void;
  /** Makes sure the rows from `first` to `last` (indexes in the filtered list) are loaded or loading. */
  ensureRows(first: number, last: number): void;
  select(seq: number | null): Promise<void>;
}

const EMPTY_FILTER: LogFilter = { search: '', outcome: 'all', command: '' };

/** The row at `index` of the filtered list, if its page is loaded. */
export function rowAt(state: Pick<LogsState, 'pages'>, index: number): LogEntryRow | undefined {
  return state.pages[Math.floor(index / LOG_PAGE_SIZE)]?.[index % LOG_PAGE_SIZE];
}

/**
 * The mailbox-log entry list, fetched page by page from the main process. Each filter or device
 * change starts a new generation; answers from an older generation are dropped, so a slow page
 * for the previous search can never overwrite the current one.
 */
export function createLogsStore(api: EasApi): StoreApi<LogsState> {
  let generation = 0;
  let recency: number[] = [];

  return createStore<LogsState>()((set, get) => {
    const reset = (patch: Partial<LogsState>): void => {
      generation++;
      recency = [];
      set({ total: null, pages: {}, loading: new Set(), error: null, ...patch });
    };

    const fetchPage = async (page: number): Promise<void> => {
      const { caseId, deviceId, filter } = get();
      if (caseId === null || deviceId === null) return;
      const mine = generation;
      set((s) => ({ loading: new Set(s.loading).add(page) }));
      const result = await api.queryLogEntries({
        caseId,
        deviceId,
        offset: page * LOG_PAGE_SIZE,
        limit: LOG_PAGE_SIZE,
        outcome: filter.outcome,
        ...(filter.search.trim() !== '' ? { search: filter.search.trim() } : {}),
        ...(filter.command !== '' ? { command: filter.command } : {}),
      });
      if (mine !== generation) return;
      const loading = new Set(get().loading);
      loading.delete(page);
      if (!result.ok) {
        set({ loading, error: describeFailure(result) });
        return;
      }
      recency = [...recency.filter((p) => p !== page), page];
      const pages: Record<number, readonly LogEntryRow[]> = { ...get().pages, [page]: result.value.rows };
      while (recency.length > MAX_CACHED_PAGES) delete pages[recency.shift()!];
      set({ loading, pages, total: result.value.total, error: null });
    };

    return {
      caseId: null,
      deviceId: null,
      filter: EMPTY_FILTER,
      total: null,
      pages: {},
      loading: new Set(),
      error: null,
      selectedSeq: null,
      detail: null,

      show: (caseId, deviceId) => {
        if (get().caseId === caseId && get().deviceId === deviceId) return;
        reset({ caseId, deviceId, filter: EMPTY_FILTER, selectedSeq: null, detail: null });
        void fetchPage(0);
      },

      setFilter: (patch) => {
        reset({ filter: { ...get().filter, ...patch } });
        void fetchPage(0);
      },

      ensureRows: (first, last) => {
        const { total, pages, loading } = get();
        const end = total === null ? last : Math.min(last, total - 1);
        for (let page = Math.floor(Math.max(0, first) / LOG_PAGE_SIZE); page * LOG_PAGE_SIZE <= end; page++) {
          if (pages[page] === undefined && !loading.has(page)) void fetchPage(page);
          else if (pages[page] !== undefined) recency = [...recency.filter((p) => p !== page), page];
        }
      },

      select: async (seq) => {
        const caseId = get().caseId;
        if (seq === null || caseId === null) {
          set({ selectedSeq: null, detail: null });
          return;
        }
        set({ selectedSeq: seq, detail: { status: 'loading' } });
        const result = await api.getLogEntry({ caseId, seq });
        if (get().selectedSeq !== seq) return;
        if (result.ok) set({ detail: { status: 'ready', entry: result.value } });
        else set({ detail: { status: 'failed', error: describeFailure(result) } });
      },
    };
  });
}
