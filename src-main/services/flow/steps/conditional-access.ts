import { collectGraphEvidence, type GraphEvidenceBundle } from '../../graph/graph-evidence';
import type { ConditionalAccessEvidence, Evidence, SignInEvidence, UserMemberships, WhatIfEvidence } from '../../../shared/models/graph';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { fromJudgement, type StepContext } from '../step-context';
import { buildDiagnosisInput } from '../diagnosis-input';
import { targetDevices } from '../../../domain/judges/case-facts';
import { judgeConditionalAccess } from '../../../domain/judges/conditional-access';
import { phoneConditions } from '../../../domain/judges/phone-sign-ins';

/**
 * Conditional Access: gathers the policies, the user's groups and roles, the sign-ins
 * (interactive and, where Graph beta allows, non-interactive) and a What-If evaluation for both
 * client-app types, asked with the phone's platform, IP address, country and compliance from its
 * own sign-ins. The domain judges it all (judgeConditionalAccess).
 */
export async function runConditionalAccessStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection, signal } = ctx;
  ctx.progress('Reading Conditional Access policies, sign-ins and the What-If result…', 0.2);
  const devices = targetDevices(buildDiagnosisInput(session, undefined));
  const bundle: GraphEvidenceBundle = await collectGraphEvidence(connection.graph, {
    userPrincipalName: session.doc.subject.userUpn,
    device: phoneConditions([], devices),
    conditionsFromSignIns: (evidence) => phoneConditions(evidence.signIns, devices),
    now: () => connection.clock.now(),
    signal,
  });
  const graph = { kind: 'graph' as const };
  const keep = <T>(name: string, source: string, evidence: Evidence<T>) =>
    session.capture<T>('conditional-access', name, { ...graph, source }, async () =>
      evidence.status === 'available' ? evidence.data : { unavailable: evidence.reason },
    );
  ctx.progress('Saving the evidence…', 0.8);
  await keep<ConditionalAccessEvidence>(EVIDENCE.conditionalAccess, 'identity/conditionalAccess/policies + namedLocations', bundle.conditionalAccess);
  await keep<UserMemberships>(EVIDENCE.memberships, 'users/{id}/transitiveMemberOf', bundle.memberships);
  await keep<SignInEvidence>(EVIDENCE.signIns, 'auditLogs/signIns', bundle.signIns);
  const available = bundle.whatIf.filter((w): w is Extract<Evidence<WhatIfEvidence>, { status: 'available' }> => w.status === 'available');
  await session.capture<WhatIfEvidence[]>('conditional-access', EVIDENCE.whatIf, { kind: 'what-if', source: 'identity/conditionalAccess/evaluate' }, async () =>
    available.length > 0 || bundle.whatIf.length === 0
      ? available.map((w) => w.data)
      : { unavailable: bundle.whatIf.find((w) => w.status === 'unavailable')?.reason ?? 'What-If was not run.' },
  );
  return fromJudgement(session, judgeConditionalAccess(buildDiagnosisInput(session, undefined)));
}
