import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type {
  DecisionOutcome,
  DecisionPreview,
  DeviceDecision,
  DeviceRow,
  DevicesAuditEntry,
  DeviceSort,
  DeviceView,
  DeviceWhy,
  InventoryStatus,
  PolicyChangeInput,
  WhatIfView,
} from '../../src-main/shared/models/devices';
import { describeFailure } from '../logic/result';

/**
 * Rows fetched per query call: about three screenfuls. A page's answer is parsed, checked against
 * the contract and drawn inside one frame, so a smaller page keeps a fast scroll's frames short;
 * a slow scroll asks a little more often.
 */
export const DEVICE_PAGE_SIZE = 50;
/**
 * How many more moves like the last one the table fetches ahead of a scroll (see ensureRows). An
 * answer can take a few frames when the machine is busy: with two moves ahead one scroll frame in
 * eight still drew "Loading" rows first on a loaded 2-core machine, with four about none. Each
 * page is still fetched once; a scroll that stops or turns wastes at most a few pages of 50 rows.
 */
const PREFETCH_MOVES = 4;
/** Pages kept: the same 6 000 rows as 30 pages of 200 were. */
const MAX_CACHED_PAGES = 120;
/** How long the visible window must stay put before its statistics are read (a scroll is not a look). */
const STATISTICS_DELAY_MS = 400;

export type DevicesConnection = { kind: 'demo'; scenario: string } | { kind: 'tenant'; tenant: string };

export interface DecisionState {
  decision: DeviceDecision;
  keys: string[];
  status: 'previewing' | 'ready' | 'running' | 'done' | 'failed';
  preview?: DecisionPreview;
  outcome?: DecisionOutcome;
  error?: string;
}

export interface DevicesState {
  open: boolean;
  status: InventoryStatus;
  error: string | null;
  view: DeviceView;
  search: string;
  sort: DeviceSort | null;
  descending: boolean;
  total: number | null;
  pages: Readonly<Record<number, readonly DeviceRow[]>>;
  /** Partnership identities ticked for a bulk decision. */
  selected: ReadonlySet<string>;
  why: { key: string; status: 'loading' | 'ready' | 'failed'; value?: DeviceWhy; error?: string } | null;
  decision: DecisionState | null;
  whatIf: { status: 'running' | 'ready' | 'failed'; value?: WhatIfView; error?: string } | null;
  audit: DevicesAuditEntry[];
  exported: { filePath: string; rows: number } | null;

  setOpen(open: boolean): void;
  /** Subscribes to the main process's progress events and reads the current state. */
  connect(): Promise<void>;
  load(connection: DevicesConnection): Promise<void>;
  cancelLoad(): Promise<void>;
  setView(view: DeviceView): void;
  setSearch(search: string): void;
  setSort(sort: DeviceSort): void;
  ensureRows(first: number, last: number): void;
  toggleSelected(key: string): void;
  clearSelected(): void;
  explain(key: string | null): Promise<void>;
  requestDecision(keys: string[], decision: DeviceDecision): Promise<void>;
  confirmDecision(): Promise<void>;
  dismissDecision(): void;
  runWhatIf(change: PolicyChangeInput): Promise<void>;
  exportCsv(): Promise<void>;
  refreshAudit(): Promise<void>;
  caseSubject(key: string): Promise<{ userUpn: string; deviceId: string; connection: DevicesConnection } | null>;
}

export function deviceRowAt(state: Pick<DevicesState, 'pages'>, index: number): DeviceRow | undefined {
  return state.pages[Math.floor(index / DEVICE_PAGE_SIZE)]?.[index % DEVICE_PAGE_SIZE];
}

/** Whether every row from `first` to `last` (clipped to the list) is loaded. */
export function windowLoaded(state: Pick<DevicesState, 'pages' | 'total'>, first: number, last: number): boolean {
  const end = Math.min(last, (state.total ?? 0) - 1);
  for (let page = Math.floor(Math.max(0, first) / DEVICE_PAGE_SIZE); page * DEVICE_PAGE_SIZE <= end; page++) {
    if (state.pages[page] === undefined) return false;
  }
  return true;
}

/**
 * The Devices area: the tenant's phones are held by the main process and fetched here a page at
 * a time as the table scrolls; statistics (last sync, wipe) are read only for rows left on screen.
 * Each view/search/sort change starts a new generation so a late page never lands in a new list.
 */
