import type { SignInCoverage } from '../diagnosis/diagnose';
import type { FindingDraft } from '../diagnosis/catalog';
import type { EvidenceRef } from '../../shared/models/finding';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { list } from '../evaluators/evidence';
import type { SignInInput } from '../evaluators/graph-inputs';
import { checkDraft, type CheckDraft } from './judgement';
import {
  COMPLIANCE_CODES,
  describeCodes,
  describeSignInApp,
  ENROLLMENT_CODES,
  errorCodeOf,
  HYBRID_JOIN_CODES,
  INTERRUPT_CODES,
  MFA_CODES,
  isFailure,
  SIGN_IN_AGAIN_CODES,
  type PhoneSignIns,
} from './phone-sign-ins';

/**
 * The longest an access token from Entra lives by default (60 to 90 minutes). A phone that synced
 * later than that after a refused sign-in was given a new one since; one that synced sooner may
 * still have run on the token it had before the refusal.
 */
export const TOKEN_LIFETIME_MS = 90 * 60_000;

const caFailed = (s: SignInInput): boolean =>
  s.conditionalAccessStatus === 'failure' || list(s.appliedConditionalAccessPolicies).some((p) => p.result === 'failure');
export const failedOrBlocked = (s: SignInInput): boolean => isFailure(s) || caFailed(s);

/** Sign-in errors that are Conditional Access refusals: block, approved app, and the device grants a phone did not meet. */
const CA_REFUSAL_CODES: ReadonlySet<number> = new Set([53003, 53002, ...COMPLIANCE_CODES, ...ENROLLMENT_CODES, ...HYBRID_JOIN_CODES]);
/** Conditional Access refused this sign-in: its result says so, or its error is one of the refusals. */
export const refusedByConditionalAccess = (s: SignInInput): boolean => caFailed(s) || CA_REFUSAL_CODES.has(errorCodeOf(s));

function ref(s: SignInInput, detail: string): EvidenceRef {
  return { step: 'sign-ins', object: `sign-in ${s.id ?? ''}`.trim(), detail: `${s.createdDateTime ?? ''} ${describeSignInApp(s)}: ${detail}`.trim() };
}

function policyNames(signIns: readonly SignInInput[], result: string): string {
  const names = new Set<string>();
  for (const s of signIns) for (const p of list(s.appliedConditionalAccessPolicies)) if (p.result === result && p.displayName) names.add(`"${p.displayName}"`);
  return [...names].join(', ');
}

/** What was read of the sign-in log, in words, so "none found" is never mistaken for "none failed". */
export function coverageText(coverage: SignInCoverage | undefined): string {
  const since = coverage?.since ? ` since ${coverage.since}` : '';
  const ni = coverage?.nonInteractive;
  if (ni === undefined) return `Interactive sign-ins${since} were read; non-interactive sign-ins (token refreshes, where mail apps usually fail) were not.`;
  if (ni.read) return `Interactive and non-interactive sign-ins${since} were read (non-interactive ones come from Graph beta; that query is not yet verified on a real tenant).`;
  return `Interactive sign-ins${since} were read; non-interactive sign-ins (token refreshes, where mail apps usually fail) could not be read: ${ni.reason}`;
}

/**
 * Reads the phone's own sign-ins (facts F33, F34): what fails now (after the newest success, and
 * after the phone's last successful sync: a phone that synced after a failure signed in again,
 * perhaps in a token refresh the log read does not hold),
 * routed to the finding that explains it: sign in again on the phone (50173/50133/700082),
 * Intune compliance or enrollment (53000/530003), a policy no phone can meet (53001), a
 * Conditional Access block (the CA result, not the sign-in status, decides: F10), or other
 * failures. MFA/KMSI interrupts are normal steps. Other apps' sign-ins are named, not judged.
 */
