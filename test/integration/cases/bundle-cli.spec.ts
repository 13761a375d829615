import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureCase, IDENTIFIERS, type FixtureCase } from './support/case-fixture';
import { buildRawZip } from './support/raw-zip';
import { readZipEntries } from './support/zip-entries';

let fixture: FixtureCase;
let cli: string;

beforeAll(async () => {
  fixture = await createFixtureCase();
  cli = path.join(fixture.root, 'cli.cjs');
  // The same bundling the app's build does, into a temp folder so no shared output is touched.
  await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../../src-main/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    define: { __APP_VERSION__: JSON.stringify('7.7.7-cli') },
    external: ['electron'],
  });
});
afterAll(async () => fixture.cleanup());

const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, 'bundle', ...args], { encoding: 'utf8' });

describe('eas-troubleshooter bundle', () => {
  it('exports a case folder, redacted, and verifies it (exit 0, --json)', async () => {
    const out = path.join(fixture.root, 'cli.zip');
    const exported = run(
      'export',
      '--case',
      fixture.store.folderOf(fixture.doc.id),
      '--out',
      out,
      '--redact',
    );
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/identifiers replaced/);
    expect((await readFile(out)).includes(IDENTIFIERS.deviceId)).toBe(false);

    const verified = run('verify', out, '--json');
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      valid: true,
      caseId: fixture.doc.id,
      appVersion: '7.7.7-cli',
      redacted: true,
    });
    expect(run('verify', out).stdout).toMatch(/^Valid bundle: case /);
  });

  it('refuses a tampered bundle with exit 2 and a one-line reason naming the file', async () => {
    const out = path.join(fixture.root, 'tamper.zip');
    expect(run('export', '--case', fixture.store.folderOf(fixture.doc.id), '--out', out).status).toBe(0);
    // Change one byte of a log line, keeping the zip itself well-formed (the raw writer re-zips it).
    const entries = await readZipEntries(out);
    const log = Buffer.from(entries.get('evidence/ev-log.txt')!);
    log[100] = log[100]! ^ 0x01;
    entries.set('evidence/ev-log.txt', log);
    await writeFile(out, buildRawZip([...entries].map(([name, data]) => ({ name, data, deflate: true }))));
    const verified = run('verify', out);
    expect(verified.status).toBe(2);
    expect(verified.stderr.trim().split('\n')).toHaveLength(1);
    expect(verified.stderr).toMatch(/^Refused: "evidence\/ev-log.txt" was changed/);
    expect(verified.stderr).not.toMatch(/\n\s+at /);
    const json = run('verify', out, '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: false,
      reason: 'tampered',
      file: 'evidence/ev-log.txt',
    });
  });

  it('answers bad input with exit 2 and no stack trace', () => {
    for (const args of [
      ['verify'],
      ['export', '--out', 'x.zip'],
      ['verify', '--bogus', 'a.zip'],
      ['frobnicate'],
      ['verify', path.join(fixture.root, 'missing.zip')],
    ]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const missingCase = run(
      'export',
      '--case',
      path.join(fixture.root, 'nope'),
      '--out',
      path.join(fixture.root, 'n.zip'),
    );
    expect(missingCase.status).toBe(2);
    expect(missingCase.stderr).toMatch(/No case found/);
  });
});
