import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { listScenarios } from '../../../src-main/services/demo/scenario/scenario-loader';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let cli: string;

beforeAll(async () => {
  cli = path.join(mkdtempSync(path.join(os.tmpdir(), 'cli-scenarios-')), 'cli.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'src-main/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron'],
    define: { __APP_VERSION__: '"test"' },
  });
});

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, 'scenarios', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('CLI: scenarios', () => {
  it('lists every built-in scenario with its one-line story, exit 0', () => {
    const result = run([]);
    expect(result.status).toBe(0);
    for (const s of listScenarios())
      expect(result.stdout).toMatch(
        new RegExp(`^ +${s.id} +${s.story.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
  });

  it('prints the same list as JSON with --json', () => {
    const result = run(['--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(listScenarios());
  });

  it('exits 2 with a one-line reason for an unknown option or a broken scenario, without a stack', () => {
    const unknown = run(['--fast']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'broken-scenarios-'));
    writeFileSync(path.join(dir, 'scenario.schema.json'), '{}');
    mkdirSync(path.join(dir, 'broken'));
    writeFileSync(
      path.join(dir, 'broken', 'scenario.json'),
      JSON.stringify({ formatVersion: 1, id: 'broken' }),
    );
    const broken = run([], { EAS_SCENARIOS_DIR: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^Scenario "broken" is invalid at \S+/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
