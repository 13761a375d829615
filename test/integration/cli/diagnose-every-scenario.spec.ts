import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listScenarios, loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { buildCliBundle } from '../../support/cli-build';

// `diagnose` over every built-in scenario, as an operator runs it, ranks the expected root cause
// first and leaves nothing in the temp directory. The test suite also runs this file with the
// machine's clock shifted (faketime), which is where a wall-clock read would show.
const run = promisify(execFile);
const USER = 'alex.wilber@contoso.example';
const scenarios = listScenarios({ scenariosDir: 'assets/scenarios' });
let tmp: string;

beforeAll(async () => {
  await ensureDemoShellBundle();
  await buildCliBundle();
  tmp = await mkdtemp(path.join(tmpdir(), 'eas-every-'));
}, 60_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe(`diagnose --scenario <each built-in> (machine clock ${new Date().toISOString().slice(0, 10)})`, () => {
  it.each(scenarios.map((s) => s.id))('%s ranks its expected root cause first', async (id) => {
    const { expected } = loadScenario(id, { scenariosDir: 'assets/scenarios' });
    const user = expected.user ?? USER;
    const diagnose = run(process.execPath, ['bin/eas-troubleshooter.js', 'diagnose', '--scenario', id, '--user', user, '--json'], {
      timeout: 60_000,
      env: { ...process.env, TMPDIR: tmp },
    });
    if (expected.rootCauses.includes('MAILBOX_NOT_FOUND')) {
      // No such mailbox is bad input: exit 2 with one line naming the address, and no findings printed.
      const failure = (await diagnose.then(() => undefined, (error: unknown) => error)) as { code?: number; stdout?: string; stderr?: string } | undefined;
      expect(failure?.code).toBe(2);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr?.trimEnd().split('\n')).toEqual([expect.stringContaining(`No mailbox found for ${user}`)]);
      expect(await readdir(tmp)).toEqual([]);
      return;
    }
    const { stdout } = await diagnose;
    const codes = (JSON.parse(stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
    const top = codes.slice(0, Math.max(1, expected.rootCauses.length));
    for (const cause of expected.rootCauses) expect(top, `${cause} first in ${codes.join(', ')}`).toContain(cause);
    if (expected.headline) expect(expected.headline, `headline of ${codes.join(', ')}`).toContain(codes[0]);
    expect(await readdir(tmp)).toEqual([]);
  });
});
