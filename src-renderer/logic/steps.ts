import { WIZARD_STEPS as DECLARED_STEPS, type WizardStepId } from '../../src-main/shared/models/steps';

/** A place in the wizard: the start screen or one of the main process's steps. */
export type WizardPlace = 'start' | WizardStepId;

/** The wizard's places in order: the start screen, then the steps as the main process declares them. */
export const WIZARD_STEPS: ReadonlyArray<{ id: WizardPlace; title: string; hint: string }> = [
  { id: 'start', title: 'New case', hint: 'Who is affected, and on which device' },
  ...DECLARED_STEPS.map(({ id, title, hint }) => ({ id, title, hint })),
];

/** The place after `place`, or undefined at the summary. */
export function nextPlace(place: WizardPlace): WizardPlace | undefined {
  const index = WIZARD_STEPS.findIndex((s) => s.id === place);
  return WIZARD_STEPS[index + 1]?.id;
}

/** The place before `place`, or undefined at the start. */
export function previousPlace(place: WizardPlace): WizardPlace | undefined {
  const index = WIZARD_STEPS.findIndex((s) => s.id === place);
  return index > 0 ? WIZARD_STEPS[index - 1]?.id : undefined;
}

/** Title of a place, for headings and announcements. */
export function placeTitle(place: WizardPlace): string {
  return WIZARD_STEPS.find((s) => s.id === place)?.title ?? place;
}

/**
 * The checks a step shows under its own heading. The summary step's checks repeat its findings
 * (one per finding) — the summary already lists those once, ranked, with evidence and next steps —
 * so only what could not be checked stays there.
 */
export function stepChecksToShow<C extends { id: string }>(place: WizardStepId, checks: readonly C[]): { heading: string; checks: C[] } {
  if (place !== 'summary') return { heading: 'What was checked', checks: [...checks] };
  return { heading: 'What could not be checked', checks: checks.filter((c) => !c.id.startsWith('finding-')) };
}
