import { createRoot } from 'react-dom/client';
import { App } from '../../src-renderer/App';
import { StoresProvider } from '../../src-renderer/stores/store-context';
import { createStores } from '../../src-renderer/stores/stores';
import { createLargeLogApi } from './large-log-api';

// The real renderer App over a large in-page log; the benchmark opens the case, which lands on
// its summary, then goes to the log step. `?entries=` sets the log size.
const entries = Number(new URLSearchParams(location.search).get('entries') ?? '200000');
// Marks the moment the first log row is in the DOM (measured against 'analysis-ended').
const firstRow = new MutationObserver(() => {
  if (document.querySelector('[data-testid="log-list"] [data-seq]') === null) return;
  performance.mark('first-log-row');
  firstRow.disconnect();
});
firstRow.observe(document.body, { subtree: true, childList: true });
const stores = createStores(createLargeLogApi(entries));
const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StoresProvider stores={stores}>
    <App />
  </StoresProvider>,
);
void stores.app
  .getState()
  .connect()
  .then(() => stores.kase.getState().openCase('bench-log-view-0001'))
  .then(() => stores.kase.getState().goTo('logs'));
