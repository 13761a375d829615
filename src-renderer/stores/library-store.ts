import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { CaseSummary } from '../../src-main/shared/models/wizard';
import { describeFailure } from '../logic/result';

export interface LibraryState {
  cases: CaseSummary[];
  query: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  /** Lists saved cases, newest first, optionally filtered by a search over user, device and ticket. */
  refresh(query?: string): Promise<void>;
}

/** The recent-cases list on the start screen. */
export function createLibraryStore(api: EasApi): StoreApi<LibraryState> {
  let latest = 0;
  return createStore<LibraryState>()((set, get) => ({
    cases: [],
    query: '',
    status: 'idle',
    error: null,
    refresh: async (query) => {
      const q = query ?? get().query;
      const call = ++latest;
      set({ query: q, status: 'loading' });
      const result = await api.listCases(q.trim() === '' ? {} : { query: q.trim() });
      if (call !== latest) return;
      if (!result.ok) {
        set({ status: 'failed', error: describeFailure(result) });
        return;
      }
      const cases = [...result.value].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
      set({ cases, status: 'ready', error: null });
    },
  }));
}
