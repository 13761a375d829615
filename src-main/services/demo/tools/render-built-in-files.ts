import { z } from 'zod';
import { scenarioSchema, SCENARIO_FORMAT_VERSION } from '../scenario/scenario-schema';
import type { BuiltInScenario } from './built-in/define';

/** The JSON Schema for scenario files, generated from the zod schema (input side: defaults optional). */
export function renderScenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  const document = {
    ...schema,
    $id: `https://schemas.invalid/activesync-troubleshooter/scenario.v${SCENARIO_FORMAT_VERSION}.json`,
    title: `ActiveSync Troubleshooter demo scenario, format version ${SCENARIO_FORMAT_VERSION}`,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Every generated file, by path relative to assets/scenarios. */
export function renderBuiltInFiles(scenarios: readonly BuiltInScenario[]): Record<string, string> {
  const files: Record<string, string> = { 'scenario.schema.json': renderScenarioJsonSchema() };
  for (const { scenario, logs } of scenarios) {
    files[`${scenario.id}/scenario.json`] = `${JSON.stringify(scenario, null, 2)}\n`;
    for (const [name, text] of Object.entries(logs)) files[`${scenario.id}/${name}`] = text;
  }
  return files;
}
