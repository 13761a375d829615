import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppState } from './app-store';

const AppStoreContext = createContext<StoreApi<AppState> | null>(null);

export function AppStoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore outside AppStoreProvider');
  return useStore(store, selector);
}
