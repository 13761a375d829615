import { createHash, randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleRefusal } from '../../../src-main/services/cases/bundle/bundle-errors';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { createFixtureCase, exportFixtureBundle, type FixtureCase } from './support/case-fixture';
import { buildRawZip, type RawEntry } from './support/raw-zip';
import { readZipEntries } from './support/zip-entries';

let fixture: FixtureCase;
let good: Map<string, Buffer>;

beforeAll(async () => {
  fixture = await createFixtureCase();
  const outPath = await exportFixtureBundle(fixture);
  good = await readZipEntries(outPath);
});
afterAll(async () => fixture.cleanup());

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The good bundle's entries, optionally changed, with the manifest re-signed to match when asked. */
function entries(change: (map: Map<string, Buffer>) => void = () => undefined, resign = false): RawEntry[] {
  const map = new Map(good);
  change(map);
  if (resign) {
    const manifest = JSON.parse(good.get('manifest.json')!.toString('utf8'));
    manifest.files = manifest.files
      .filter((f: { path: string }) => map.has(f.path))
      .map((f: { path: string }) => ({
        path: f.path,
        size: map.get(f.path)!.length,
        sha256: sha(map.get(f.path)!),
      }));
    map.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  }
  return [...map].map(([name, data]) => ({ name, data, deflate: true }));
}

let counter = 0;
/** Imports the bytes into a fresh library and returns the refusal; checks nothing was written anywhere. */
async function refusalOf(zip: Buffer): Promise<{ reason: BundleRefusal; message: string; file?: string }> {
  const dir = path.join(fixture.root, `attempt-${++counter}`);
  const library = new CaseStore(path.join(dir, 'library'));
  const zipPath = path.join(dir, 'hostile.zip');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  await writeFile(zipPath, zip);
  const error = await importCaseBundle(library, zipPath).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the bundle should have been refused').toBeInstanceOf(Error);
  expect((error as Error).name).toBe('BundleRefusedError');
  // Nothing left: no case, no staging folder, nothing beside the zip.
  expect(await readdir(path.join(dir, 'library'))).toEqual([]);
  expect((await readdir(dir)).sort()).toEqual(['hostile.zip', 'library']);
  expect((await readdir(fixture.root)).filter((n) => n.includes('evil'))).toEqual([]);
  return error as { reason: BundleRefusal; message: string; file?: string };
}

