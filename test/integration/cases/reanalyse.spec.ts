import { text } from 'node:stream/consumers';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src-main/shared/models/finding';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import {
  reanalyseCase,
  type AnalysisEngine,
} from '../../../src-main/services/cases/reanalyse/reanalyse-case';
import { createFixtureCase, type FixtureCase } from './support/case-fixture';

let fixture: FixtureCase;
beforeEach(async () => {
  fixture = await createFixtureCase();
});
afterEach(async () => fixture.cleanup());

/**
 * Stand-in for the analysis engine of issue 7, which does not exist yet: a tiny rule over the raw
 * log text behind the same AnalysisEngine port, so this test exercises the evidence reading path.
 */
const engine: AnalysisEngine = {
  version: '2.0.0',
  async analyse({ doc, openEvidence }) {
    const log = doc.evidence.find((e) => e.kind === 'mailbox-log')!;
    const body = await text(openEvidence(log));
    const findings: Finding[] = [];
    if (body.includes('<Status>144</Status>')) {
      findings.push({
        code: 'INVALID_SYNC_KEY',
        severity: 'warning',
        title: 't',
        explanation: 'e',
        nextSteps: [],
        evidence: [],
        confidence: 'medium',
      });
    }
    findings.push({ ...doc.findings[0]!, severity: 'warning' });
    return findings;
  },
};

describe('re-analyse an imported bundle', () => {
  it('runs the engine over the raw evidence and reports added and changed findings', async () => {
    const zip = path.join(fixture.root, 'case.zip');
    await exportCaseBundle({
      caseFolder: fixture.store.folderOf(fixture.doc.id),
      outPath: zip,
      appVersion: '1',
    });
    const library = new CaseStore(path.join(fixture.root, 'review'));
    const imported = await importCaseBundle(library, zip);
    const result = await reanalyseCase(library, imported.id, engine);
    expect(result.previousEngineVersion).toBe('1.0.0');
    expect(result.diff.added.map((f) => f.code)).toEqual(['INVALID_SYNC_KEY']);
    expect(result.diff.changed).toMatchObject([
      { fields: ['severity'], after: { code: 'DEVICE_QUARANTINED' } },
    ]);
    expect(result.diff.removed).toEqual([]);
    // The imported case is untouched.
    expect((await library.load(imported.id)).findings).toEqual(imported.findings);
  });
});
