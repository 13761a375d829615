import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import type { AppInfo, BackendNotice, EventPayloadOf, ResponseOf } from '../../src-main/shared/ipc/contract';
import { describeFailure } from '../logic/result';

export type ThemeChoice = 'light' | 'dark' | 'high-contrast';
export type ScenarioSummary = ResponseOf<'listScenarios'>[number];
export type ShellStatus = EventPayloadOf<'onShellStatus'>;

export interface AppState {
  status: 'connecting' | 'ready' | 'error';
  appInfo: AppInfo | null;
  error: string | null;
  notices: BackendNotice[];
  theme: ThemeChoice;
  /** The demo tenant's scenarios, offered on the start screen. */
  scenarios: ScenarioSummary[];
  scenariosError: string | null;
  /** The PowerShell child's state, pushed by the main process. */
  shell: ShellStatus;
  setTheme(theme: ThemeChoice): void;
  dismissNotice(at: string): void;
  /** Loads what the shell needs from the main process and subscribes to its pushes. */
  connect(): Promise<void>;
}

const MAX_NOTICES = 20;

/** Session-wide state: the connection to the main process, theme, notices, shell status, scenarios. */
export function createAppStore(api: EasApi): StoreApi<AppState> {
  return createStore<AppState>()((set) => ({
    status: 'connecting',
    appInfo: null,
    error: null,
    notices: [],
    theme: 'light',
    scenarios: [],
    scenariosError: null,
    shell: { state: 'idle' },
    setTheme: (theme) => set({ theme }),
    dismissNotice: (at) => set((s) => ({ notices: s.notices.filter((n) => n.at !== at) })),
    connect: async () => {
      api.onBackendNotice((notice) =>
        set((state) => ({ notices: [notice, ...state.notices].slice(0, MAX_NOTICES) })),
      );
      api.onShellStatus((shell) => set({ shell }));
      const [info, scenarios] = await Promise.all([api.getAppInfo({}), api.listScenarios({})]);
      if (scenarios.ok) set({ scenarios: scenarios.value, scenariosError: null });
      else set({ scenariosError: describeFailure(scenarios) });
      if (info.ok) set({ status: 'ready', appInfo: info.value, error: null });
      else set({ status: 'error', error: info.error.message });
    },
  }));
}
