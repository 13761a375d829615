import type { StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../src-main/shared/ipc/api';
import { createAppStore, type AppState } from './app-store';
import { createCaseStore, type CaseState } from './case-store';
import { createDevicesStore, type DevicesState } from './devices-store';
import { createLibraryStore, type LibraryState } from './library-store';
import { createLogsStore, type LogsState } from './logs-store';
import { createEvidenceStore, type EvidenceImportState } from './evidence-store';
import { createSettingsStore, type SettingsState } from '../features/settings/settings-store';

/** Every renderer store, each built over the same API so tests can hand in a fake one. */
export interface Stores {
  app: StoreApi<AppState>;
  kase: StoreApi<CaseState>;
  logs: StoreApi<LogsState>;
  library: StoreApi<LibraryState>;
  settings: StoreApi<SettingsState>;
  devices: StoreApi<DevicesState>;
  evidence: StoreApi<EvidenceImportState>;
}

export function createStores(api: EasApi): Stores {
  const kase = createCaseStore(api);
  return {
    app: createAppStore(api),
    kase,
    logs: createLogsStore(api),
    library: createLibraryStore(api),
    settings: createSettingsStore(api),
    devices: createDevicesStore(api),
    evidence: createEvidenceStore(api, kase),
  };
}
