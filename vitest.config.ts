import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node: no Electron, no DOM.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.spec.ts', 'test/integration/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
