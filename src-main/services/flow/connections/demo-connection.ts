import path from 'node:path';
import { isScenarioPath, scenarioFileFor } from '../../demo/scenario/scenario-files';
import { DemoIdentityProvider } from '../../demo/demo-identity';
import { startGraphSimulator } from '../../demo/graph-simulator';
import { loadScenario } from '../../demo/scenario/scenario-loader';
import type { LatencyProfile } from '../../demo/scenario/scenario-schema';
import type { HostLauncher } from '../../powershell/host-process';
import { PowerShellSession } from '../../powershell/powershell-session';
import { ScenarioClock } from '../../clock/case-clock';
import { assembleConnection } from './assemble-connection';
import type { TenantConnection } from './tenant-connection';

export interface DemoConnectionOptions {
  /** A built-in scenario name (or a path to a scenario folder). */
  scenario: string;
  scenariosDir: string;
  /** The bundled simulated shell (out/demo-shell/demo-shell.cjs). */
  demoShellPath: string;
  /** Defaults to the scenario's own profile. */
  latency?: LatencyProfile;
  /** The Node that runs the simulated shell as a child process (plain Node by default). */
  nodeExecutable?: string;
  /** Starts the shell instead of a child process: the desktop app's utility process. */
  launcher?: HostLauncher;
  /** Graph's HTTP client; defaults to Node's fetch (benchmarks wrap it to time each call). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/**
 * Opens the embedded demo tenant through the same boundaries as a real one: the simulated shell
 * is a child process speaking the host protocol, Graph is served over loopback HTTP, and sign-in
 * goes through the AuthService interface.
 */
export async function openDemoConnection(options: DemoConnectionOptions): Promise<TenantConnection> {
  const scenario = loadScenario(options.scenario, { scenariosDir: options.scenariosDir });
  const latency = options.latency ?? scenario.latency;
  const graphSimulator = await startGraphSimulator({ scenario, latency });
  const auth = new DemoIdentityProvider({ scenario });
  // The shell loads the same scenario from its folder: a built-in name, or a path (CLI only).
  const scenarioFolder = isScenarioPath(options.scenario)
    ? path.dirname(scenarioFileFor(options.scenario, options.scenariosDir))
    : path.join(options.scenariosDir, options.scenario);
  // One clock for both halves of the demo tenant: the wizard's and the simulated shell's.
  const clock = new ScenarioClock(scenario.clock.now, scenario.clock.speed);
  const shell = new PowerShellSession({
    launch: {
      command: options.nodeExecutable ?? process.execPath,
      args: [options.demoShellPath, '--scenario', scenarioFolder, '--latency', latency, '--clock-anchor', String(clock.anchorWallMs)],
      env: { EAS_SCENARIOS_DIR: options.scenariosDir },
    },
    ...(options.launcher ? { launcher: options.launcher } : {}),
    requestTimeoutMs: 60_000,
  });
  return assembleConnection({
    kind: 'demo',
    label: `Demo tenant — ${scenario.title}`,
    clock,
    auth,
    shell,
    graph: { baseUrl: graphSimulator.baseUrl, fetch: options.fetch ?? ((url, init) => fetch(url, init)) },
    allowInteractiveFallback: false,
    closeAlso: () => graphSimulator.close(),
  });
}
