import { collectGraphEvidence, type GraphEvidenceBundle } from '../../graph/graph-evidence';
import type { ConditionalAccessEvidence, Evidence, SignInEvidence, UserMemberships, WhatIfEvidence } from '../../../shared/models/graph';
import type { CheckView } from '../../../shared/models/wizard';
import type { Captured, StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, unavailableCheck, worstOutcome, type StepContext } from '../step-context';
import { deviceViews } from './mailbox';

/**
 * Conditional Access: the policies, a What-If evaluation for an ActiveSync sign-in to Exchange
 * Online (for both client-app readings, since sources disagree which one OAuth mail apps fall
 * under), and the user's recent sign-ins with their per-policy results.
 */
export async function runConditionalAccessStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection, signal } = ctx;
  ctx.progress('Reading Conditional Access policies, sign-ins and the What-If result…', 0.2);
  const platform = platformOf(session);
  const bundle: GraphEvidenceBundle = await collectGraphEvidence(connection.graph, {
    userPrincipalName: session.doc.subject.userUpn,
    ...(platform ? { device: { devicePlatform: platform } } : {}),
    now: () => connection.clock.now(),
    signal,
  });
  const graph = { kind: 'graph' as const };
  const keep = <T>(name: string, source: string, evidence: Evidence<T>) =>
    session.capture<T>('conditional-access', name, { ...graph, source }, async () =>
      evidence.status === 'available' ? evidence.data : { unavailable: evidence.reason },
    );
  ctx.progress('Saving the evidence…', 0.8);
  const policies = await keep<ConditionalAccessEvidence>(EVIDENCE.conditionalAccess, 'identity/conditionalAccess/policies + namedLocations', bundle.conditionalAccess);
  const memberships = await keep<UserMemberships>(EVIDENCE.memberships, 'users/{id}/transitiveMemberOf', bundle.memberships);
  const signIns = await keep<SignInEvidence>(EVIDENCE.signIns, 'auditLogs/signIns', bundle.signIns);
  const available = bundle.whatIf.filter((w): w is Extract<Evidence<WhatIfEvidence>, { status: 'available' }> => w.status === 'available');
  const whatIf = await session.capture<WhatIfEvidence[]>('conditional-access', EVIDENCE.whatIf, { kind: 'what-if', source: 'identity/conditionalAccess/evaluate' }, async () =>
    available.length > 0 || bundle.whatIf.length === 0
      ? available.map((w) => w.data)
      : { unavailable: bundle.whatIf.find((w) => w.status === 'unavailable')?.reason ?? 'What-If was not run.' },
  );

  const checks: CheckView[] = [];
  checks.push(policyCheck(policies));
  checks.push(whatIfCheck(whatIf));
  checks.push(signInCheck(signIns));
  if (!memberships.available) checks.push(unavailableCheck('memberships', 'The user’s groups and roles are known', memberships));

  const outcome = worstOutcome(checks);
  const summary =
    outcome === 'problem'
      ? 'Conditional Access stops this phone; see which policy below.'
      : outcome === 'unavailable'
        ? 'Part of the Conditional Access evidence could not be read; the checks below say what and why.'
        : 'No Conditional Access policy blocks ActiveSync for this user.';
  return { outcome, summary, checks };
}

function policyCheck(policies: Captured<ConditionalAccessEvidence>): CheckView {
  const label = 'Conditional Access policies were read';
  if (!policies.available) return unavailableCheck('policies', label, policies);
  const enabled = policies.data.policies.filter((p) => p.state === 'enabled').length;
  const reportOnly = policies.data.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').length;
  return check('policies', label, 'info', `${enabled} enabled and ${reportOnly} report-only policies, ${policies.data.namedLocations.length} named locations.`, [policies]);
}

function whatIfCheck(whatIf: Captured<WhatIfEvidence[]>): CheckView {
  const label = 'What-If: no policy blocks an ActiveSync sign-in to Exchange Online';
  if (!whatIf.available) return unavailableCheck('what-if', label, whatIf);
  const blocking = new Set<string>();
  const demanding = new Set<string>();
  const reportOnly = new Set<string>();
  for (const run of whatIf.data) {
    for (const result of run.results) {
      const controls = result.grantControls?.builtInControls ?? [];
      if (!result.policyApplies || controls.length === 0) continue;
      if (result.state === 'enabledForReportingButNotEnforced') reportOnly.add(result.displayName);
      else if (controls.includes('block')) blocking.add(result.displayName);
      else demanding.add(`${result.displayName} (requires ${controls.join(' or ')})`);
    }
  }
  if (blocking.size > 0) {
    return check('what-if', label, 'problem', `Blocked by: ${[...blocking].join(', ')}.`, [whatIf]);
  }
  if (demanding.size > 0) {
    // Whether the phone can meet the control (a compliant device, say) is the analysis' call.
    return check('what-if', label, 'warning', `Applies with conditions: ${[...demanding].join('; ')}. The summary says whether the phone can meet them.`, [whatIf]);
  }
  if (reportOnly.size > 0) {
    return check('what-if', label, 'warning', `Only report-only policies would apply (${[...reportOnly].join(', ')}); they log but do not block.`, [whatIf]);
  }
  const versions = [...new Set(whatIf.data.map((run) => run.apiVersion))].join(', ');
  return check('what-if', label, 'ok', `No enforced policy with grant controls applies (Graph ${versions} answered).`, [whatIf]);
}

function signInCheck(signIns: Captured<SignInEvidence>): CheckView {
  const label = 'Recent ActiveSync sign-ins succeeded';
  if (!signIns.available) return unavailableCheck('sign-ins', label, signIns);
  const list = signIns.data.signIns;
  if (list.length === 0) return check('sign-ins', label, 'info', 'No ActiveSync sign-in in the last 7 days.', [signIns]);
  const failed = list.filter((s) => (s.status?.errorCode ?? 0) !== 0 || s.conditionalAccessStatus === 'failure');
  if (failed.length === 0) return check('sign-ins', label, 'ok', `${list.length} sign-in(s), none failed.`, [signIns]);
  const latest = failed[0]!;
  const reason = latest.status?.failureReason ?? (latest.conditionalAccessStatus === 'failure' ? 'Conditional Access failed' : 'failed');
  return check('sign-ins', label, 'problem', `${failed.length} of ${list.length} sign-in(s) failed; latest: ${reason} (error ${latest.status?.errorCode ?? 'n/a'}).`, [signIns]);
}

/** Graph's platform name for the phone the operator picked, for a more precise What-If. */
function platformOf(session: Parameters<typeof deviceViews>[0]): string | undefined {
  const devices = deviceViews(session);
  const device = devices.find((d) => d.deviceId === session.selectedDeviceId) ?? devices[0];
  const hint = `${device?.deviceType ?? ''} ${device?.deviceModel ?? ''} ${device?.userAgent ?? ''}`.toLowerCase();
  if (/iphone|ipad|ios|apple/.test(hint)) return 'iOS';
  if (/android|samsung|pixel|galaxy/.test(hint)) return 'android';
  if (/windows/.test(hint)) return 'windows';
  return undefined;
}
