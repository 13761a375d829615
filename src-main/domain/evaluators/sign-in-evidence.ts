import type { FindingDraft } from '../diagnosis/catalog';
import { list } from './evidence';
import type { SignInInput } from './graph-inputs';
import { EXCHANGE_ONLINE_APP_ID } from './conditional-access';

/** Common Entra sign-in error codes in EAS triage (eas-reference.md §6.3; the list is marked unverified there). */
export const SIGN_IN_ERRORS: Readonly<Record<number, string>> = {
  53003: 'blocked by Conditional Access',
  53000: 'device not compliant',
  53001: 'domain-joined device required',
  53002: 'approved app required',
  50126: 'wrong username or password',
  50053: 'account locked (smart lockout)',
  50057: 'account disabled',
  50055: 'password expired',
  50076: 'MFA required',
  50079: 'MFA registration required',
  50158: 'external security challenge not met',
};

/** Sign-ins that are the phone's mail app reaching Exchange (either client-app reading of EAS). */
export function isEasSignIn(signIn: SignInInput): boolean {
  const app = (signIn.clientAppUsed ?? '').toLowerCase();
  if (app === 'exchange activesync') return true;
  return app === 'mobile apps and desktop clients' && signIn.resourceId === EXCHANGE_ONLINE_APP_ID;
}

/**
 * Reads the sign-in log: failed sign-ins (SIGNIN_FAILURES), a CA failure behind a sign-in that
 * reads "success" (facts.md F10: the CA result, not the sign-in status, decides), report-only
 * failures, and password sign-ins by a legacy EAS client (BASIC_AUTH_CLIENT).
 */
export function evaluateSignIns(signIns: readonly SignInInput[]): FindingDraft[] {
  const eas = signIns.filter(isEasSignIn);
  const drafts: FindingDraft[] = [];
  const failed = eas.filter((s) => (s.status?.errorCode ?? 0) !== 0);
  if (failed.length > 0) {
    const counts = new Map<number, number>();
    for (const s of failed) counts.set(s.status?.errorCode as number, (counts.get(s.status?.errorCode as number) ?? 0) + 1);
    const summary = [...counts].map(([code, n]) => `${n} × ${code}${SIGN_IN_ERRORS[code] ? ` (${SIGN_IN_ERRORS[code]})` : ''}`).join(', ');
    drafts.push({
      code: 'SIGNIN_FAILURES',
      detail: `${failed.length} of ${eas.length} mail-app sign-in(s) failed: ${summary}. Most recent: ${failed[0]?.createdDateTime ?? 'unknown time'}.`,
      evidence: failed.slice(0, 5).map((s) => ({ step: 'sign-ins', object: `sign-in ${s.id ?? ''}`.trim(), detail: `${s.createdDateTime ?? ''} error ${s.status?.errorCode}: ${s.status?.failureReason ?? ''}`.trim() })),
      confidence: 'high',
    });
  }
  const caFailures = eas.filter((s) => s.conditionalAccessStatus === 'failure' || list(s.appliedConditionalAccessPolicies).some((p) => p.result === 'failure'));
  if (caFailures.length > 0) {
    const names = policyNames(caFailures, 'failure');
    const hidden = caFailures.filter((s) => (s.status?.errorCode ?? 0) === 0).length;
    drafts.push({
      code: 'CA_BLOCKS_EAS',
      detail: `${caFailures.length} mail-app sign-in(s) failed Conditional Access${names ? ` (policy ${names})` : ''}${hidden > 0 ? `; ${hidden} of them read "success" as a sign-in, which is how a CA block on ActiveSync shows` : ''}.`,
      evidence: caFailures.slice(0, 5).map((s) => ({ step: 'sign-ins', object: `sign-in ${s.id ?? ''}`.trim(), detail: `${s.createdDateTime ?? ''} conditionalAccessStatus = ${s.conditionalAccessStatus ?? 'unknown'}`.trim() })),
      confidence: 'high',
    });
  }
  const reportOnly = eas.filter((s) => list(s.appliedConditionalAccessPolicies).some((p) => p.result === 'reportOnlyFailure'));
  if (reportOnly.length > 0) {
    drafts.push({
      code: 'CA_REPORT_ONLY_WOULD_BLOCK',
      detail: `Report-only policy ${policyNames(reportOnly, 'reportOnlyFailure')} would have blocked ${reportOnly.length} mail-app sign-in(s).`,
      evidence: reportOnly.slice(0, 5).map((s) => ({ step: 'sign-ins', object: `sign-in ${s.id ?? ''}`.trim(), detail: 'result = reportOnlyFailure' })),
      confidence: 'high',
    });
  }
  // A password check against Entra from an EAS client means the app sent the password itself
  // (Basic). Modern clients sign in on Microsoft's page, where such failures are interactive and
  // classed as mobile apps. The reading is indirect, hence medium confidence.
  const basic = eas.filter((s) => s.clientAppUsed === 'Exchange ActiveSync' && s.status?.errorCode === 50126);
  if (basic.length > 0) {
    drafts.push({
      code: 'BASIC_AUTH_CLIENT',
      detail: `${basic.length} sign-in(s) from an "Exchange ActiveSync" client failed with a password error (50126), which is how a mail app that still sends the password directly shows up.`,
      evidence: basic.slice(0, 5).map((s) => ({ step: 'sign-ins', object: `sign-in ${s.id ?? ''}`.trim(), detail: 'clientAppUsed = Exchange ActiveSync, error 50126' })),
      confidence: 'medium',
    });
  }
  return drafts;
}

function policyNames(signIns: readonly SignInInput[], result: string): string {
  const names = new Set<string>();
  for (const s of signIns) for (const p of list(s.appliedConditionalAccessPolicies)) if (p.result === result && p.displayName) names.add(`"${p.displayName}"`);
  return [...names].join(', ');
}