export function createDevicesStore(api: EasApi): StoreApi<DevicesState> {
  let generation = 0;
  let recency: number[] = [];
  const loadingPages = new Set<number>();
  let statisticsTimer: ReturnType<typeof setTimeout> | null = null;
  /** The first row of the window last asked for: the next window is guessed from the last move. */
  let lastFirst: number | null = null;

  return createStore<DevicesState>()((set, get) => {
    const reset = (patch: Partial<DevicesState>) => {
      generation++;
      recency = [];
      loadingPages.clear();
      lastFirst = null;
      set({ total: null, pages: {}, error: null, ...patch });
    };

    const fetchPage = async (page: number): Promise<void> => {
      const { view, search, sort, descending } = get();
      const mine = generation;
      loadingPages.add(page);
      const result = await api.queryDevices({
        view,
        descending,
        offset: page * DEVICE_PAGE_SIZE,
        limit: DEVICE_PAGE_SIZE,
        ...(search.trim() !== '' ? { search: search.trim() } : {}),
        ...(sort !== null ? { sort } : {}),
      });
      if (mine !== generation) return;
      loadingPages.delete(page);
      if (!result.ok) {
        set({ error: describeFailure(result) });
        return;
      }
      recency = [...recency.filter((p) => p !== page), page];
      const pages: Record<number, readonly DeviceRow[]> = { ...get().pages, [page]: result.value.rows };
      while (recency.length > MAX_CACHED_PAGES) delete pages[recency.shift()!];
      set({ pages, total: result.value.total, error: null });
    };

    /** Merges fresh rows (statistics, read-back) into whatever pages hold them. */
    const mergeRows = (rows: readonly DeviceRow[]) => {
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const pages: Record<number, readonly DeviceRow[]> = {};
      for (const [index, list] of Object.entries(get().pages)) {
        pages[Number(index)] = list.map((r) => byKey.get(r.key) ?? r);
      }
      set({ pages });
    };

    const readStatistics = (first: number, last: number) => {
      if (statisticsTimer !== null) clearTimeout(statisticsTimer);
      statisticsTimer = setTimeout(() => {
        statisticsTimer = null;
        const keys: string[] = [];
        for (let i = first; i <= last && keys.length < 100; i++) {
          const row = deviceRowAt(get(), i);
          if (row !== undefined && row.lastSync === undefined) keys.push(row.key);
        }
        if (keys.length === 0) return;
        void api.loadDeviceStatistics({ keys }).then((result) => {
          if (result.ok) mergeRows(result.value);
        });
      }, STATISTICS_DELAY_MS);
    };

    const afterStatus = (status: InventoryStatus) => {
      const wasReady = get().status.state === 'ready';
      set({ status });
      if (status.state === 'ready' && !wasReady) {
        reset({ selected: new Set() });
        void fetchPage(0);
      }
    };

    return {
      open: false,
      status: { state: 'idle', loaded: 0, connectionLabel: null, asOf: null },
      error: null,
      view: 'quarantined',
      search: '',
      sort: null,
      descending: false,
      total: null,
      pages: {},
      selected: new Set(),
      why: null,
      decision: null,
      whatIf: null,
      audit: [],
      exported: null,

      setOpen: (open) => set({ open }),

      connect: async () => {
        api.onDevicesStatus(afterStatus);
        const status = await api.getDevicesStatus({});
        if (status.ok) afterStatus(status.value);
      },

      load: async (connection) => {
        set({ status: { state: 'loading', loaded: 0, connectionLabel: null, asOf: null }, why: null, whatIf: null, exported: null });
        reset({ selected: new Set() });
        const result = await api.loadDevices({ connection });
        if (!result.ok) set({ status: { state: 'failed', loaded: 0, connectionLabel: null, asOf: null, message: describeFailure(result) } });
        void get().refreshAudit();
      },

      cancelLoad: async () => {
        await api.cancelDevicesLoad({});
      },

      setView: (view) => {
        reset({ view, sort: null, descending: false });
        void fetchPage(0);
      },

      setSearch: (search) => {
        reset({ search });
        void fetchPage(0);
      },

      setSort: (sort) => {
        const { sort: current, descending } = get();
        reset({ sort, descending: current === sort ? !descending : false });
        void fetchPage(0);
      },

      ensureRows: (first, last) => {
        const { total, pages } = get();
        if (get().status.state !== 'ready') return;
        const end = total === null ? last : Math.min(last, total - 1);
        for (let page = Math.floor(Math.max(0, first) / DEVICE_PAGE_SIZE); page * DEVICE_PAGE_SIZE <= end; page++) {
          if (pages[page] === undefined && !loadingPages.has(page)) void fetchPage(page);
          else if (pages[page] !== undefined) recency = [...recency.filter((p) => p !== page), page];
        }
        // A scroll tends to go on as it went: the windows up to PREFETCH_MOVES more such moves
        // away are fetched now, so their rows are usually here when they are drawn, instead of a
        // "Loading" row drawn first and the phones a frame later (each of the two draws costs a
        // frame's layout). Not for statistics: those are read only for rows the operator stays on.
        const move = lastFirst === null ? 0 : first - lastFirst;
        lastFirst = first;
        for (let ahead = 1; move !== 0 && total !== null && ahead <= PREFETCH_MOVES; ahead++) {
          const from = Math.max(0, first + ahead * move);
          const to = Math.min(total - 1, end + ahead * move);
          for (let page = Math.floor(from / DEVICE_PAGE_SIZE); page * DEVICE_PAGE_SIZE <= to; page++) {
            if (pages[page] === undefined && !loadingPages.has(page)) void fetchPage(page);
          }
        }
        readStatistics(first, end);
      },

      toggleSelected: (key) => {
        const selected = new Set(get().selected);
        if (selected.has(key)) selected.delete(key);
        else selected.add(key);
        set({ selected });
      },

      clearSelected: () => set({ selected: new Set() }),

      explain: async (key) => {
        if (key === null) {
          set({ why: null });
          return;
        }
        set({ why: { key, status: 'loading' } });
        const result = await api.explainDevice({ key });
        if (get().why?.key !== key) return;
        if (result.ok) set({ why: { key, status: 'ready', value: result.value } });
        else set({ why: { key, status: 'failed', error: describeFailure(result) } });
      },

      requestDecision: async (keys, decision) => {
        set({ decision: { decision, keys, status: 'previewing' } });
        const result = await api.previewDeviceDecision({ keys, decision });
        if (get().decision?.keys !== keys) return;
        if (result.ok) set({ decision: { decision, keys, status: 'ready', preview: result.value } });
        else set({ decision: { decision, keys, status: 'failed', error: describeFailure(result) } });
      },

      confirmDecision: async () => {
        const current = get().decision;
        if (current === null || current.status !== 'ready' || current.preview?.allowed !== true) return;
        const keys = current.preview.devices.filter((d) => d.refused === undefined).map((d) => d.row.key);
        set({ decision: { ...current, status: 'running' } });
        const result = await api.decideDevices({ keys, decision: current.decision, confirmed: true });
        if (!result.ok) {
          set({ decision: { ...current, status: 'failed', error: describeFailure(result) } });
          return;
        }
        set({ decision: { ...current, status: 'done', outcome: result.value }, selected: new Set() });
        // The queue is read again: an approved phone leaves it.
        reset({});
        void fetchPage(0);
        void get().refreshAudit();
        const whyKey = get().why?.key;
        if (whyKey !== undefined && keys.includes(whyKey)) void get().explain(whyKey);
      },

      dismissDecision: () => set({ decision: null }),

      runWhatIf: async (change) => {
        set({ whatIf: { status: 'running' } });
        const result = await api.whatIfDevices({ change });
        if (result.ok) set({ whatIf: { status: 'ready', value: result.value } });
        else set({ whatIf: { status: 'failed', error: describeFailure(result) } });
      },

      exportCsv: async () => {
        const { view, search, sort, descending } = get();
        const result = await api.exportDevicesCsv({
          view,
          descending,
          ...(search.trim() !== '' ? { search: search.trim() } : {}),
          ...(sort !== null ? { sort } : {}),
        });
        if (result.ok) set({ exported: { filePath: result.value.filePath, rows: result.value.rows } });
        else set({ error: describeFailure(result) });
      },

      refreshAudit: async () => {
        const result = await api.listDevicesAudit({});
        if (result.ok) set({ audit: result.value });
      },

      caseSubject: async (key) => {
        const result = await api.deviceCaseSubject({ key });
        if (result.ok) return result.value;
        set({ error: describeFailure(result) });
        return null;
      },
    };
  });
}
