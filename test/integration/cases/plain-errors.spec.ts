import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { UploadInbox } from '../../../src-main/services/cases/upload-inbox';
import { Readable } from 'node:stream';
import { createTestBackend } from '../../support/test-backend';

// Bad input gets a plain answer, never INTERNAL with a stack's worth of internals (paths, errno).
describe('bad input answers in plain words', () => {
  it('an unknown case id is NOT_FOUND without a path, on open, get, export and delete', async () => {
    const app = createTestBackend();
    const { dispatch } = createDispatcher(app.handlers);
    for (const [channel, payload] of [
      ['cases:open', { caseId: 'case-20990101-000000-abcdef' }],
      ['case:get', { caseId: 'case-20990101-000000-abcdef' }],
      ['cases:export', { caseId: 'case-20990101-000000-abcdef', redact: false }],
      ['cases:delete', { caseId: 'case-20990101-000000-abcdef' }],
      ['cases:open', { caseId: '../../etc' }],
    ] as const) {
      const result = (await dispatch(channel, payload)) as { ok: false; error: { code: string; message: string } };
      expect(result.ok, channel).toBe(false);
      expect(['NOT_FOUND', 'INVALID_REQUEST'], `${channel}: ${result.error.code}`).toContain(result.error.code);
      expect(result.error.message).not.toContain(app.dataDir);
      expect(result.error.message).not.toMatch(/ENOENT|errno|\/tmp\//);
    }
    await app.dispose();
  });

  it('a refused bundle is INVALID_REQUEST with the refusal in plain words', async () => {
    const app = createTestBackend();
    const uploadId = await app.uploads.receive(Readable.from([Buffer.from('this is not a zip')]));
    const result = await createDispatcher(app.handlers).dispatch('cases:import', { source: 'upload', uploadId });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^Refused: this is not a readable zip/) } });
    expect(JSON.stringify(result)).not.toContain(app.dataDir);
    await app.dispose();
  });

  it('an unexpected failure says so without the raw error text', async () => {
    const app = createTestBackend();
    const { dispatch } = createDispatcher({ ...app.handlers, listCases: async () => { throw new Error(`EACCES: permission denied, open '${app.dataDir}/secret'`); } });
    const result = await dispatch('cases:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('EACCES');
    expect(JSON.stringify(result)).not.toContain(app.dataDir);
    await app.dispose();
  });
});

describe('leftovers are swept', () => {
  it('a new store removes .partial files and .import-* staging folders a crash left behind', async () => {
    const app = createTestBackend();
    const root = path.join(app.dataDir, 'cases');
    await mkdir(path.join(root, '.import-0123456789ab', 'evidence'), { recursive: true });
    await writeFile(path.join(root, '.import-0123456789ab', 'case.json'), '{}');
    await mkdir(path.join(root, 'case-20260101-000000-aaaaaa', 'evidence'), { recursive: true });
    await writeFile(path.join(root, 'case-20260101-000000-aaaaaa', 'case.json.partial'), 'half');
    await writeFile(path.join(root, 'case-20260101-000000-aaaaaa', 'evidence', 'ev-1.json.partial'), 'half');
    await app.dispose();
    const store = new CaseStore(root);
    await store.sweepLeftovers();
    expect(await readdir(root)).toEqual(['case-20260101-000000-aaaaaa']);
    expect(await readdir(path.join(root, 'case-20260101-000000-aaaaaa'))).toEqual(['evidence']);
    expect(await readdir(path.join(root, 'case-20260101-000000-aaaaaa', 'evidence'))).toEqual([]);
  });

  it('uploads do not outlive the process that took them', async () => {
    const app = createTestBackend();
    await app.uploads.receive(Readable.from([Buffer.from('x')]));
    await app.dispose();
    const inbox = new UploadInbox(path.join(app.dataDir, 'uploads'));
    await inbox.receive(Readable.from([Buffer.from('y')]));
    expect(await readdir(path.join(app.dataDir, 'uploads'))).toHaveLength(1);
  });
});
