import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built-in scenarios live. EAS_SCENARIOS_DIR wins (a packaged app sets it to its
 * resources folder); otherwise the nearest `assets/scenarios` above the running script or the
 * working directory, which covers the sources, the out/ bundles and the tests alike.
 */
export function defaultScenariosDir(): string {
  const fromEnv = process.env.EAS_SCENARIOS_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const starts = [process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined, process.cwd()];
  for (const start of starts) {
    if (start === undefined) continue;
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'assets', 'scenarios');
      if (existsSync(path.join(candidate, 'scenario.schema.json'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(
    'The built-in demo scenarios were not found (no assets/scenarios folder). Set EAS_SCENARIOS_DIR.',
  );
}

/** A bare name such as `healthy-iphone` is a built-in scenario; anything with a slash or `.json` is a path. */
export function isScenarioPath(nameOrPath: string): boolean {
  return (
    /[\\/]/.test(nameOrPath) || nameOrPath.endsWith('.json') || nameOrPath === '.' || nameOrPath === '..'
  );
}

/** The scenario.json a name or path stands for. */
export function scenarioFileFor(nameOrPath: string, scenariosDir: string): string {
  if (!isScenarioPath(nameOrPath)) return path.join(scenariosDir, nameOrPath, 'scenario.json');
  const resolved = path.resolve(nameOrPath);
  return existsSync(resolved) && statSync(resolved).isDirectory()
    ? path.join(resolved, 'scenario.json')
    : resolved;
}
