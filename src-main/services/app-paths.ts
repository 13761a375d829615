import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { AppPaths } from './app-backend';

/**
 * Where the app's files are, from the folder of the built bundles (`out/`). A packaged app keeps
 * the scenarios in its resources folder; a checkout in assets/. EAS_DATA_DIR and
 * EAS_SCENARIOS_DIR override, for tests and for admins who keep cases on another drive.
 */
export function resolveAppPaths(options: { outDir: string; resourcesDir?: string; dataDir?: string }): AppPaths {
  const packagedScenarios = options.resourcesDir ? path.join(options.resourcesDir, 'scenarios') : undefined;
  const scenariosDir =
    process.env.EAS_SCENARIOS_DIR ||
    (packagedScenarios && existsSync(packagedScenarios) ? packagedScenarios : path.join(options.outDir, '..', 'assets', 'scenarios'));
  return {
    dataDir: options.dataDir ?? process.env.EAS_DATA_DIR ?? defaultDataDir(),
    scenariosDir,
    demoShellPath: path.join(options.outDir, 'demo-shell', 'demo-shell.cjs'),
  };
}

function defaultDataDir(): string {
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'ActiveSync Troubleshooter');
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'ActiveSync Troubleshooter');
  return path.join(process.env.XDG_DATA_HOME || path.join(homedir(), '.local', 'share'), 'activesync-troubleshooter');
}
