import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppBackend, type AppBackendOptions } from '../../src-main/services/app-backend';

/** A backend over the repo's scenarios and built demo shell, with a fresh temporary data folder. */
export function createTestBackend(overrides: Partial<AppBackendOptions> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eas-data-'));
  const backend = createAppBackend({
    runtime: 'browser-host',
    version: '0.0.0-test',
    platform: 'linux',
    paths: {
      dataDir,
      scenariosDir: path.resolve('assets/scenarios'),
      demoShellPath: path.resolve('out/demo-shell/demo-shell.cjs'),
    },
    demoLatency: 'instant',
    ...overrides,
  });
  return Object.assign(backend, { dataDir });
}
