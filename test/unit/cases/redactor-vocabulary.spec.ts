import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src-main/services/cases/redaction/redactor';
import type { CaseDocument } from '../../../src-main/shared/models/case';

// Redaction replaces people and their identifiers, never the app's own vocabulary.
const doc = (operator: CaseDocument['operator']): CaseDocument => ({
  formatVersion: 1,
  id: 'c0ffee00-1234',
  createdAt: '2026-11-26T09:00:00.000Z',
  updatedAt: '2026-11-26T09:00:00.000Z',
  operator,
  subject: { userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' },
  connection: { kind: 'offline' },
  steps: [],
  evidence: [],
  findings: [],
  audit: [],
  analysisEngineVersion: '1',
});

describe('redaction and the app vocabulary', () => {
  it("the placeholder operator of a case nobody signed in to is no person's name", () => {
    const redactor = new Redactor();
    redactor.learnCase(doc({ name: 'Not signed in (case from files)' }));
    expect(redactor.rewrite('CAPTURE_REQUEST_NOT_SENT: the request was not sent')).toBe('CAPTURE_REQUEST_NOT_SENT: the request was not sent');
  });

});

describe('identifiers in file names', () => {
  it("a phone's id before a file extension goes; a name before the rest of an address is left to the address", () => {
    const redactor = new Redactor();
    redactor.learnCase({ ...doc({ name: 'Megan Bowen', upn: 'megan.bowen@contoso.example' }), subject: { userUpn: 'alex.wilber@contoso.example', deviceId: 'androidc1234567890', symptom: 'x' } });
    const out = redactor.rewrite('EASMailboxLog_alex_SAMSUNGSMS918B_androidc1234567890.gz and androidc1234567890.txt');
    expect(out).not.toContain('androidc1234567890');
    expect(out).toContain('.gz and ');
    expect(redactor.rewrite('mail from alex.wilber@contoso.example')).not.toContain('alex.wilber');
  });
});

describe('a redacted bundle keeps finding codes', () => {
  it('an operator whose name is also a word of a code ("Sync") leaves HEALTHY_SYNC as it is', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { CaseStore } = await import('../../../src-main/services/cases/case-store');
    const { exportCaseBundle } = await import('../../../src-main/services/cases/bundle/bundle-writer');
    const { readCaseBundle } = await import('../../../src-main/services/cases/bundle/bundle-reader');
    const root = await mkdtemp(path.join(os.tmpdir(), 'eas-redact-codes-'));
    try {
      const store = new CaseStore(path.join(root, 'cases'));
      const created = await store.create({
        operator: { name: 'Sync Bowen', upn: 'sync.bowen@contoso.example' },
        subject: { userUpn: 'alex.wilber@contoso.example', symptom: 'Sync Bowen says HEALTHY_SYNC' },
        connection: { kind: 'demo', scenario: 'healthy-iphone' },
        analysisEngineVersion: '1',
      });
      await store.save({ ...created, findings: [{ code: 'HEALTHY_SYNC', severity: 'info', title: 'Mail syncs', explanation: 'Sync Bowen saw it', nextSteps: [], evidence: [], confidence: 'high' }] });
      const outPath = path.join(root, 'redacted.zip');
      await exportCaseBundle({ caseFolder: store.folderOf(created.id), outPath, appVersion: 'test', redact: true });
      const bundle = await readCaseBundle(outPath);
      expect(bundle.doc.findings[0]?.code).toBe('HEALTHY_SYNC');
      expect(JSON.stringify(bundle.doc)).not.toContain('Sync Bowen');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
