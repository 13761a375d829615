import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { CaseStore } from '../../../src-main/services/cases/case-store';

describe('bundle export when the zip cannot be written', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eas-export-fail-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('fails with the file system error instead of waiting for ever', async () => {
    const store = new CaseStore(path.join(root, 'cases'));
    const doc = await store.create({
      operator: { name: 'Tier 1' },
      subject: { userUpn: 'alex@contoso.example', symptom: 'no mail' },
      connection: { kind: 'demo', scenario: 'healthy-iphone' },
      analysisEngineVersion: '1',
    });
    await store.attachEvidence(doc, { step: 'mailbox', kind: 'cmdlet', source: 'Get-CASMailbox', contentType: 'application/json' }, '{"ActiveSyncEnabled":true}');
    const outPath = path.join(root, 'no-such-folder', 'case.zip');
    await expect(exportCaseBundle({ caseFolder: store.folderOf(doc.id), outPath, appVersion: 'test' })).rejects.toThrow(/ENOENT/);
  }, 10_000);
});
