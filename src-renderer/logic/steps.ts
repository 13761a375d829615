import type { WizardStepId } from '../../src-main/shared/models/wizard';

/** A place in the wizard: the start screen or one of the main process's steps. */
export type WizardPlace = 'start' | WizardStepId;

/** The wizard's steps in order, as the operator sees them in the side list. */
export const WIZARD_STEPS: ReadonlyArray<{ id: WizardPlace; title: string; hint: string }> = [
  { id: 'start', title: 'New case', hint: 'Who is affected, and on which device' },
  { id: 'connect', title: 'Connect', hint: 'Sign in and check your permissions' },
  { id: 'mailbox', title: 'Mailbox and devices', hint: 'ActiveSync access and device state' },
  { id: 'client-access-rules', title: 'Client Access Rules', hint: 'Retired in Exchange Online' },
  { id: 'conditional-access', title: 'Conditional Access', hint: 'Policies and sign-in evidence' },
  { id: 'authentication', title: 'Authentication', hint: 'Modern authentication' },
  { id: 'debug-logging', title: 'Debug logging', hint: 'Capture the device conversation' },
  { id: 'logs', title: 'Fetch and analyse logs', hint: 'What the device and Exchange said' },
  { id: 'summary', title: 'Summary', hint: 'Root cause and next steps' },
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
