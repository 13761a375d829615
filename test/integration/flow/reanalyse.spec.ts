import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// Offline review: a case exported as a bundle and imported again is re-analysed from its raw
// evidence alone, with no tenant behind it, and the app says what changed.
describe('re-analysing a saved case', () => {
  const backend = createTestBackend();
  /** Tier 2's machine: another library, no tenant connection ever opened. */
  const reviewer = createTestBackend();
  beforeAll(() => ensureDemoShellBundle());
  afterAll(() => Promise.all([backend.dispose(), reviewer.dispose()]));

  async function diagnosedCase(scenario: string): Promise<string> {
    const view = await backend.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario });
    await backend.engine.settled(view.caseId);
    return view.caseId;
  }

  it('an imported bundle re-analyses to the same conclusion, read-only and offline', async () => {
    const caseId = await diagnosedCase('sync-key-loop');
    const { filePath } = await backend.library.exportCase(caseId, false);
    const imported = await reviewer.library.importBundle(filePath);
    expect(imported.readOnly).toBe(true);
    expect(imported.findings.map((f) => f.code)).toContain('SYNC_KEY_LOOP');
    expect(imported.logs.reduce((n, l) => n + l.entryCount, 0)).toBeGreaterThan(0);
    const result = await reviewer.handlers.reanalyseCase({ caseId: imported.caseId });
    expect(result).toMatchObject({ added: [], removed: [], changed: [] });
    expect(result.unchangedCount).toBe(imported.findings.length);
    await expect(reviewer.engine.runStep(imported.caseId, 'mailbox')).rejects.toThrow(/review only/);
  });

  it('names the findings the current analysis would add or drop', async () => {
    const caseId = await diagnosedCase('quarantined-org-default');
    const store = backend.store;
    const doc = await store.load(caseId);
    const dropped = doc.findings.find((f) => f.code === 'DEVICE_QUARANTINED')!;
    // As if an older version had missed the quarantine and reported something else instead.
    await store.save({ ...doc, findings: [...doc.findings.filter((f) => f !== dropped), { ...dropped, code: 'SERVER_ERRORS', title: 'Old false alarm' }] });
    const result = await backend.handlers.reanalyseCase({ caseId });
    expect(result.added.map((f) => f.code)).toEqual(['DEVICE_QUARANTINED']);
    expect(result.removed.map((f) => f.code)).toEqual(['SERVER_ERRORS']);
  });
});
