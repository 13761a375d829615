import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

describe('saving the case report as a PDF', () => {
  const printed: string[] = [];
  const desktop = createTestBackend({
    pdfPrinter: {
      printToPdf: async (html) => {
        printed.push(html);
        return Buffer.from(`%PDF-1.7\n${html.length}`);
      },
    },
  });
  const browserHost = createTestBackend();
  beforeAll(() => ensureDemoShellBundle());
  afterAll(() => Promise.all([desktop.dispose(), browserHost.dispose()]));

  it('prints the report of the case through the desktop printer and saves it', async () => {
    const view = await desktop.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario: 'user-blocked-list' });
    await desktop.engine.settled(view.caseId);
    const saved = await desktop.handlers.exportReportPdf({ caseId: view.caseId });
    expect(readFileSync(saved.filePath, 'latin1')).toMatch(/^%PDF-/);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('DEVICE_BLOCKED');
    expect(printed[0]).not.toMatch(/<script/i);
  });

  it('says what to do instead where there is no PDF printer (the browser host)', async () => {
    const view = await browserHost.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario: 'healthy-iphone' });
    await browserHost.engine.settled(view.caseId);
    await expect(browserHost.handlers.exportReportPdf({ caseId: view.caseId })).rejects.toThrow(/desktop app.*report\.html/);
  });
});
