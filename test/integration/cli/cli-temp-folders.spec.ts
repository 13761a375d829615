import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { buildCliBundle } from '../../support/cli-build';

// diagnose and bundle export work in a temporary case folder holding the whole, unredacted case:
// it must be gone when the command ends, however it ends. Each run gets its own TMPDIR to look in.
const run = promisify(execFile);
const USER = 'alex.wilber@contoso.example';
let work: string;

beforeAll(async () => {
  await ensureDemoShellBundle();
  await buildCliBundle();
  work = await mkdtemp(path.join(tmpdir(), 'eas-cli-temp-'));
}, 60_000);
afterAll(() => rm(work, { recursive: true, force: true }));

async function freshTmp(): Promise<string> {
  return mkdtemp(path.join(work, 'tmp-'));
}

async function cli(tmp: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/eas-troubleshooter.js', ...args], { timeout: 60_000, env: { ...process.env, TMPDIR: tmp } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the CLI cleans up its working case folders', () => {
  it('diagnose leaves nothing in the temp directory, on success and on bad input', async () => {
    const tmp = await freshTmp();
    const done = await cli(tmp, 'diagnose', '--scenario', 'healthy-iphone', '--user', USER, '--json');
    expect(done.code, done.stderr).toBe(0);
    const refused = await cli(tmp, 'diagnose', '--scenario', 'no-such-scenario', '--user', USER);
    expect(refused.code).toBe(2);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('bundle export --scenario leaves only the bundle it was asked for', async () => {
    const tmp = await freshTmp();
    const zip = path.join(work, 'export.zip');
    const exported = await cli(tmp, 'bundle', 'export', '--scenario', 'healthy-iphone', '--user', USER, '--out', zip);
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('Ctrl-C during a diagnosis removes the case folder and exits 130', async () => {
    const tmp = await freshTmp();
    // Realistic latency keeps the flow busy long enough to interrupt it mid-case.
    const child = spawn(process.execPath, ['bin/eas-troubleshooter.js', 'diagnose', '--scenario', 'healthy-iphone', '--user', USER, '--latency', 'realistic'], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    // Wait until the case has been written, then interrupt.
    while ((await readdir(tmp, { recursive: true })).filter((f) => f.endsWith('case.json')).length === 0) {
      if (Date.now() > deadline) throw new Error('the CLI never wrote its case');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await readdir(tmp)).toEqual([]);
  }, 45_000);
});

describe('scenario paths', () => {
  it('accepts a scenario file under a path far longer than 120 characters', async () => {
    const deep = path.join(work, ...Array.from({ length: 6 }, (_, i) => `a-rather-long-folder-name-for-a-scenario-library-${i}`));
    await mkdir(deep, { recursive: true });
    await cp('assets/scenarios/eas-14-1-client', path.join(deep, 'eas-14-1-client'), { recursive: true });
    const file = path.join(deep, 'eas-14-1-client', 'scenario.json');
    expect(file.length).toBeGreaterThan(300);
    const tmp = await freshTmp();
    const { code, stdout, stderr } = await cli(tmp, 'diagnose', '--scenario', file, '--user', USER, '--json');
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { findings: Array<{ code: string }> }).findings[0]?.code).toBe('EAS_VERSION_UNSUPPORTED');
  });

  it('a missing or impossible scenario path exits 2 with one line naming the problem', async () => {
    const tmp = await freshTmp();
    for (const file of [path.join(work, 'x'.repeat(200), 'scenario.json'), `/${'y'.repeat(5000)}/scenario.json`]) {
      const { code, stderr } = await cli(tmp, 'diagnose', '--scenario', file, '--user', USER);
      expect(code, stderr).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/"code":|ZodError|\bat .*:\d+:\d+/);
    }
    expect(await readdir(tmp)).toEqual([]);
  });
});
