import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseStore, type NewCaseInput } from '../../../src-main/services/cases/case-store';

let root: string;
let now: Date;
let store: CaseStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'case-store-'));
  now = new Date('2026-03-02T09:00:00.000Z');
  store = new CaseStore(path.join(root, 'cases'), () => now);
});
afterEach(async () => rm(root, { recursive: true, force: true }));

const input = (over: Partial<NewCaseInput['subject']> = {}): NewCaseInput => ({
  operator: { name: 'Megan Bowen' },
  subject: { userUpn: 'alex@contoso.example', symptom: 'No mail', ...over },
  connection: { kind: 'tenant', tenant: 'contoso.onmicrosoft.com' },
  analysisEngineVersion: '1.0.0',
});

describe('CaseStore', () => {
  it('creates, saves and loads a case, stamping updatedAt on every save', async () => {
    const created = await store.create(input());
    now = new Date('2026-03-02T09:05:00.000Z');
    const saved = await store.save({ ...created, steps: [{ id: 's1', status: 'done', evidence: [] }] });
    expect(saved.updatedAt).toBe('2026-03-02T09:05:00.000Z');
    expect(await store.load(created.id)).toEqual(saved);
  });

  it('scrubs tokens that reach a case document or evidence body', async () => {
    let doc = await store.create(input());
    doc = await store.save({
      ...doc,
      steps: [
        {
          id: 's',
          status: 'failed',
          evidence: [],
          error: { message: 'HTTP 401 for Authorization: Bearer abc.def.ghi123456' },
        },
      ],
    });
    expect(JSON.stringify(await store.load(doc.id))).not.toContain('abc.def.ghi123456');
    const { item } = await store.attachEvidence(
      doc,
      { step: 's', kind: 'graph', source: 'GET /me', contentType: 'application/json' },
      '{"access_token":"sekrit-value-123"}',
    );
    const chunks: Buffer[] = [];
    for await (const chunk of (await store.openReadOnly(doc.id)).openEvidence(item))
      chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('{"access_token":"[removed]"}');
    expect(item.size).toBe(Buffer.concat(chunks).length);
  });

  it('lists, searches by user, device, ticket, finding code and date, and offers open cases for resume', async () => {
    const a = await store.create(
      input({ userUpn: 'alex@contoso.example', deviceId: 'ApplF4K7Q2', ticketRef: 'INC-1' }),
    );
    now = new Date('2026-03-05T12:00:00.000Z');
    const b = await store.create(input({ userUpn: 'megan@contoso.example', ticketRef: 'INC-2' }));
    await store.save({
      ...b,
      closedAt: now.toISOString(),
      findings: [
        {
          code: 'EAS_DISABLED',
          severity: 'blocker',
          title: 't',
          explanation: 'e',
          nextSteps: [],
          evidence: [],
          confidence: 'high',
        },
      ],
    });
    const ids = async (q: Parameters<CaseStore['search']>[0]) => (await store.search(q)).map((s) => s.id);
    expect(await ids({ user: 'ALEX' })).toEqual([a.id]);
    expect(await ids({ device: 'f4k7' })).toEqual([a.id]);
    expect(await ids({ ticket: 'INC-2' })).toEqual([b.id]);
    expect(await ids({ findingCode: 'eas_disabled' })).toEqual([b.id]);
    expect(await ids({ from: '2026-03-03' })).toEqual([b.id]);
    expect(await ids({ to: '2026-03-02' })).toEqual([a.id]);
    expect(await ids({ text: 'megan' })).toEqual([b.id]);
    expect((await store.listResumable()).map((s) => s.id)).toEqual([a.id]);
  });

  it('reports a damaged case.json instead of hiding it, and ignores temp files', async () => {
    const doc = await store.create(input());
    await writeFile(path.join(store.folderOf(doc.id), 'case.json'), '{"formatVersion": 1, "id": ');
    await writeFile(path.join(store.root, 'stray.json.abc.partial'), 'x');
    const { cases, unreadable } = await store.list();
    expect(cases).toEqual([]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.reason).toMatch(/not valid JSON/);
  });

  it('opens a case read-only (frozen) and deletes it with its evidence', async () => {
    const doc = await store.create(input());
    const opened = await store.openReadOnly(doc.id);
    expect(() => (opened.doc.steps as unknown[]).push({})).toThrow();
    await store.delete(doc.id);
    expect(await readdir(store.root)).toEqual([]);
  });

  it('refuses case ids that could leave the library folder', async () => {
    await expect(store.load('../outside')).rejects.toThrow(/case id/);
    expect(() => store.folderOf('..')).toThrow();
  });
});