export function judgePhoneSignIns(split: PhoneSignIns, coverage: SignInCoverage | undefined, deviceId: string | undefined, syncedAt?: number): { checks: CheckDraft[]; findings: FindingDraft[] } {
  const checks: CheckDraft[] = [];
  const findings: FindingDraft[] = [];
  const ev = [EVIDENCE.signIns];
  const { phone, others } = split;
  const read = coverageText(coverage);

  if (phone.length === 0) {
    checks.push(checkDraft('sign-ins', "No sign-in from this phone's mail app was found", 'info', `${read} None of them came from this phone's mail app (matched by app and device OS). That is not evidence that sign-in works: a phone set up with a password never reaches Entra at all.`, ev));
  } else {
    // Newest first: everything before the newest success, or well before the phone's last sync, is
    // now. A sync soon after a refusal may still run on the sign-in the phone had before it.
    const before = (s: SignInInput) => syncedAt !== undefined && s.createdDateTime != null && Date.parse(s.createdDateTime) + TOKEN_LIFETIME_MS <= syncedAt;
    // An interrupt is a step of a sign-in, not its outcome: neither a failure nor a success.
    const succeeded = (s: SignInInput) => !failedOrBlocked(s) && !INTERRUPT_CODES.has(errorCodeOf(s));
    const newestSuccess = phone.findIndex((s) => succeeded(s) || before(s));
    const sinceSuccess = newestSuccess === -1 ? phone : phone.slice(0, newestSuccess);
    const current = sinceSuccess.filter(failedOrBlocked);
    const earlier = phone.slice(newestSuccess === -1 ? phone.length : newestSuccess).filter(failedOrBlocked);
    // MFA asked of a background refresh, with no success since: nobody could answer it.
    const unanswered = sinceSuccess.filter((s) => MFA_CODES.has(errorCodeOf(s)) && s.isInteractive === false);
    const interrupts = phone.filter((s) => INTERRUPT_CODES.has(errorCodeOf(s)) && !unanswered.includes(s));
    const interruptNote = interrupts.length > 0 ? ` ${interrupts.length} MFA or "stay signed in" prompt(s) (${describeCodes(interrupts)}) are normal steps of a sign-in, not failures.` : '';
    if (unanswered.length > 0) {
      const words = `Since its last successful sign-in, Entra asked the phone's background sign-in for MFA ${unanswered.length} time(s) (${describeCodes(unanswered)}; newest at ${unanswered[0]?.createdDateTime ?? 'an unknown time'}), and none succeeded after: the mail app cannot answer MFA in the background, so it cannot renew its sign-in until the user signs in again on the phone.`;
      checks.push(checkDraft('sign-ins-mfa', 'The phone must answer MFA, which it cannot do in the background', 'problem', `${words} ${read}`, ev));
      findings.push({
        code: 'PHONE_MUST_SIGN_IN_AGAIN',
        detail: words,
        evidence: unanswered.slice(0, 5).map((s) => ref(s, `error ${errorCodeOf(s)} (non-interactive)`)),
        confidence: 'medium',
        certainty: 'inferred',
        ...(deviceId === undefined ? {} : { deviceId }),
      });
    }
    if (current.length === 0 && unanswered.length === 0) {
      const synced = syncedAt === undefined ? '' : new Date(syncedAt).toISOString();
      const syncedSince = phone[0] !== undefined && failedOrBlocked(phone[0]);
      const earlierNote = earlier.length === 0 ? '' : syncedSince
        ? ` ${earlier.length} failure(s) (${describeCodes(earlier)}) came before the phone's last successful sync at ${synced}: it signed in again after them (the refresh that did may be one the sign-in log read does not hold), so they do not stop it now. If the phone stops again, look here first.`
        : ` ${earlier.length} earlier failure(s) (${describeCodes(earlier)}) were followed by a successful sign-in.`;
      const title = syncedSince
        ? `The phone synced after its newest failed sign-in (${phone.length} sign-in(s) read)`
        : phone[0] !== undefined && succeeded(phone[0])
          ? `The phone's newest sign-in succeeded (${phone.length} sign-in(s) read)`
          : `No failed sign-in from the phone; the newest are prompts of a sign-in (${phone.length} sign-in(s) read)`;
      checks.push(checkDraft('sign-ins', title, 'ok', `${read}${earlierNote}${interruptNote}`, ev));
    } else if (current.length > 0) {
      const oldest = current.at(-1)?.createdDateTime;
      const stillSyncing = syncedAt !== undefined && oldest != null && Date.parse(oldest) < syncedAt
        ? ` The phone still synced at ${new Date(syncedAt).toISOString()}, after the first of these, most likely on the sign-in it already had; it stops when that runs out (about ${TOKEN_LIFETIME_MS / 60_000} minutes after it was given) unless it can sign in again.`
        : '';
      checks.push(checkDraft('sign-ins', `${current.length} of the phone's sign-ins since its last success failed`, 'problem', `${describeCodes(current)}; newest at ${current[0]?.createdDateTime ?? 'an unknown time'} (${current[0]?.status?.failureReason ?? 'no reason given'}).${stillSyncing}${interruptNote} ${read}`, ev));
      findings.push(...routeFailures(current, deviceId).map((d) => (stillSyncing === '' ? d : { ...d, detail: `${d.detail}${stillSyncing}` })));
    }
    const reportOnly = phone.filter((s) => list(s.appliedConditionalAccessPolicies).some((p) => p.result === 'reportOnlyFailure'));
    if (reportOnly.length > 0) {
      findings.push({
        code: 'CA_REPORT_ONLY_WOULD_BLOCK',
        detail: `Report-only policy ${policyNames(reportOnly, 'reportOnlyFailure')} would have blocked ${reportOnly.length} of the phone's sign-in(s).`,
        evidence: reportOnly.slice(0, 5).map((s) => ref(s, 'result = reportOnlyFailure')),
        confidence: 'high',
      });
    }
    if (split.unverifiedApp > 0) {
      checks.push(checkDraft('sign-in-apps', `${split.unverifiedApp} sign-in(s) were taken as the phone's by device OS alone`, 'info', "Their app id is not one Microsoft documents for a phone's mail app (Samsung Email and Gmail ids are not published); they were counted because the device OS matches the phone.", ev));
    }
  }
  const otherFailures = others.filter(failedOrBlocked);
  if (otherFailures.length > 0) {
    const apps = [...new Set(otherFailures.map(describeSignInApp))].join('; ');
    checks.push(checkDraft('other-sign-ins', `${otherFailures.length} failed sign-in(s) from other apps are not this phone's`, 'info', `${apps}: ${describeCodes(otherFailures)}. They do not explain the phone's mail; mention them if the user also has trouble there.`, ev));
  }
  return { checks, findings };
}

