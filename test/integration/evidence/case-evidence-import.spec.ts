import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeEvidenceFiles } from '../../../src-main/services/evidence-import/analyze-evidence-files';
import { fileSource } from '../../../src-main/services/evidence-import/evidence-units';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { CaseView } from '../../../src-main/shared/models/wizard';
import { CAPTURE_SECRETS, problemCaptureHar } from '../../support/capture-fixtures';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

const ANDROID = readFileSync(path.resolve(__dirname, '../../fixtures/mailbox-logs/synthetic-android-problems-14.1.txt'));
const GZ_NAME = 'EASMailboxLog_alex_SAMSUNGSMS918B_androidc1234567890.gz';
const subject = { userUpn: 'alex.wilber@contoso.example', symptom: 'no mail on the phone' };

describe('evidence the operator brings into a case', () => {
  const picked: string[][] = [];
  const backend = createTestBackend({ evidencePicker: { pickFiles: async () => picked.shift() } });
  const dispatcher = createDispatcher(backend.handlers);
  const dispatch = (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload);
  let dir: string;
  let gzPath: string;
  let harPath: string;

  beforeAll(() => {
    ensureDemoShellBundle();
    dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    gzPath = path.join(dir, GZ_NAME);
    harPath = path.join(dir, 'iphone.har');
    writeFileSync(gzPath, gzipSync(ANDROID));
    writeFileSync(harPath, problemCaptureHar());
  });
  afterAll(async () => {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Uploads a file the way the browser host's page does: in chunks, over the validated IPC contract. */
  async function upload(name: string, bytes: Uint8Array, chunk = 1000): Promise<string> {
    let uploadId: string | undefined;
    for (let at = 0; at < bytes.length || uploadId === undefined; at += chunk) {
      const result = await dispatch('evidence:stage', { ...(uploadId ? { uploadId } : {}), name, chunkBase64: Buffer.from(bytes.subarray(at, at + chunk)).toString('base64') });
      if (!result.ok) throw new Error(result.error.message);
      uploadId = (result.value as { uploadId: string }).uploadId;
    }
    return uploadId;
  }

  async function cliCodes(): Promise<string[]> {
    const { analysis } = await analyzeEvidenceFiles([fileSource(gzPath), fileSource(harPath)]);
    return analysis.findings.map((f) => f.code).sort();
  }

  it('starts an offline case from an emailed .gz log and a .har capture, with the same findings as analyze-log', async () => {
    const uploads = [await upload(GZ_NAME, readFileSync(gzPath)), await upload('iphone.har', readFileSync(harPath), 4096)];
    const result = await dispatch('case:start-from-files', { subject, source: { kind: 'uploads', uploadIds: uploads } });
    expect(result.ok).toBe(true);
    const view = (result as { value: CaseView }).value;
    expect(view.connection).toEqual({ kind: 'offline' });
    const steps = Object.fromEntries(view.steps.map((s) => [s.id, s]));
    for (const id of ['connect', 'mailbox', 'client-access-rules', 'conditional-access', 'authentication', 'debug-logging']) {
      expect(steps[id]).toMatchObject({ status: 'skipped', summary: expect.stringContaining('Not run') });
    }
    expect(steps.logs?.status).toBe('done');
    await backend.engine.settled(view.caseId);
    const settled = backend.engine.getCase(view.caseId);
    expect(steps.summary === undefined || settled.steps.find((s) => s.id === 'summary')?.status === 'done').toBe(true);
    const caseCodes = settled.findings.map((f) => f.code).filter((c) => c !== 'EVIDENCE_UNAVAILABLE').sort();
    expect(caseCodes).toEqual(await cliCodes());
    expect(settled.findings.map((f) => f.code)).toContain('EVIDENCE_UNAVAILABLE'); // the tenant was never checked: no all-clear
    expect(settled.logs.map((l) => l.deviceId).sort()).toEqual(['ApplF17XK2Q1N72', 'androidc1234567890']);

    // Hashed like fetched evidence, with the operator's own file names and the originals' SHA-256.
    const doc = await backend.store.load(view.caseId);
    expect(doc.evidence).toHaveLength(2);
    expect(doc.evidence[0]!.source).toContain(createHash('sha256').update(readFileSync(gzPath)).digest('hex'));
    expect(doc.evidence[0]!.source).toContain(GZ_NAME);
    expect(doc.evidence.every((e) => e.kind === 'mailbox-log' && e.sha256 !== undefined)).toBe(true);
    const stored = doc.evidence.map((e) => readFileSync(path.join(backend.store.folderOf(view.caseId), 'evidence', e.fileName!), 'utf8')).join('');
    for (const secret of CAPTURE_SECRETS) expect(stored).not.toContain(secret);

    // Re-analysed from its saved evidence alone: nothing changes.
    const again = await dispatch('cases:reanalyse', { caseId: view.caseId });
    expect(again).toMatchObject({ ok: true, value: { added: [], removed: [], changed: [] } });

    // Redacted in bundles like fetched logs: the user's address and device ids are gone.
    const { filePath } = await backend.library.exportCase(view.caseId, true);
    const text = await zipText(filePath);
    expect(text).toContain('Log Entry');
    expect(text).not.toContain('alex.wilber');
    expect(text).not.toContain('androidc1234567890');
    for (const secret of CAPTURE_SECRETS) expect(text).not.toContain(secret);
  });

  it('refuses a bad file by name and creates no case', async () => {
    const before = (await backend.library.listCases(undefined)).length;
    const uploads = [await upload(GZ_NAME, readFileSync(gzPath)), await upload('holiday-photo.har', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]))];
    const result = await dispatch('case:start-from-files', { subject, source: { kind: 'uploads', uploadIds: uploads } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('"holiday-photo.har" is not a HAR capture') } });
    expect(await backend.library.listCases(undefined)).toHaveLength(before);
    expect(readdirSync(path.join(backend.dataDir, 'cases'))).toHaveLength(before);
  });

  it('adds evidence to a demo case through the native dialog; a bad file leaves the case as it was', async () => {
    const view = await backend.engine.startCase(subject, { kind: 'demo', scenario: 'healthy' });
    await backend.engine.settled(view.caseId);
    const evidenceBefore = (await backend.store.load(view.caseId)).evidence.length;

    picked.push([path.join(dir, 'missing.txt')]);
    const bad = await dispatch('case:add-evidence', { caseId: view.caseId, source: { kind: 'dialog' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('missing.txt') } });
    expect((await backend.store.load(view.caseId)).evidence).toHaveLength(evidenceBefore);

    picked.push([harPath]);
    const added = await dispatch('case:add-evidence', { caseId: view.caseId, source: { kind: 'dialog' } });
    expect(added).toMatchObject({ ok: true, value: { added: [{ name: 'iphone.har', kind: 'capture', requests: 9 }] } });
    await backend.engine.settled(view.caseId);
    const after = backend.engine.getCase(view.caseId);
    expect(after.findings.map((f) => f.code)).toContain('CAPTURE_TLS_OR_PROXY_FAILURE');
    expect((await backend.store.load(view.caseId)).evidence).toHaveLength(evidenceBefore + 1);

    picked.push(undefined as never);
    const cancelled = await dispatch('case:add-evidence', { caseId: view.caseId, source: { kind: 'dialog' } });
    expect(cancelled).toMatchObject({ ok: true, value: { added: [] } });
  });

  it('says the browser host has no file dialog', async () => {
    const host = createTestBackend();
    try {
      const result = await createDispatcher(host.handlers).dispatch('case:start-from-files', { subject, source: { kind: 'dialog' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    } finally {
      await host.dispose();
    }
  });
});

async function zipText(file: string): Promise<string> {
  const zip = await yauzl.openPromise(file, { autoClose: false });
  let text = '';
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      for await (const chunk of await zip.openReadStreamPromise(entry)) text += (chunk as Buffer).toString('utf8');
    }
  } finally {
    zip.close();
  }
  return text;
}
