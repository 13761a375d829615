import path from 'node:path';
import type { LaunchSpec } from '../powershell/launch-spec';
import { DemoIdentityProvider } from './demo-identity';
import { startGraphSimulator, type GraphSimulator } from './graph-simulator';
import type { LatencyProfile, Scenario } from './scenario/scenario-schema';
import { defaultScenariosDir } from './scenario/scenario-files';
import { loadScenario } from './scenario/scenario-loader';

export interface DemoShellLaunchOptions {
  /** Built-in scenario name or path, as `--scenario` takes it. */
  scenario: string;
  /** Path of out/demo-shell/demo-shell.cjs (in a packaged app: inside its resources). */
  shellScript: string;
  latency?: LatencyProfile;
  /** The Node to run it with (plain Node; the desktop app uses a utility process instead, with the runAsNode fuse off). */
  nodeExecutable?: string;
  scenariosDir?: string;
}

/** How the PowerShell session starts the simulated shell instead of pwsh; same protocol, same client. */
export function demoShellLaunchSpec(options: DemoShellLaunchOptions): LaunchSpec {
  const env: Record<string, string> = { EAS_SCENARIOS_DIR: options.scenariosDir ?? defaultScenariosDir() };
  return {
    command: options.nodeExecutable ?? process.execPath,
    args: [
      options.shellScript,
      '--scenario',
      options.scenario,
      ...(options.latency ? ['--latency', options.latency] : []),
    ],
    env,
    cwd: path.dirname(options.shellScript),
  };
}

export interface DemoTenant {
  scenario: Scenario;
  /** Behind the same AuthService interface as MSAL. */
  identity: DemoIdentityProvider;
  /** Loopback Graph; point the Graph client's base URL at `graph.baseUrl`. */
  graph: GraphSimulator;
  /** Launch spec for the simulated Exchange Online shell. */
  shell: LaunchSpec;
  close(): Promise<void>;
}

/**
 * Everything the app needs to run against the demo tenant "Demo tenant — <scenario>": the
 * identity provider, the Graph simulator (started) and the shell's launch spec (started by the
 * PowerShell session like the real host).
 */
export async function startDemoTenant(
  options: Omit<DemoShellLaunchOptions, 'scenario'> & { scenario: string },
): Promise<DemoTenant> {
  const scenario = loadScenario(
    options.scenario,
    options.scenariosDir ? { scenariosDir: options.scenariosDir } : {},
  );
  const graph = await startGraphSimulator({
    scenario,
    ...(options.latency ? { latency: options.latency } : {}),
  });
  return {
    scenario,
    identity: new DemoIdentityProvider({ scenario }),
    graph,
    shell: demoShellLaunchSpec(options),
    close: () => graph.close(),
  };
}
