import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { LaunchSpec } from '../../../src-main/services/powershell/launch-spec';
import { DemoIdentityProvider } from '../../../src-main/services/demo/demo-identity';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let bundle: Promise<string> | undefined;

/** Bundles the shell exactly as scripts/build.mjs does, once per test process, into a temp folder. */
export function buildDemoShell(): Promise<string> {
  bundle ??= (async () => {
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'demo-shell-')), 'demo-shell.cjs');
    await build({
      entryPoints: [path.join(ROOT, 'src-main/services/demo/shell/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      external: ['electron'],
    });
    return outfile;
  })();
  return bundle;
}

/** How the app starts the simulated shell: plain Node here (Electron's Node in the packaged app). */
export async function demoShellLaunch(scenario: string, extraArgs: string[] = []): Promise<LaunchSpec> {
  return {
    command: process.execPath,
    args: [await buildDemoShell(), '--scenario', scenario, '--latency', 'instant', ...extraArgs],
    env: { EAS_SCENARIOS_DIR: path.join(ROOT, 'assets', 'scenarios') },
    cwd: os.tmpdir(),
  };
}

/** Connect-ExchangeOnline parameters with a fresh token from the demo identity provider. */
export async function demoConnectParams(scenarioName: string): Promise<Record<string, unknown>> {
  const identity = new DemoIdentityProvider({ scenario: loadScenario(scenarioName) });
  const account = await identity.signIn({ method: 'interactive' });
  const token = await identity.getToken('exchange');
  return { AccessToken: token.token, UserPrincipalName: account.username, ShowBanner: false };
}
