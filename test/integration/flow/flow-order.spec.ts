import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../src-main/shared/models/wizard';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The renderer asks for Connect as soon as a case starts, while the engine's own flow is already
// running it. The summary must still come only after every check, never from partial evidence.
describe('flow order', () => {
  const backend = createTestBackend();
  const views: CaseView[] = [];
  beforeAll(async () => {
    await ensureDemoShellBundle();
    backend.events.attach((channel, payload) => {
      if (channel === 'event:case-updated') views.push(payload as CaseView);
    });
  });
  afterAll(() => backend.dispose());

  it('writes the summary once, after every other step, even when the renderer re-runs Connect at once', async () => {
    const started = await backend.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario: 'quarantined-org-default' });
    await backend.engine.runStep(started.caseId, 'connect');
    await backend.engine.settled(started.caseId);
    const ours = views.filter((v) => v.caseId === started.caseId);
    const summaryRuns = ours.filter((v, i) => v.steps.find((s) => s.id === 'summary')?.status === 'running' && ours[i - 1]?.steps.find((s) => s.id === 'summary')?.status !== 'running');
    expect(summaryRuns).toHaveLength(1);
    for (const view of ours) {
      const summary = view.steps.find((s) => s.id === 'summary')!;
      if (summary.status !== 'running') continue;
      const unfinished = view.steps.filter((s) => s.id !== 'summary' && (s.status === 'running' || s.status === 'pending'));
      expect(unfinished.map((s) => s.id)).toEqual([]);
    }
    expect(backend.engine.getCase(started.caseId).findings[0]?.code).toBe('DEVICE_QUARANTINED');
  });
});
