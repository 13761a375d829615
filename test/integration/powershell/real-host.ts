import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverPowerShell } from '../../../src-main/services/powershell/executable-discovery';
import { buildPwshLaunchSpec, type LaunchSpec } from '../../../src-main/services/powershell/launch-spec';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const HOST_SCRIPT_DIR = path.join(ROOT, 'assets', 'powershell');
/** Folder holding the stub ExchangeOnlineManagement module (see its .psm1 for test identities). */
export const STUB_MODULE_ROOT = path.join(ROOT, 'test', 'fixtures', 'powershell');

/**
 * The real pwsh + EasHost.ps1 with the stub Exchange module as the only module folder, so no
 * installed module can leak in. pwsh's own built-in modules stay reachable through $PSHOME.
 */
export function realHostLaunchSpec(env: Record<string, string> = {}): LaunchSpec {
  const executable = discoverPowerShell({ setting: process.env.EAS_PWSH ?? null });
  return buildPwshLaunchSpec({
    executable: executable.path,
    hostScriptDir: HOST_SCRIPT_DIR,
    env: { PSModulePath: STUB_MODULE_ROOT, ...env },
  });
}
