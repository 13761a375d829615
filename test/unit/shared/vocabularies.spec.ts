import { describe, expect, it } from 'vitest';
import catalog from '../../../assets/findings/catalog.json';
import { catalogSchema } from '../../../src-main/domain/diagnosis/catalog';
import { WIZARD_ACTION_KINDS } from '../../../src-main/shared/models/action-kinds';
import { EVIDENCE_AREAS, evidenceAreaSchema, stepOfArea } from '../../../src-main/shared/models/evidence-areas';
import { nextStepSchema } from '../../../src-main/shared/models/finding';
import { STEP_IDS } from '../../../src-main/shared/models/steps';
import { wizardActionSchema } from '../../../src-main/shared/models/wizard';
import { actionFromNextStep, actionLabel } from '../../../src-renderer/logic/actions';

// The words that cross from the findings catalog to the UI are closed vocabularies: an action the
// UI cannot offer, or a step that does not exist, fails here rather than showing a dead button.
describe('shared vocabularies', () => {
  it('every action the catalog offers is one the UI can build and label', () => {
    const parsed = catalogSchema.parse(catalog);
    const offered = Object.values(parsed.findings).flatMap((e) => e.nextSteps.flatMap((s) => (s.action ? [s.action] : [])));
    expect(offered.length).toBeGreaterThan(0);
    for (const kind of offered) {
      const action = actionFromNextStep(kind, 'ApplF4K7Q2');
      expect(action, kind).toBeDefined();
      expect(wizardActionSchema.parse(action)).toEqual(action);
      expect(actionLabel(action!)).not.toBe('');
    }
  });

  it('every action kind the contract accepts is offerable from a next step', () => {
    for (const kind of WIZARD_ACTION_KINDS) expect(actionFromNextStep(kind, 'ApplF4K7Q2')?.kind).toBe(kind);
  });

  it('every step the catalog points to, and every evidence area, is a wizard step', () => {
    const parsed = catalogSchema.parse(catalog);
    for (const entry of Object.values(parsed.findings)) for (const next of entry.nextSteps) if (next.step) expect(STEP_IDS).toContain(next.step);
    for (const area of EVIDENCE_AREAS) expect(STEP_IDS).toContain(stepOfArea(area));
  });

  it('refuses an unknown action or step, and reads the first version’s evidence names', () => {
    expect(nextStepSchema.safeParse({ who: 'tier1-in-app', text: 'x', action: 'release-quarantine' }).success).toBe(false);
    expect(nextStepSchema.safeParse({ who: 'tier1-in-app', text: 'x', step: 'sign-ins' }).success).toBe(false);
    expect(evidenceAreaSchema.parse('casMailbox')).toBe('cas-mailbox');
    expect(evidenceAreaSchema.safeParse('check-device').success).toBe(false);
  });
});
