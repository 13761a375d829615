import { afterAll, describe, expect, it } from 'vitest';
import { createTestBackend } from '../../support/test-backend';

// A demo case names its scenario; from the UI only built-in names count, never paths.
describe('demo scenario names', () => {
  const backend = createTestBackend();
  afterAll(() => backend.dispose());

  for (const [scenario, reason] of [
    ['no-such-scenario', /no demo scenario called "no-such-scenario"/],
    ['../healthy-iphone', /no demo scenario called "\.\.\/healthy-iphone"/],
    ['assets/scenarios/healthy-iphone/scenario.json', /no demo scenario called/],
  ] as const) {
    it(`refuses "${scenario}" at Connect with a plain reason`, async () => {
      const view = await backend.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'x' }, { kind: 'demo', scenario });
      await backend.engine.settled(view.caseId);
      const connect = backend.engine.getCase(view.caseId).steps.find((s) => s.id === 'connect')!;
      expect(connect.status).toBe('failed');
      expect(connect.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(reason) });
    });
  }
});
