import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web build: served by app://renderer in Electron and by the browser host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
