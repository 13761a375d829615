import type { Certainty, Finding } from '../../shared/models/finding';
import { catalogEntry, certaintyOf, FINDING_CODES, type CatalogEntry, type FindingCode } from './catalog';

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;
const CONFIDENCE_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * How strong a finding's claim to be the cause is, strongest first:
 *   0 confirmed blocker, 1 inferred blocker, 2 confirmed warning, 3 inferred warning,
 *   4 a blocker or warning the wizard cannot confirm ("cannot tell"), 5 information, 6 history
 *   (a problem that ended before the end of the evidence: the phone's story, not its present).
 * Evidence strength decides before the catalog's order, so a "maybe" never outranks a known
 * problem; severity still keeps a known blocker above a known warning, and context (info, such
 * as "debug logging is on" or "the phone syncs normally") below every problem.
 */
export function evidenceTier(finding: Pick<Finding, 'severity' | 'confidence'> & { certainty?: Certainty; history?: boolean }): number {
  if (finding.history === true) return 6;
  if (finding.severity === 'info') return 5;
  const certainty = certaintyOf(finding);
  if (certainty === 'unconfirmed') return 4;
  return (finding.severity === 'blocker' ? 0 : 2) + (certainty === 'confirmed' ? 0 : 1);
}

/**
 * Among notes, "the phone syncs normally" is the answer to how the phone stands, so it leads them:
 * a problem the evidence showed not to stop the phone (turned into a note) comes after it.
 */
function answerFirst(finding: Pick<Finding, 'code'>): number {
  return finding.code === 'HEALTHY_SYNC' ? 0 : 1;
}

/** The total order before causality: tier, severity, catalog priority, confidence, then code and device for determinism. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    evidenceTier(a) - evidenceTier(b) ||
    answerFirst(a) - answerFirst(b) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    priorityOf(a.code) - priorityOf(b.code) ||
    CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
    a.code.localeCompare(b.code) ||
    (a.deviceId ?? '').localeCompare(b.deviceId ?? '') ||
    a.title.localeCompare(b.title)
  );
}

/**
 * Whether `cause` explains `symptom` in this case: the catalog or the cause names the symptom's
 * code (or the symptom names the cause's, `explainedBy`), the two concern the same phone (or either concerns none), and the cause is a
 * problem itself (a block that has ended explains nothing now).
 */
export function explains(cause: Finding, symptom: Finding): boolean {
  if (cause === symptom || cause.severity === 'info' || cause.history === true) return false;
  const named = [...(entryOf(cause.code)?.explains ?? []), ...(cause.explains ?? [])].includes(symptom.code) || (symptom.explainedBy ?? []).includes(cause.code);
  if (!named) return false;
  return cause.deviceId === undefined || symptom.deviceId === undefined || cause.deviceId.toLowerCase() === symptom.deviceId.toLowerCase();
}

/**
 * Orders findings most-likely-root-cause first and assigns rank 1…n: by evidence strength
 * (`evidenceTier`), then severity, catalog priority and confidence; and a cause always ranks
 * above the findings it explains (a provisioning loop below the policy the phone cannot meet,
 * "no requests reached the mailbox" below whatever stopped them). Causality is applied as a
 * stable topological order: among the findings whose causes are already placed, the best by the
 * order above comes next. A cycle (two findings naming each other) is broken by that same order.
 */
export function rankFindings(findings: Finding[]): Finding[] {
  const pending = [...findings].sort(compareFindings);
  const placed: Finding[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((f) => !pending.some((other) => other !== f && explains(other, f) && !explainsBack(f, other)));
    const index = ready === -1 ? 0 : ready;
    placed.push(pending[index]!);
    pending.splice(index, 1);
  }
  return placed.map((f, i) => {
    // The first cause placed above it is the one to fix; a finding found earlier than its cause keeps none.
    const cause = placed.slice(0, i).find((c) => explains(c, f) && !explainsBack(f, c));
    const { followsFrom: _stale, ...rest } = f;
    return { ...rest, rank: i + 1, ...(cause !== undefined ? { followsFrom: cause.code } : {}) };
  });
}

/** Two findings that explain each other are a cycle: neither waits for the other. */
function explainsBack(a: Finding, b: Finding): boolean {
  return explains(a, b);
}

export interface Headline {
  /** The summary's first sentence. */
  text: string;
  /** True only when the top finding is a problem confirmed by Exchange's or Entra's own state. */
  confirmed: boolean;
}

const SETTLE_BY_CERTAINTY: Record<Exclude<Certainty, 'confirmed'>, string> = {
  inferred: "Exchange's own state for the phone, or a fresh mailbox log after the user tries again, would confirm it",
  unconfirmed: 'running the checks that could not run would settle it',
};

/**
 * The headline over ranked findings. "Most likely cause" is said only of a confirmed cause;
 * anything weaker is "Possible cause, not confirmed", with the evidence that would settle it.
 */
export function headline(findings: readonly Finding[]): Headline {
  const top = findings[0];
  if (top === undefined) return { text: 'The analysis found nothing to report.', confirmed: false };
  if (top.severity === 'info') {
    // Not an all-clear when something was not looked at: the note that says what comes with it.
    const unchecked = findings.some((f) => f.code === 'EVIDENCE_UNAVAILABLE');
    return { text: `No blocking cause found${unchecked ? ', though some checks could not be run' : ''}. Top note: ${top.title}.`, confirmed: false };
  }
  const certainty = certaintyOf(top);
  if (certainty === 'confirmed') return { text: `Most likely cause: ${top.title}.`, confirmed: true };
  const settle = entryOf(top.code)?.confirmWith ?? SETTLE_BY_CERTAINTY[certainty];
  return { text: `Possible cause, not confirmed: ${top.title} — ${settle}.`, confirmed: false };
}

function entryOf(code: string): CatalogEntry | undefined {
  return (FINDING_CODES as readonly string[]).includes(code) ? catalogEntry(code as FindingCode) : undefined;
}

/** Codes from another version of the app (an imported case) sort after every known one. */
function priorityOf(code: string): number {
  return entryOf(code)?.priority ?? 101;
}
