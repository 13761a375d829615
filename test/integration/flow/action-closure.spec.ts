import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';
import path from 'node:path';
import { caseDocumentSchema } from '../../../src-main/shared/models/case';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { readCaseBundle } from '../../../src-main/services/cases/bundle/bundle-reader';

// Closure after a fix (issue 17): allowing a quarantined phone reads Exchange back, records what
// was fixed in the saved case, takes the fixed finding out of the ranked list and moves the headline.
const USER = 'alex.wilber@contoso.example';
const SAMSUNG = 'SEC1A2B3C4D5E6F7A8';
const backend = createTestBackend();
afterAll(() => backend.dispose());
beforeAll(() => ensureDemoShellBundle(), 60_000);

describe('allowing a quarantined phone', () => {
  it('records the closure, moves the finding to Resolved and the headline on', async () => {
    const started = await backend.engine.startCase({ userUpn: USER, symptom: 'No mail', deviceId: SAMSUNG }, { kind: 'demo', scenario: 'quarantined-org-default' });
    await backend.engine.settled(started.caseId);
    const before = backend.engine.getCase(started.caseId);
    expect(before.findings[0]?.code).toBe('DEVICE_QUARANTINED');
    expect(before.closures).toBeUndefined();

    const view = await backend.engine.runAction(started.caseId, { kind: 'allow-device', deviceId: SAMSUNG });
    await backend.engine.settled(started.caseId);
    const after = backend.engine.getCase(started.caseId);
    const closure = after.closures?.at(-1);
    expect(closure).toMatchObject({ action: 'allow-device', deviceId: SAMSUNG, result: 'fixed', meantToFix: ['DEVICE_QUARANTINED'] });
    expect(closure?.fixed.map((f) => f.words)).toEqual(['the phone is no longer quarantined']);
    // On the case's clock (the scenario's), not the machine's.
    expect(Date.parse(closure!.at)).toBeGreaterThanOrEqual(Date.parse(before.clock.now));
    expect(Date.parse(closure!.at)).toBeLessThan(Date.parse('2026-11-26T10:00:00Z'));
    expect(closure?.readBack.find((v) => v.label === "On this user's allowed list")).toEqual({ label: "On this user's allowed list", before: 'no', after: 'yes' });
    expect(closure?.userMessage?.length).toBeGreaterThan(0);
    expect(after.findings.map((f) => f.code)).not.toContain('DEVICE_QUARANTINED');
    expect(after.findings[0]?.rank).toBe(1);
    const headline = after.steps.find((s) => s.id === 'summary')?.summary ?? '';
    expect(headline).not.toMatch(/quarantine/i);
    expect(headline).toContain(after.findings[0]!.title);
    expect(view.audit.some((a) => a.action === 'read-back')).toBe(true);

    // Kept in the saved case, which still validates; a case saved before closures existed loads too.
    const saved = await backend.store.load(started.caseId);
    expect(saved.closures?.at(-1)?.result).toBe('fixed');
    const { closures: _dropped, ...older } = saved;
    expect(caseDocumentSchema.safeParse(older).success).toBe(true);

    // A redacted bundle keeps the closure (codes and words intact) without the phone's id.
    const outPath = path.join(backend.dataDir, 'closure-redacted.zip');
    await exportCaseBundle({ caseFolder: backend.store.folderOf(started.caseId), outPath, appVersion: '0.0.0-test', redact: true });
    const bundled = (await readCaseBundle(outPath)).doc.closures?.at(-1);
    expect(bundled).toMatchObject({ action: 'allow-device', result: 'fixed', meantToFix: ['DEVICE_QUARANTINED'] });
    expect(bundled?.fixed[0]).toMatchObject({ code: 'DEVICE_QUARANTINED', words: 'the phone is no longer quarantined' });
    expect(JSON.stringify(bundled)).not.toContain(SAMSUNG);
  }, 90_000);
});
