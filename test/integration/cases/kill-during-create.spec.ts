import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../../src-main/services/cases/case-store';

// A kill between creating a case folder and writing its first case.json must not leave a
// folder the library cannot read: a case exists whole or not at all.
let work: string;
let script: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'eas-kill-create-'));
  script = path.join(work, 'create-loop.cjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures', 'create-loop.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

/** Runs the create loop and SIGKILLs it `delayMs` after its first case; returns the ids it reported. */
function runAndKill(root: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root], { stdio: ['ignore', 'pipe', 'pipe'] });
    const created: string[] = [];
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffer += text;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const match = /^created (\S+)$/.exec(line);
        if (match !== null) created.push(match[1]!);
        if (timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(created) : reject(new Error('create loop ended by itself'))));
  });
}

describe('kill during case creation', () => {
  it('leaves only whole cases, whenever the process dies', async () => {
    const root = path.join(work, 'library');
    const store = new CaseStore(root);
    let reported = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      reported += (await runAndKill(root, 5 + Math.floor(Math.random() * 60))).length;
      const { cases, unreadable } = await store.list();
      expect(unreadable, `attempt ${attempt}`).toEqual([]);
      // Every case the loop reported is there (one more may have landed without being reported).
      expect(cases.length).toBeGreaterThanOrEqual(reported);
      expect(cases.length).toBeLessThanOrEqual(reported + attempt + 1);
      reported = cases.length;
    }
    // What the kills left half-made is hidden from the library and swept on the next start.
    await store.sweepLeftovers(new Date(Date.now() + 1000));
    const names = await readdir(root);
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    expect(names).toHaveLength((await store.list()).cases.length);
  });
});