describe('hostile bundle corpus: every attack is refused with a clear reason', () => {
  it('accepts the untouched bundle rebuilt by the raw writer (the corpus baseline is valid)', async () => {
    const dir = path.join(fixture.root, 'baseline');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(path.join(dir, 'ok.zip'), buildRawZip(entries()));
    const doc = await importCaseBundle(new CaseStore(path.join(dir, 'library')), path.join(dir, 'ok.zip'));
    expect(doc.id).toBe(fixture.doc.id);
  });

  it.each([
    ['../evil.txt'],
    ['evidence/../../evil.txt'],
    ['/tmp/evil.txt'],
    ['C:/evil.txt'],
    ['..\\evil.txt'],
  ])('zip-slip / absolute path %s', async (name) => {
    const refusal = await refusalOf(buildRawZip([...entries(), { name, data: Buffer.from('pwned') }]));
    expect(refusal.reason).toBe('unsafe-path');
    expect(refusal.message).toContain(name);
  });

  it('symbolic link', async () => {
    const link: RawEntry = {
      name: 'evidence/ev-link.txt',
      data: Buffer.from('/etc/passwd'),
      unixMode: 0o120777,
    };
    const refusal = await refusalOf(buildRawZip([...entries(), link]));
    expect(refusal).toMatchObject({ reason: 'symlink', file: 'evidence/ev-link.txt' });
  });

  it('encrypted entry', async () => {
    const list = entries().map((e) => (e.name === 'evidence/ev-log.txt' ? { ...e, flags: 1 } : e));
    expect((await refusalOf(buildRawZip(list))).reason).toBe('encrypted');
  });

  it('too many entries', async () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({
      name: `evidence/f${i}.txt`,
      data: Buffer.from('x'),
    }));
    const refusal = await refusalOf(buildRawZip([...entries(), ...many]));
    expect(refusal.reason).toBe('too-many-entries');
    expect(refusal.message).toMatch(/2\d{3} entries/);
  });

  it('entry declaring an oversize uncompressed size', async () => {
    const list = entries().map((e) =>
      e.name === 'evidence/ev-log.txt' ? { ...e, declaredSize: 0x7fffffff } : e,
    );
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'too-large',
      file: 'evidence/ev-log.txt',
    });
  });

  it('zip bomb: high compression ratio, even with a matching manifest', async () => {
    const bomb = Buffer.alloc(24 * 1024 * 1024);
    const refusal = await refusalOf(buildRawZip(entries((m) => m.set('evidence/ev-log.txt', bomb), true)));
    expect(refusal).toMatchObject({ reason: 'suspicious-compression', file: 'evidence/ev-log.txt' });
    expect(refusal.message).toMatch(/zip bomb/);
  });

  it('unknown format version', async () => {
    const list = entries((m) => {
      const manifest = JSON.parse(m.get('manifest.json')!.toString('utf8'));
      m.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, formatVersion: 2 })));
    });
    const refusal = await refusalOf(buildRawZip(list));
    expect(refusal.reason).toBe('unknown-format-version');
    expect(refusal.message).toContain('format version 2');
  });

  it('unknown case format version inside a correctly hashed bundle', async () => {
    const list = entries((m) => {
      const doc = JSON.parse(m.get('case.json')!.toString('utf8'));
      m.set('case.json', Buffer.from(JSON.stringify({ ...doc, formatVersion: 7 })));
    }, true);
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'unknown-format-version',
      file: 'case.json',
    });
  });

  it('manifest that is not JSON', async () => {
    const list = entries((m) =>
      m.set('manifest.json', Buffer.from('{"format": "eas-troubleshooter-case-bundle",')),
    );
    expect(await refusalOf(buildRawZip(list))).toMatchObject({ reason: 'bad-json', file: 'manifest.json' });
  });

  it('case.json that is not JSON, even with a matching hash', async () => {
    const list = entries((m) => m.set('case.json', Buffer.from('{ not json')), true);
    expect(await refusalOf(buildRawZip(list))).toMatchObject({ reason: 'bad-json', file: 'case.json' });
  });

  it('case.json that is JSON but not a case', async () => {
    const list = entries((m) => m.set('case.json', Buffer.from('{"formatVersion":1,"id":"x"}')), true);
    expect(await refusalOf(buildRawZip(list))).toMatchObject({ reason: 'bad-case', file: 'case.json' });
  });

  it.each(['evidence/ev-log.txt', 'case.json', 'report.html'])('tampered %s is named', async (name) => {
    const list = entries((m) => {
      const bytes = Buffer.from(m.get(name)!);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0x20;
      m.set(name, bytes);
    });
    const refusal = await refusalOf(buildRawZip(list));
    expect(refusal).toMatchObject({ reason: 'tampered', file: name });
    expect(refusal.message).toContain(name);
  });

  it('file added after export (not in the manifest)', async () => {
    const list = entries((m) => m.set('evidence/extra.txt', Buffer.from('added later')));
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'unlisted-file',
      file: 'evidence/extra.txt',
    });
  });

  it('file listed in the manifest but missing', async () => {
    const list = entries((m) => m.delete('evidence/ev-device.json'));
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'missing-file',
      file: 'evidence/ev-device.json',
    });
  });

  it('no manifest at all', async () => {
    const list = entries((m) => m.delete('manifest.json'));
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'missing-file',
      file: 'manifest.json',
    });
  });

  it('the same name twice', async () => {
    const list = entries();
    const duplicate = list.find((e) => e.name === 'case.json')!;
    expect(await refusalOf(buildRawZip([...list, duplicate]))).toMatchObject({
      reason: 'duplicate-file',
      file: 'case.json',
    });
  });

  it('a file that has no place in a bundle', async () => {
    const list = [...entries(), { name: 'autorun.inf', data: Buffer.from('[autorun]') }];
    expect(await refusalOf(buildRawZip(list))).toMatchObject({
      reason: 'unexpected-file',
      file: 'autorun.inf',
    });
  });

  it('an entry that inflates to more than it declares', async () => {
    const list = entries().map((e) => (e.name === 'evidence/ev-log.txt' ? { ...e, declaredSize: 100 } : e));
    const refusal = await refusalOf(buildRawZip(list));
    expect(['corrupt-entry', 'tampered']).toContain(refusal.reason);
    expect(refusal.file).toBe('evidence/ev-log.txt');
  });

  it('bytes that are not a zip, and a truncated zip', async () => {
    expect((await refusalOf(randomBytes(4096))).reason).toBe('not-a-zip');
    const zip = buildRawZip(entries());
    expect((await refusalOf(zip.subarray(0, zip.length - 30))).reason).toBe('not-a-zip');
  });
});
