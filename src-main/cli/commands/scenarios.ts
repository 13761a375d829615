import {
  listScenarios,
  ScenarioError,
  type ScenarioSummary,
} from '../../services/demo/scenario/scenario-loader';
import { UsageError, type CliCommand } from '../command';

/** `scenarios [--json]`: the demo tenant's built-in scenarios, one line each. */
export const scenariosCommand: CliCommand = {
  name: 'scenarios',
  summary: 'List the demo tenant scenarios, each with its one-line story.',
  usage: 'eas-troubleshooter scenarios [--json]',
  async run(args, io) {
    const unknown = args.find((a) => a !== '--json');
    if (unknown !== undefined) throw new UsageError(`Unknown option ${unknown}. Usage: ${this.usage}`);
    let scenarios: ScenarioSummary[];
    try {
      scenarios = listScenarios();
    } catch (error) {
      // A broken scenario file is bad input to this command, not an internal fault.
      if (error instanceof ScenarioError) throw new UsageError(error.message);
      throw error;
    }
    if (args.includes('--json')) {
      io.stdout(`${JSON.stringify(scenarios, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...scenarios.map((s) => s.id.length));
    const lines = scenarios.map((s) => `  ${s.id.padEnd(width)}  ${s.story}`);
    io.stdout(
      `Demo tenant scenarios (start the app with "Demo tenant — <scenario>"):\n\n${lines.join('\n')}\n`,
    );
    return 0;
  },
};
