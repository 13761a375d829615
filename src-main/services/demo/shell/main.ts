/**
 * The demo tenant's simulated Exchange Online shell: a Node child process speaking the host
 * protocol over a scenario. Runs under plain Node (browser host, CLI, tests) or in an Electron
 * utility process (the desktop app; requests then arrive as parentPort messages):
 *   node out/demo-shell/demo-shell.cjs --scenario <name|path> [--latency instant|demo|realistic] [--clock-speed N]
 *     [--clock-anchor <wall ms>]
 */
import { parseArgs } from 'node:util';
import { latencyProfileSchema } from '../scenario/scenario-schema';
import { loadScenario } from '../scenario/scenario-loader';
import { ExchangeSession } from './exchange-session';
import { protocolInput } from './parent-port-input';
import { serveProtocol } from './protocol-server';
import { ScenarioClock } from '../../clock/case-clock';
import { wallClockMs } from '../../clock/wall-clock';
import { TenantState } from './tenant-state';

async function main(): Promise<number> {
  // argv[1] is the script under Node but may already be an argument in a utility process, so
  // positionals are tolerated and only the named options are read.
  const { values } = parseArgs({
    args: process.argv.slice(1),
    allowPositionals: true,
    options: { scenario: { type: 'string' }, latency: { type: 'string' }, 'clock-speed': { type: 'string' }, 'clock-anchor': { type: 'string' } },
  });
  if (!values.scenario) {
    process.stderr.write(
      'Usage: demo-shell --scenario <name|path> [--latency instant|demo|realistic] [--clock-speed N]\n',
    );
    return 2;
  }
  const scenario = loadScenario(values.scenario);
  const latency = latencyProfileSchema.parse(values.latency ?? scenario.latency);
  const speed = values['clock-speed'] !== undefined ? Number(values['clock-speed']) : scenario.clock.speed;
  if (!(speed > 0)) throw new Error('--clock-speed must be a positive number');
  // The wizard's side of the demo tenant passes its anchor, so both read the same scenario time.
  const anchor = values['clock-anchor'] !== undefined ? Number(values['clock-anchor']) : wallClockMs();
  if (!Number.isFinite(anchor)) throw new Error('--clock-anchor must be a time in milliseconds');
  const state = new TenantState(scenario, new ScenarioClock(scenario.clock.now, speed, anchor));
  const maxOutput = Number(process.env.EAS_HOST_MAX_OUTPUT_BYTES);
  await serveProtocol({
    input: protocolInput(),
    output: process.stdout,
    session: new ExchangeSession(state, latency, process.env.EAS_DEMO_SIGNING_KEY || undefined),
    moduleVersion: '3.9.2',
    ...(Number.isInteger(maxOutput) && maxOutput > 0 ? { maxOutputBytes: maxOutput } : {}),
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A utility process's parent port keeps it alive after its input ends: leave once stdout is out.
    if ('parentPort' in process) process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`demo shell failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
