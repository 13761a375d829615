import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './app-store';
import type { CaseState } from './case-store';
import type { DevicesState } from './devices-store';
import type { LibraryState } from './library-store';
import type { LogsState } from './logs-store';
import type { EvidenceImportState } from './evidence-store';
import type { Stores } from './stores';
import type { SettingsState } from '../features/settings/settings-store';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (stores === null) throw new Error('Store hooks used outside StoresProvider');
  return stores;
}

/** Selects from the session store (connection, theme, notices, scenarios). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStores().app, selector);
}

/** Selects from the open case. */
export function useCaseStore<T>(selector: (state: CaseState) => T): T {
  return useStore(useStores().kase, selector);
}

/** Selects from the mailbox-log list. */
export function useLogsStore<T>(selector: (state: LogsState) => T): T {
  return useStore(useStores().logs, selector);
}

/** Selects from the recent-cases library. */
export function useLibraryStore<T>(selector: (state: LibraryState) => T): T {
  return useStore(useStores().library, selector);
}

/** Selects from the settings screen's state (app registration, sign-in). */
export function useSettingsStore<T>(selector: (state: SettingsState) => T): T {
  return useStore(useStores().settings, selector);
}

/** Selects from the Devices area (tenant-wide phones, quarantine queue). */
export function useDevicesStore<T>(selector: (state: DevicesState) => T): T {
  return useStore(useStores().devices, selector);
}

/** Selects from the evidence import's state (files the operator brings). */
export function useEvidenceStore<T>(selector: (state: EvidenceImportState) => T): T {
  return useStore(useStores().evidence, selector);
}
