import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'out/cli/cli.cjs');
const FIXTURES = path.join(ROOT, 'test/fixtures/mailbox-logs');
const HEALTHY = path.join(FIXTURES, 'synthetic-iphone-healthy-16.1.txt');
const ANDROID = path.join(FIXTURES, 'synthetic-android-problems-14.1.txt');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/eas-troubleshooter.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let temp: string;

beforeAll(() => {
  const stale = (() => {
    try {
      return statSync(BUNDLE).mtimeMs < Math.max(newestSource(path.join(ROOT, 'src-main')), statSync(path.join(ROOT, 'assets/findings/catalog.json')).mtimeMs);
    } catch {
      return true;
    }
  })();
  if (stale) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
  }
  temp = mkdtempSync(path.join(tmpdir(), 'analyze-log-'));
}, 240_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('eas-troubleshooter analyze-log (built bundle)', () => {
  it('prints the documented JSON for the two samples and exits 0', () => {
    const { code, stdout, stderr } = cli('analyze-log', HEALTHY, ANDROID, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { devices: Array<Record<string, unknown>>; findings: Array<Record<string, unknown>>; warnings: unknown[] };
    expect(Object.keys(out).sort()).toEqual(['devices', 'findings', 'warnings']);
    expect(out.devices).toContainEqual({
      deviceId: 'androidc1234567890',
      deviceType: 'SAMSUNGSMS918B',
      userAgent: 'Android-SAMSUNG-SM-S918B/101.140102',
      protocolVersion: '14.1',
      entryCount: 4,
      firstRequest: '2024-05-14T10:15:02.000Z',
      lastRequest: '2024-05-14T11:02:30.000Z',
    });
    const codes = out.findings.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['EAS_VERSION_UNSUPPORTED', 'DEVICE_BLOCKED', 'DEVICE_AUTO_BLOCKED', 'HEALTHY_SYNC']));
    for (const f of out.findings) expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['code', 'evidence', 'severity', 'title']));
    const blocked = out.findings.find((f) => f.code === 'DEVICE_BLOCKED') as { deviceId: string; evidence: Array<{ logEntries: number[] }> };
    expect(blocked.deviceId).toBe('androidc1234567890');
    // Entries are numbered across both files: the Android log's third entry is number 9.
    expect(blocked.evidence[0]?.logEntries).toEqual([9]);
    expect(out.warnings).toEqual([]);
  });

  it('reads a healthy log ending in a pending Ping as healthy, with no parse warning (facts F29)', () => {
    const pending = path.join(ROOT, 'assets/scenarios/healthy-pending-ping/alex-iphone.txt');
    const { code, stdout } = cli('analyze-log', pending, '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { findings: Array<{ code: string }>; warnings: unknown[] };
    expect(out.findings.map((f) => f.code)).toEqual(['HEALTHY_SYNC']);
    expect(out.warnings).toEqual([]);
  });

  it('reads a healthy log with one item Exchange could not convert as healthy, not as server errors', () => {
    const { code, stdout } = cli('analyze-log', path.join(FIXTURES, 'synthetic-iphone-item-conversion-16.1.txt'), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { findings: Array<{ code: string }>; warnings: unknown[] };
    expect(out.findings.map((f) => f.code)).toEqual(['HEALTHY_SYNC']);
    expect(out.warnings).toEqual([]);
  });

  it('prints a human summary by default', () => {
    const { code, stdout } = cli('analyze-log', ANDROID);
    expect(code).toBe(0);
    expect(stdout).toContain('androidc1234567890');
    expect(stdout).toContain('[BLOCKER]');
    expect(stdout).toContain('too old for Exchange Online');
  });

  it('reads a UTF-16LE log saved by Windows PowerShell under an emailed file name', () => {
    const text = readFileSync(HEALTHY, 'utf8');
    const file = path.join(temp, 'EASMailboxLog_alex_iPhone_F2KQ7HZX1C9N3P5R7T9V1X3Z5B.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { code, stdout } = cli('analyze-log', '--json', file);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).devices[0].entryCount).toBe(6);
  });

  it('exits 2 with one line and no stack for input that is not a mailbox log', () => {
    const file = path.join(temp, 'notes.csv');
    writeFileSync(file, 'name,value\nfoo,1\n');
    const { code, stdout, stderr } = cli('analyze-log', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not an EAS mailbox log/);
    expect(stderr).not.toMatch(/\bat .*:\d+/);
  });

  it('exits 2 for a missing file, no file, or an unknown option', () => {
    for (const args of [['analyze-log', path.join(temp, 'missing.txt')], ['analyze-log'], ['analyze-log', HEALTHY, '--fast']]) {
      const { code, stderr } = cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
