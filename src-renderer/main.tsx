import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge/bridge';
import { createAppStore } from './stores/app-store';
import { AppStoreProvider } from './stores/store-context';

const store = createAppStore(connectBridge());
void store.getState().connect();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
