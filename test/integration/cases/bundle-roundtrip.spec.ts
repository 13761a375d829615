import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { readCaseBundle } from '../../../src-main/services/cases/bundle/bundle-reader';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { bundleManifestSchema } from '../../../src-main/services/cases/bundle/bundle-manifest';
import { IDENTIFIERS, SECRETS, createFixtureCase, type FixtureCase } from './support/case-fixture';
import { readZipEntries } from './support/zip-entries';

let fixture: FixtureCase;
beforeEach(async () => {
  fixture = await createFixtureCase();
});
afterEach(async () => fixture.cleanup());

const exportTo = (name: string, redact = false) =>
  exportCaseBundle({
    caseFolder: fixture.store.folderOf(fixture.doc.id),
    outPath: path.join(fixture.root, name),
    appVersion: '9.9.9-test',
    redact,
  });

describe('bundle export then import', () => {
  it('gives back an equal case with byte-identical evidence', async () => {
    const { outPath } = await exportTo('case.zip');
    const otherLibrary = new CaseStore(path.join(fixture.root, 'other-library'));
    const imported = await importCaseBundle(otherLibrary, outPath);

    const { imported: marker, ...importedCase } = imported;
    expect(marker?.redacted).toBe(false);
    expect(marker?.appVersion).toBe('9.9.9-test');
    expect(importedCase).toEqual(fixture.doc);
    for (const item of fixture.doc.evidence.filter((e) => e.fileName !== undefined)) {
      const original = await readFile(
        path.join(fixture.store.folderOf(fixture.doc.id), 'evidence', item.fileName!),
      );
      const copy = await readFile(path.join(otherLibrary.folderOf(imported.id), 'evidence', item.fileName!));
      expect(copy.equals(original)).toBe(true);
    }
    const reopened = await otherLibrary.openReadOnly(imported.id);
    expect(Object.isFrozen(reopened.doc.steps)).toBe(true);
    expect((await otherLibrary.list()).cases[0]?.readOnly).toBe(true);
    await expect(otherLibrary.save(imported)).rejects.toThrow(/read-only/);
  });

  it('refuses to import the same case twice and leaves no staging folder', async () => {
    const { outPath } = await exportTo('case.zip');
    const library = new CaseStore(path.join(fixture.root, 'lib2'));
    await importCaseBundle(library, outPath);
    await expect(importCaseBundle(library, outPath)).rejects.toMatchObject({ reason: 'already-in-library' });
    expect(await readdir(library.root)).toEqual([fixture.doc.id]);
  });

  it('writes a manifest that lists every other entry with its SHA-256 and size', async () => {
    const { outPath } = await exportTo('case.zip');
    const entries = await readZipEntries(outPath);
    const manifest = bundleManifestSchema.parse(JSON.parse(entries.get('manifest.json')!.toString('utf8')));
    expect(manifest.caseId).toBe(fixture.doc.id);
    expect(manifest.appVersion).toBe('9.9.9-test');
    expect(new Set(manifest.files.map((f) => f.path))).toEqual(
      new Set([...entries.keys()].filter((n) => n !== 'manifest.json')),
    );
    for (const file of manifest.files) {
      const bytes = entries.get(file.path)!;
      expect(file.size).toBe(bytes.length);
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const verified = await readCaseBundle(outPath);
    expect(verified.fileCount).toBe(manifest.files.length);
  });

  it('never puts a token, Basic credential or password in any entry', async () => {
    const { outPath } = await exportTo('case.zip');
    const raw = await readFile(outPath);
    for (const [name, bytes] of [...(await readZipEntries(outPath)), ['(raw zip)', raw] as const]) {
      const text = bytes.toString('latin1');
      for (const secret of Object.values(SECRETS))
        expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
    }
    const log = (await readZipEntries(outPath)).get('evidence/ev-log.txt')!.toString('utf8');
    expect(log).toContain('Authorization: ********');
    expect(log).toContain('Authorization: [removed]');
    expect(log).toContain('password=[removed]');
  });
});

describe('redacted bundle', () => {
  it('leaves no original identifier anywhere in the zip, in any letter case', async () => {
    const { outPath, pseudonymCount } = await exportTo('redacted.zip', true);
    expect(pseudonymCount).toBeGreaterThanOrEqual(Object.keys(IDENTIFIERS).length);
    const entries = await readZipEntries(outPath);
    const raw = (await readFile(outPath)).toString('latin1').toLowerCase();
    for (const value of Object.values(IDENTIFIERS)) {
      expect(raw.includes(value.toLowerCase()), `${value} in raw zip bytes`).toBe(false);
      for (const [name, bytes] of entries) {
        expect(
          bytes.toString('utf8').toLowerCase().includes(value.toLowerCase()),
          `${value} in ${name}`,
        ).toBe(false);
      }
    }
  });

  it('uses the same pseudonym for an identifier in case.json, the report and every evidence file', async () => {
    const { outPath } = await exportTo('redacted.zip', true);
    const entries = await readZipEntries(outPath);
    const doc = JSON.parse(entries.get('case.json')!.toString('utf8'));
    const userPseudonym: string = doc.subject.userUpn;
    const devicePseudonym: string = doc.subject.deviceId;
    expect(userPseudonym).toMatch(/^user\d+@redacted\.invalid$/);
    expect(devicePseudonym).toMatch(/^REDACTEDDEVICE\d{4}$/);
    expect(doc.findings[0].deviceId).toBe(devicePseudonym);
    for (const name of ['report.html', 'evidence/ev-log.txt', 'evidence/ev-signins.json']) {
      expect(entries.get(name)!.toString('utf8')).toContain(userPseudonym);
    }
    for (const name of ['report.html', 'evidence/ev-log.txt', 'evidence/ev-device.json']) {
      expect(entries.get(name)!.toString('utf8')).toContain(devicePseudonym);
    }
    // Evidence that is not an identifier survives, so the bundle can still be re-analysed.
    expect(entries.get('evidence/ev-device.json')!.toString('utf8')).toContain(
      '"DeviceAccessState": "Quarantined"',
    );
    expect(entries.get('evidence/ev-log.txt')!.toString('utf8')).toContain('<Status>144</Status>');
    // And the redacted bundle still verifies and imports.
    const imported = await importCaseBundle(new CaseStore(path.join(fixture.root, 'lib3')), outPath);
    expect(imported.imported?.redacted).toBe(true);
  });
});
