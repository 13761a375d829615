import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../src-main/shared/models/wizard';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// A saved or imported case reads as the live one did: the same steps, titles, outcomes and checks.
const comparable = (view: CaseView) =>
  view.steps.map((s) => ({ id: s.id, title: s.title, status: s.status, outcome: s.outcome, summary: s.summary, checks: s.checks }));

describe('a saved case shows what was checked', () => {
  const live = createTestBackend();
  let caseId: string;
  let liveView: CaseView;

  beforeAll(async () => {
    await ensureDemoShellBundle();
    const started = await live.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'No mail' }, { kind: 'demo', scenario: 'quarantined-org-default' });
    caseId = started.caseId;
    await live.engine.settled(caseId);
    liveView = live.engine.getCase(caseId);
  }, 60_000);
  afterAll(() => live.dispose());

  it('the live case has checks on every step it ran', () => {
    for (const step of liveView.steps.filter((s) => s.status === 'done')) expect(step.checks.length, step.id).toBeGreaterThan(0);
  });

  it('reopened from disk, every step keeps its title, outcome, summary and checks', async () => {
    const reopened = createTestBackend({ paths: { dataDir: live.dataDir, scenariosDir: 'assets/scenarios', demoShellPath: 'out/demo-shell/demo-shell.cjs' } });
    try {
      const view = await reopened.library.openCase(caseId);
      expect(comparable(view)).toEqual(comparable(liveView));
    } finally {
      await reopened.dispose();
    }
  });

  it('imported from a bundle on another machine, it reads the same', async () => {
    const { filePath } = await live.library.exportCase(caseId, false);
    const reviewer = createTestBackend();
    try {
      const view = await reviewer.library.importBundle(filePath);
      expect(view.readOnly).toBe(true);
      expect(comparable(view)).toEqual(comparable(liveView));
    } finally {
      await reviewer.dispose();
    }
  });
});
