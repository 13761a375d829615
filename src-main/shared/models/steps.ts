import { z } from 'zod';

/**
 * The wizard's steps, declared once. The flow engine schedules from this table, the renderer and
 * the report take titles and hints from it, and the CLI prints it; nothing else lists the steps.
 *
 * `phase` says how the engine runs a step: one after another, or in the `checks` group whose
 * steps run in parallel once the mailbox is known. `skip` names the rule under which the engine
 * skips a step instead of running it, with the words it shows the operator.
 */
export interface StepDeclaration {
  readonly id: string;
  readonly title: string;
  readonly hint: string;
  readonly phase: 'sequence' | 'checks';
  /** Needs a tenant connection: a case started from files marks it "not run". */
  readonly tenant: boolean;
  readonly skip?: { readonly when: SkipRule; readonly reason: string };
  /** When this step fails, the later steps have nothing to check (no tenant, no mailbox). */
  readonly stopsFlowOnFailure?: true;
}

/** The conditions under which a step is skipped; each is decided in one place in the engine. */
export type SkipRule = 'debug-logging-off';

export const WIZARD_STEPS = [
  { id: 'connect', tenant: true, title: 'Connect', hint: 'Sign in and check your permissions', phase: 'sequence', stopsFlowOnFailure: true },
  { id: 'mailbox', tenant: true, title: 'Mailbox and devices', hint: 'ActiveSync access and device state', phase: 'sequence', stopsFlowOnFailure: true },
  { id: 'client-access-rules', tenant: true, title: 'Client Access Rules', hint: 'Retired in Exchange Online', phase: 'checks' },
  { id: 'conditional-access', tenant: true, title: 'Conditional Access', hint: 'Policies and sign-in evidence', phase: 'checks' },
  { id: 'authentication', tenant: true, title: 'Authentication', hint: 'Modern authentication', phase: 'checks' },
  { id: 'debug-logging', tenant: true, title: 'Debug logging', hint: 'Capture the device conversation', phase: 'sequence' },
  {
    id: 'logs',
    tenant: false,
    title: 'Fetch and analyse logs',
    hint: 'What the device and Exchange said',
    phase: 'sequence',
    skip: {
      when: 'debug-logging-off',
      reason: 'Debug logging is off, so Exchange has no log to fetch. Turn it on, ask the user to reproduce the problem, then run this step.',
    },
  },
  { id: 'summary', tenant: false, title: 'Summary', hint: 'Root cause and next steps', phase: 'sequence' },
] as const satisfies readonly StepDeclaration[];

export type WizardStepId = (typeof WIZARD_STEPS)[number]['id'];
export const STEP_IDS = WIZARD_STEPS.map((s) => s.id) as [WizardStepId, ...WizardStepId[]];
export const wizardStepIdSchema = z.enum(STEP_IDS);

export function stepDeclaration(id: WizardStepId): StepDeclaration {
  return WIZARD_STEPS.find((s) => s.id === id)!;
}

export function stepTitle(id: WizardStepId): string {
  return stepDeclaration(id).title;
}

/** Position in the wizard, for sorting saved steps. */
export function stepIndex(id: WizardStepId): number {
  return STEP_IDS.indexOf(id);
}

/** A saved step id from a case file or bundle, which may come from another version of the app. */
export function isWizardStepId(value: string): value is WizardStepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

/** Exhaustiveness for switches over the tagged unions here: a new member fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
