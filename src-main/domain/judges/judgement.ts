import type { FindingDraft } from '../diagnosis/catalog';
import type { Outcome } from '../../shared/models/wizard';

/**
 * One check as the operator reads it on a step. The label states the result ("New phones are
 * quarantined by default"), never the hoped-for state next to a contrary outcome. `evidence`
 * names the raw evidence it read (names from shared/models/evidence-names); the flow turns them
 * into links to the captures.
 */
export interface CheckDraft {
  id: string;
  label: string;
  outcome: Outcome;
  detail: string;
  evidence: readonly string[];
}

/**
 * What the domain concludes from one reading of a step's evidence: the checks shown on the step
 * and the finding drafts the diagnosis ranks. Both come from the same function, so the step and
 * the summary can never disagree.
 */
export interface StepJudgement {
  outcome: Outcome;
  summary: string;
  checks: CheckDraft[];
  findings: FindingDraft[];
  /**
   * Set when the evidence shows there is nothing further to troubleshoot (no such user, no
   * Exchange Online mailbox, a mailbox that is not a person's): the flow skips the later steps
   * with `message` as the reason and goes straight to the summary, instead of checking policies
   * and logs as if the mailbox were fine.
   */
  stop?: FlowStop;
}

/**
 * Why the flow stops. `not-found` is bad input (the address matches no user: a typo), which the
 * CLI reports as such (exit 2); `nothing-to-troubleshoot` is a finding about a real account.
 */
export interface FlowStop {
  kind: 'not-found' | 'nothing-to-troubleshoot';
  message: string;
}

const OUTCOME_ORDER: readonly Outcome[] = ['problem', 'unavailable', 'warning', 'info', 'ok'];

/** The worst outcome of a set of checks colours the step. */
export function worstOutcome(checks: readonly Pick<CheckDraft, 'outcome'>[]): Outcome {
  for (const outcome of OUTCOME_ORDER) if (checks.some((c) => c.outcome === outcome)) return outcome;
  return 'info';
}

export function checkDraft(id: string, label: string, outcome: Outcome, detail: string, evidence: readonly string[] = []): CheckDraft {
  return { id, label, outcome, detail, evidence };
}

/** A check whose evidence could not be read: it says so, and never passes. */
export function unreadableCheck(id: string, label: string, evidenceName: string, reason: string): CheckDraft {
  return checkDraft(id, label, 'unavailable', `Could not be checked: ${reason}`, [evidenceName]);
}
