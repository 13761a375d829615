import type { CaseConnection } from '../../shared/models/case';
import { loadScenario } from '../demo/scenario/scenario-loader';

/**
 * The tenant's "now" for the Devices area's views ("new in the last 24 hours"): a real tenant
 * lives on the wall clock; the demo tenant on its scenario's clock, which starts at the scenario's
 * `now` and runs `speed` times as fast, as the simulated shell's own clock does. The wall clock
 * is injected by the composition root.
 */
export function tenantClockFor(
  connection: CaseConnection,
  options: { scenariosDir: string; wallNow: () => number },
): () => number {
  if (connection.kind !== 'demo') return options.wallNow;
  const { clock } = loadScenario(connection.scenario, { scenariosDir: options.scenariosDir, expandFleet: false });
  const origin = Date.parse(clock.now);
  const startedAt = options.wallNow();
  return () => origin + (options.wallNow() - startedAt) * clock.speed;
}
