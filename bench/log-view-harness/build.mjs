// Builds the log-view benchmark page (the real renderer over a large in-page log) into
// out/bench/log-view-harness. Run by bench/log-view.bench.ts; a separate ESM script because Vite
// cannot be bundled into the benchmark's CommonJS output.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  configFile: false,
  root: here,
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../../out/bench/log-view-harness'),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
});
