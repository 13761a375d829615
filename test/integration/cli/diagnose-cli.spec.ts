import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { buildCliBundle } from '../../support/cli-build';

// The CLI as an operator runs it: the built bundle in a real process, which itself starts the
// simulated Exchange shell and the Graph simulator.
const run = promisify(execFile);
let work: string;

beforeAll(async () => {
  await ensureDemoShellBundle();
  await buildCliBundle();
  work = await mkdtemp(path.join(tmpdir(), 'eas-cli-'));
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/eas-troubleshooter.js', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('diagnose CLI', () => {
  it('prints the ranked findings as JSON, root cause first', async () => {
    const { code, stdout } = await cli('diagnose', '--scenario', 'ca-blocks-eas-group', '--user', 'alex.wilber@contoso.example', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: Array<{ code: string; rank: number }>; steps: Array<{ id: string; status: string }> };
    expect(report.findings[0]?.code).toBe('CA_BLOCKS_EAS');
    expect(report.steps.map((s) => s.id)).toEqual(['connect', 'mailbox', 'client-access-rules', 'conditional-access', 'authentication', 'debug-logging', 'logs', 'summary']);
    expect(report.steps.every((s) => s.status === 'done')).toBe(true);
  });

  it('accepts a scenario file path', async () => {
    const { code, stdout } = await cli('diagnose', '--scenario', 'assets/scenarios/eas-14-1-client/scenario.json', '--user', 'alex.wilber@contoso.example');
    expect(code).toBe(0);
    expect(stdout).toContain('EAS_VERSION_UNSUPPORTED');
  });

  it('exits 2 with a one-line reason for an unknown scenario, a bad UPN or a missing option', async () => {
    for (const args of [
      ['diagnose', '--scenario', 'no-such-scenario', '--user', 'alex.wilber@contoso.example'],
      ['diagnose', '--scenario', 'healthy-iphone', '--user', 'not an email'],
      ['diagnose', '--user', 'alex.wilber@contoso.example'],
      ['diagnose', '--scenario', 'healthy-iphone', '--user', 'a@b.example', '--bogus'],
    ]) {
      const { code, stderr } = await cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    }
  });

  it('exports a diagnosed scenario as a bundle that verifies', async () => {
    const zip = path.join(work, 'case.zip');
    const exported = await cli('bundle', 'export', '--scenario', 'sync-key-loop', '--user', 'alex.wilber@contoso.example', '--out', zip, '--redact');
    expect(exported.code, exported.stderr).toBe(0);
    const verified = await cli('bundle', 'verify', zip, '--json');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).not.toContain('alex.wilber');
  });
});
