import type { Finding, FindingSeverity } from '../../src-main/shared/models/finding';
import type { WizardStepId } from '../../src-main/shared/models/steps';
import { stepOfArea, type EvidenceArea } from '../../src-main/shared/models/evidence-areas';

const SEVERITY_ORDER: Record<FindingSeverity, number> = { blocker: 0, warning: 1, info: 2 };

/**
 * Findings in the order the operator should read them: by the analysis engine's rank when it
 * gave one, then by severity. A ranked finding always comes before an unranked one.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const ra = a.rank ?? Number.POSITIVE_INFINITY;
    const rb = b.rank ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra - rb;
    return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  });
}

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  blocker: 'Stops sync',
  warning: 'Warning',
  info: 'For information',
};

export const WHO_LABELS = {
  'tier1-in-app': 'You, in this app',
  tier1: 'You',
  user: 'The user',
  escalate: 'Escalate',
} as const;

/** The wizard step that shows an evidence reference's area of the case. */
export function evidenceStep(area: EvidenceArea): WizardStepId {
  return stepOfArea(area);
}
