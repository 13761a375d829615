import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../../src-main/services/cases/case-store';

let work: string;
let script: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'eas-kill-'));
  script = path.join(work, 'save-loop.cjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures', 'save-loop.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

/** Runs the save loop and SIGKILLs it after `delayMs` past its first save; returns the last completed round. */
function runAndKill(root: string, caseId: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root, caseId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastSaved = 0;
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffer += text;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const saved = /^saved (\d+)$/.exec(line);
        if (saved !== null) lastSaved = Number(saved[1]);
        if (line === 'created' && timer === undefined)
          timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`save loop ended by itself: ${stderr}`));
      else resolve(lastSaved);
    });
  });
}

describe('kill during save', () => {
  it('never loses a completed step or leaves a torn case.json, whenever the process dies', async () => {
    const root = path.join(work, 'library');
    const store = new CaseStore(root);
    for (let attempt = 0; attempt < 10; attempt++) {
      const caseId = `kill-test-${attempt}`;
      const delay = 20 + Math.floor(Math.random() * 400);
      const lastSaved = await runAndKill(root, caseId, delay);
      // case.json parses and validates (load throws otherwise) ...
      const doc = await store.load(caseId);
      // ... and holds every round the child reported as saved (maybe one more it saved but had no time to report).
      expect(doc.steps.length, `attempt ${attempt}, killed after ${delay} ms`).toBeGreaterThanOrEqual(
        lastSaved,
      );
      expect(doc.steps.length).toBeLessThanOrEqual(lastSaved + 1);
      doc.steps.forEach((step, i) => expect(step.id).toBe(`step-${i + 1}`));
      // Every evidence file the case references is complete: its hash matches.
      for (const item of doc.evidence) {
        const bytes = await readFile(path.join(store.folderOf(caseId), 'evidence', item.fileName!));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(item.sha256);
      }
    }
    // Leftover temp files are invisible to the library, which lists every killed case as resumable.
    const resumable = await store.listResumable();
    expect(resumable.map((s) => s.id).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `kill-test-${i}`).sort(),
    );
    expect((await store.list()).unreadable).toEqual([]);
    expect(await readdir(root)).toHaveLength(10);
    // Ten child processes, each started, saving and killed: generous on a loaded 2-core machine.
  }, 120_000);
});
