import { diagnose } from '../../../domain/diagnosis/diagnose';
import { judgeSummary } from '../../../domain/judges/summary';
import { openFindings } from '../../../domain/device-access/action-closure';
import type { Finding } from '../../../shared/models/finding';
import type { CaseSession, StepResult } from '../case-session';
import { buildDiagnosisInput } from '../diagnosis-input';
import { fromJudgement } from '../step-context';

/** Summary: every piece of evidence through the analysis engine, ranked, into the case. */
export async function runSummaryStep(session: CaseSession, debugLoggingEnabledAt: string | undefined): Promise<StepResult> {
  const diagnosed = diagnose(buildDiagnosisInput(session, debugLoggingEnabledAt));
  // What an action fixed sits in the Resolved group, not in the ranked list: the headline moves on.
  const diagnosis = { ...diagnosed, findings: openFindings(diagnosed.findings, session.doc.closures ?? []) };
  await session.mutate((doc) => ({ ...doc, findings: diagnosis.findings }));
  return fromJudgement(session, judgeSummary(diagnosis));
}

/** A ready-to-paste note for tier 2, with the facts a second-line engineer asks for first. */
export function escalationNote(session: CaseSession, findings: readonly Finding[]): string {
  const { subject, id, connection } = session.doc;
  const lines = [
    `ActiveSync case ${id}${subject.ticketRef ? ` (ticket ${subject.ticketRef})` : ''}`,
    `User: ${subject.userUpn}${session.selectedDeviceId ? `, device ${session.selectedDeviceId}` : ''}`,
    `Tenant: ${connection.kind === 'demo' ? `demo scenario ${connection.scenario}` : connection.kind === 'offline' ? 'none (case started from files)' : connection.tenant}`,
    `Symptom: ${subject.symptom || 'not given'}`,
    '',
    'Findings, most likely cause first:',
    ...findings.slice(0, 5).map((f, i) => `${i + 1}. [${f.severity}] ${f.code}: ${f.title}`),
  ];
  const escalations = findings.flatMap((f) => f.nextSteps.filter((s) => s.who === 'escalate'));
  if (escalations.length > 0) lines.push('', 'Needs:', ...escalations.map((s) => `- ${s.escalateTo ? `${s.escalateTo}: ` : ''}${s.text}`));
  lines.push('', 'The case bundle with the raw evidence can be exported from the app.');
  return lines.join('\n');
}
