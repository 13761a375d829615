import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src-main/cli/commands/diagnose';
import { renderCaseReport } from '../../../src-main/services/cases/report/case-report-html';
import type { CaseDocument } from '../../../src-main/shared/models/case';
import { STEP_IDS, WIZARD_STEPS } from '../../../src-main/shared/models/steps';
import { WIZARD_STEPS as RENDERER_PLACES } from '../../../src-renderer/logic/steps';
import { caseView } from '../renderer/support/case-view';

// The step table is the one source of step ids, titles and order.
describe('the step table', () => {
  it('the renderer lists the start screen and then exactly the declared steps, in order, with their titles', () => {
    expect(RENDERER_PLACES[0]?.id).toBe('start');
    expect(RENDERER_PLACES.slice(1)).toEqual(WIZARD_STEPS.map(({ id, title, hint }) => ({ id, title, hint })));
  });

  it('ids are unique and the checks group is contiguous', () => {
    expect(new Set(STEP_IDS).size).toBe(STEP_IDS.length);
    const phases = WIZARD_STEPS.map((s) => s.phase).join(',');
    expect(phases).toMatch(/^(sequence,)*(checks,)+(sequence,?)*$/);
  });

  it('the CLI prints the steps in table order', () => {
    const view = caseView({}, {});
    expect((toJson(view) as { steps: Array<{ id: string }> }).steps.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  it('the report names saved steps by their table title, whatever the saved title says', () => {
    const doc: CaseDocument = {
      formatVersion: 1,
      id: 'c0ffee00-1234',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:05:00.000Z',
      operator: { name: 'Megan' },
      subject: { userUpn: 'alex@contoso.example', symptom: 'no mail' },
      connection: { kind: 'demo', scenario: 'healthy-iphone' },
      steps: [
        { id: 'client-access-rules', title: 'client-access-rules', status: 'done', evidence: [] },
        { id: 'an-old-step', title: 'An old step', status: 'done', evidence: [] },
      ],
      evidence: [],
      findings: [],
      audit: [],
      analysisEngineVersion: '1',
    };
    const html = renderCaseReport(doc, { appVersion: '1.0.0', generatedAt: '2026-03-02T10:00:00.000Z' });
    expect(html).toContain('<td>Client Access Rules</td>');
    expect(html).toContain('<td>An old step</td>');
    expect(html).not.toContain('<td>client-access-rules</td>');
  });
});
