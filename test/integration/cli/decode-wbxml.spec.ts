import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../support/cli-build';
import { oracleXml } from '../../support/wbxml-oracle';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/wbxml');

function cli(args: string[], input?: Buffer) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/eas-troubleshooter.js'), 'decode-wbxml', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => ensureBuilt(ROOT), 240_000);

describe('eas-troubleshooter decode-wbxml', () => {
  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.wbxml')))('prints the same XML as wbxml2xml for %s', (name) => {
    const file = path.join(SAMPLES, name);
    const run = cli([file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(oracleXml(readFileSync(file)));
  });

  it('reads standard input with - and prints JSON with --json', () => {
    const run = cli(['-', '--json'], readFileSync(path.join(SAMPLES, '05-foldersync-response-global-status-142.wbxml')));
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { root: { name: string; children: { name: string; text: string }[] } };
    expect(json.root.name).toBe('FolderSync');
    expect(json.root.children[0]).toMatchObject({ name: 'Status', text: '142' });
  });

  it('exits 2 with one line naming the file when it is not WBXML', () => {
    const run = cli([path.join(ROOT, 'test/fixtures/mailbox-logs/synthetic-iphone-healthy-16.1.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('synthetic-iphone-healthy-16.1.txt is not EAS WBXML');
  });

  it('exits 2 for a missing file', () => {
    const run = cli(['/nonexistent/x.wbxml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('File not found');
  });
});