function routeFailures(current: readonly SignInInput[], deviceId: string | undefined): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const byCode = (codes: ReadonlySet<number>) => current.filter((s) => codes.has(errorCodeOf(s)));
  const device = deviceId === undefined ? {} : { deviceId };
  const again = byCode(SIGN_IN_AGAIN_CODES);
  if (again.length > 0) {
    drafts.push({
      code: 'PHONE_MUST_SIGN_IN_AGAIN',
      detail: `${again.length} of the phone's sign-in(s) failed because its saved sign-in is no longer valid: ${describeCodes(again)}.`,
      evidence: again.slice(0, 5).map((s) => ref(s, `error ${errorCodeOf(s)}${s.isInteractive === false ? ' (non-interactive)' : ''}`)),
      confidence: 'high',
      ...device,
    });
  }
  const compliance = byCode(COMPLIANCE_CODES);
  if (compliance.length > 0) {
    drafts.push({ code: 'DEVICE_NOT_COMPLIANT', detail: `Entra refused ${compliance.length} of the phone's sign-in(s) because the device is not compliant (53000).`, evidence: compliance.slice(0, 5).map((s) => ref(s, 'error 53000')), confidence: 'high', ...device });
  }
  const enrollment = byCode(ENROLLMENT_CODES);
  if (enrollment.length > 0) {
    drafts.push({ code: 'DEVICE_NOT_ENROLLED', detail: `Entra refused ${enrollment.length} of the phone's sign-in(s) because the device is not managed (530003).`, evidence: enrollment.slice(0, 5).map((s) => ref(s, 'error 530003')), confidence: 'high', ...device });
  }
  const hybrid = byCode(HYBRID_JOIN_CODES);
  const routed = new Set([...SIGN_IN_AGAIN_CODES, ...COMPLIANCE_CODES, ...ENROLLMENT_CODES]);
  const isBlock = (s: SignInInput) => caFailed(s) || HYBRID_JOIN_CODES.has(errorCodeOf(s)) || errorCodeOf(s) === 53003;
  const blocked = current.filter((s) => isBlock(s) && !routed.has(errorCodeOf(s)));
  if (blocked.length > 0) {
    const names = policyNames(blocked, 'failure');
    const hidden = blocked.filter((s) => errorCodeOf(s) === 0).length;
    const hybridNote = hybrid.length > 0 ? ' The policy requires a Microsoft Entra hybrid joined device (53001), which a phone can never be.' : '';
    drafts.push({
      code: 'CA_BLOCKS_EAS',
      detail: `${blocked.length} of the phone's sign-in(s) failed Conditional Access${names ? ` (policy ${names})` : ''}${hidden > 0 ? `; ${hidden} of them read "success" as a sign-in, which is how a CA block on ActiveSync shows` : ''}.${hybridNote}`,
      evidence: blocked.slice(0, 5).map((s) => ref(s, `conditionalAccessStatus = ${s.conditionalAccessStatus ?? 'unknown'}, error ${errorCodeOf(s)}`)),
      confidence: 'high',
    });
  }
  const rest = current.filter((s) => isFailure(s) && !routed.has(errorCodeOf(s)) && !isBlock(s));
  if (rest.length > 0) {
    drafts.push({
      code: 'SIGNIN_FAILURES',
      detail: `${rest.length} of the phone's sign-in(s) failed: ${describeCodes(rest)}. Most recent: ${rest[0]?.createdDateTime ?? 'unknown time'}.`,
      evidence: rest.slice(0, 5).map((s) => ref(s, `error ${errorCodeOf(s)}: ${s.status?.failureReason ?? ''}`)),
      confidence: 'high',
    });
  }
  return drafts;
}
