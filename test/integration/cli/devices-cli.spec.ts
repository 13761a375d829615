import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { decideAccess } from '../../../src-main/services/demo/shell/access-state';

const ROOT = path.resolve(__dirname, '../../..');

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/eas-troubleshooter.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  // The CLI runs from the build (npm run build); build once if it is missing.
  if (!existsSync(path.join(ROOT, 'out/cli/cli.cjs'))) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
  }
});

describe('devices CLI', () => {
  it('--view quarantined --json lists exactly the phones whose computed state is Quarantined', () => {
    const { code, stdout } = cli('devices', '--scenario', 'large-tenant', '--view', 'quarantined', '--json');
    expect(code).toBe(0);
    const listed = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // The oracle: every device of the scenario decided at the scenario's clock.
    const scenario = loadScenario('large-tenant', { scenariosDir: path.join(ROOT, 'assets/scenarios') });
    const now = Date.parse(scenario.clock.now);
    const mailboxes = new Map(scenario.exchange.mailboxes.map((m) => [m.user.toLowerCase(), m]));
    const expected = scenario.exchange.mobileDevices
      .filter((d) => decideAccess(d, mailboxes.get(d.mailbox.toLowerCase())!, scenario.exchange, now).state === 'Quarantined')
      .map((d) => `${mailboxes.get(d.mailbox.toLowerCase())!.alias}/${d.deviceId}`);
    expect(listed.map((d) => `${String(d.user)}/${String(d.deviceId)}`).sort()).toEqual(expected.sort());
    for (const device of listed) {
      expect(Object.keys(device)).toEqual(expect.arrayContaining(['deviceId', 'user', 'state', 'reason', 'rule', 'protocolVersion', 'lastSync']));
      expect(device.state).toBe('Quarantined');
    }
    // Oldest in the queue first.
    const firstSeen = listed.map((d) => String(d.firstSeen));
    expect(firstSeen).toEqual([...firstSeen].sort());
  }, 120_000);

  it('prints a table for the old-protocol view and exits 2 on a bad view or scenario', () => {
    const table = cli('devices', '--scenario', 'eas-14-1-client', '--view', 'old-protocol');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^1 of \d+ phones in view "old-protocol"/);
    expect(table.stdout).toContain('14.1');
    for (const args of [
      ['devices', '--scenario', 'large-tenant', '--view', 'everything'],
      ['devices', '--scenario', 'no-such-scenario'],
      ['devices'],
    ]) {
      const run = cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
