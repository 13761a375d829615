import type { Diagnosis } from '../diagnosis/diagnose';
import { headline } from '../diagnosis/rank';
import { checkDraft, type CheckDraft, type StepJudgement } from './judgement';

const SEVERITY_OUTCOME = { blocker: 'problem', warning: 'warning', info: 'info' } as const;

/** The summary step: the ranked findings as its checks, what could not be checked, and the headline. */
export function judgeSummary(diagnosis: Diagnosis): StepJudgement {
  const checks: CheckDraft[] = diagnosis.findings.map((finding, index) =>
    checkDraft(`finding-${index + 1}`, finding.title, SEVERITY_OUTCOME[finding.severity], finding.explanation),
  );
  for (const missing of diagnosis.unchecked) {
    checks.push(checkDraft(`unchecked-${missing.evidence}`, `Not checked: ${missing.label}`, 'unavailable', missing.reason));
  }
  const top = diagnosis.findings[0];
  return {
    outcome: top?.severity === 'blocker' ? 'problem' : top?.severity === 'warning' ? 'warning' : 'ok',
    // Only a confirmed cause is "Most likely cause"; headline() words the rest.
    summary: headline(diagnosis.findings).text,
    checks,
    findings: [],
  };
}
