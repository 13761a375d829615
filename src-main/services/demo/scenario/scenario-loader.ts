import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { expandGeneratedFleet } from './fleet-generator';
import { defaultScenariosDir, isScenarioPath, scenarioFileFor } from './scenario-files';
import { scenarioSchema, type Scenario } from './scenario-schema';

/** A scenario that could not be read or is invalid; `fieldPath` names the offending field. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    message: string,
    readonly fieldPath?: string,
  ) {
    super(message);
  }
}

export interface ScenarioSummary {
  id: string;
  title: string;
  story: string;
  /** The longer story for trainers, with what is really wrong (shown to a trainee only at the summary). */
  details: string;
  rootCauses: string[];
}

export interface LoadOptions {
  /** Folder of the built-in scenarios; defaults to assets/scenarios (see defaultScenariosDir). */
  scenariosDir?: string;
  /** Whether to add the scenario's generated fleet (default true); listing needs only the story. */
  expandFleet?: boolean;
}

/**
 * Reads and validates one scenario, by built-in name (`healthy-iphone`) or by path to a folder or
 * scenario.json. Mailbox logs kept in files next to the scenario are read in, so the result is
 * self-contained: every device's `mailboxLog` is `{ text }` or null.
 */
export function loadScenario(nameOrPath: string, options: LoadOptions = {}): Scenario {
  const scenariosDir = isScenarioPath(nameOrPath) ? '' : (options.scenariosDir ?? defaultScenariosDir());
  const file = scenarioFileFor(nameOrPath, scenariosDir);
  if (!existsSync(file)) {
    throw new ScenarioError(
      isScenarioPath(nameOrPath)
        ? `No scenario file at ${file}.`
        : `There is no demo scenario called "${nameOrPath}". Run the "scenarios" command to list them.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScenarioError(
      `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = parseScenario(raw, path.basename(path.dirname(file)));
  const scenario = options.expandFleet === false ? parsed : expandGeneratedFleet(parsed);
  return withLogTextsRead(scenario, path.dirname(file));
}

/** Validates already-parsed JSON (e.g. a scenario built in a test). */
export function parseScenario(raw: unknown, label = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(raw);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const fieldPath = formatPath(first?.path ?? []);
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new ScenarioError(
    `Scenario "${label}" is invalid at ${fieldPath || '(root)'}: ${first?.message ?? 'unknown problem'}${more}`,
    fieldPath,
  );
}

/** The built-in scenarios, sorted by id; each is validated while listing. */
export function listScenarios(options: LoadOptions = {}): ScenarioSummary[] {
  const dir = options.scenariosDir ?? defaultScenariosDir();
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'scenario.json')))
    .map((entry) => loadScenario(entry.name, { scenariosDir: dir, expandFleet: false }))
    .map((s) => ({ id: s.id, title: s.title, story: s.story, details: s.details, rootCauses: s.expected.rootCauses }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** `exchange.mobileDevices[2].clientVersion`, the way a person reads a JSON path. */
export function formatPath(segments: readonly PropertyKey[] | z.core.$ZodIssue['path']): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('');
}

function withLogTextsRead(scenario: Scenario, dir: string): Scenario {
  const mobileDevices = scenario.exchange.mobileDevices.map((device, i) => {
    const log = device.mailboxLog;
    if (log === null || !('file' in log)) return device;
    const logFile = path.join(dir, log.file);
    if (!existsSync(logFile)) {
      const fieldPath = `exchange.mobileDevices[${i}].mailboxLog.file`;
      throw new ScenarioError(
        `Scenario "${scenario.id}" is invalid at ${fieldPath}: ${log.file} does not exist`,
        fieldPath,
      );
    }
    return { ...device, mailboxLog: { text: readFileSync(logFile, 'utf8') } };
  });
  return { ...scenario, exchange: { ...scenario.exchange, mobileDevices } };
}
