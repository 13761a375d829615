import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { AppInfo, BackendNotice } from '../../src-main/shared/ipc/contract';

export type ThemeChoice = 'light' | 'dark' | 'high-contrast';

export interface AppState {
  status: 'connecting' | 'ready' | 'error';
  appInfo: AppInfo | null;
  error: string | null;
  notices: BackendNotice[];
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  /** Loads what the shell needs from the main process and subscribes to its pushes. */
  connect(): Promise<void>;
}

const MAX_NOTICES = 20;

export function createAppStore(api: EasApi): StoreApi<AppState> {
  return createStore<AppState>()((set) => ({
    status: 'connecting',
    appInfo: null,
    error: null,
    notices: [],
    theme: 'light',
    setTheme: (theme) => set({ theme }),
    connect: async () => {
      api.onBackendNotice((notice) => set((state) => ({ notices: [notice, ...state.notices].slice(0, MAX_NOTICES) })));
      const result = await api.getAppInfo({});
      if (result.ok) set({ status: 'ready', appInfo: result.value, error: null });
      else set({ status: 'error', error: result.error.message });
    },
  }));
}
