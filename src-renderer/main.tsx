import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge/bridge';
import { StoresProvider } from './stores/store-context';
import { createStores } from './stores/stores';

const stores = createStores(connectBridge());
void stores.app.getState().connect();
void stores.devices.getState().connect();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
