import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { createFixtureCase, exportFixtureBundle, type FixtureCase } from './support/case-fixture';
import { buildRawZip } from './support/raw-zip';
import { readZipEntries } from './support/zip-entries';
import { readFile } from 'node:fs/promises';

let fixture: FixtureCase;
let goodZip: Buffer;
let goodEntries: Map<string, Buffer>;

beforeAll(async () => {
  fixture = await createFixtureCase();
  const outPath = await exportFixtureBundle(fixture);
  goodZip = await readFile(outPath);
  goodEntries = await readZipEntries(outPath);
});
afterAll(async () => fixture.cleanup());

let run = 0;
/**
 * The reader's contract under any input: it either accepts (and then the case is complete) or
 * refuses with a BundleRefusedError; it never crashes with another error, never hangs, and never
 * writes outside the library (and nothing at all inside it when it refuses).
 */
async function checkReaderContract(bytes: Buffer): Promise<void> {
  const dir = path.join(fixture.root, `fuzz-${++run}`);
  await mkdir(dir);
  const zipPath = path.join(dir, 'input.zip');
  await writeFile(zipPath, bytes);
  const library = new CaseStore(path.join(dir, 'library'));
  const outcome = await importCaseBundle(library, zipPath).then(
    (doc) => ({ ok: true as const, doc }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  expect((await readdir(dir)).sort()).toEqual(['input.zip', 'library']);
  if (outcome.ok) {
    expect(await readdir(library.root)).toEqual([outcome.doc.id]);
  } else {
    expect((outcome.error as Error).name, String(outcome.error)).toBe('BundleRefusedError');
    expect(await readdir(library.root)).toEqual([]);
  }
}

describe('bundle reader fuzzing', () => {
  it('survives random byte flips, truncations and splices of a valid bundle', async () => {
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('splice' as const),
        at: fc.nat(),
        bytes: fc.uint8Array({ maxLength: 64 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        let bytes = Buffer.from(goodZip);
        for (const m of mutations) {
          const at = m.at % Math.max(bytes.length, 1);
          if (m.kind === 'flip') bytes[at] = m.value;
          else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
          else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
        }
        await checkReaderContract(bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('survives well-formed zips with arbitrary names, modes and contents', async () => {
    const entry = fc.record({
      name: fc.oneof(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom(
          'case.json',
          'manifest.json',
          'report.html',
          'evidence/a.txt',
          '../x',
          'evidence/',
          '/abs',
          'a\\b',
        ),
      ),
      data: fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a)),
      deflate: fc.boolean(),
      unixMode: fc.constantFrom(0o100644, 0o120777, 0o040755, 0o100755),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), fc.boolean(), async (extra, keepGood) => {
        const base = keepGood ? [...goodEntries].map(([name, data]) => ({ name, data, deflate: true })) : [];
        await checkReaderContract(buildRawZip([...base, ...extra]));
      }),
      { numRuns: 150 },
    );
  });
});
