import { notTriedSinceLogging, triedSinceLogging } from './logs';
import type { DiagnosisInput } from '../diagnosis/diagnose';
import type { FindingDraft } from '../diagnosis/catalog';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { isUnavailable } from '../evaluators/evidence';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';
import type { SignInInput } from '../evaluators/graph-inputs';
import { isOutlookMobile } from '../evaluators/protocol-version';
import { hasNoPartnership, lastSyncedAt, present, requestsReachedMailbox, targetDevices } from './case-facts';
import { checkDraft, unreadableCheck, worstOutcome, type CheckDraft, type StepJudgement } from './judgement';
import { isFailure, isLegacyEas, isModernClient, phoneSignIns, describeCodes } from './phone-sign-ins';

/** Exchange Online switched Basic authentication for ActiveSync off for good in early January 2023 (facts F1). */
export const BASIC_AUTH_OFF_AT = '2023-01-01T00:00:00Z';

/**
 * Authentication: what a tenant's settings and evidence say about how the phone signs in.
 * - OAuth2ClientProfileEnabled affects Outlook for Windows only, never a phone's mail app (F31).
 * - Basic authentication for ActiveSync is gone whatever a policy says (F1).
 * - A phone still set up with a password ("Configure manually") is refused before Entra and leaves
 *   no sign-in and no mailbox-log entry (F32), so error 50126 is not the sign. The signs a tenant
 *   has are: no Microsoft sign-in from the phone's app, an empty mailbox log, a phone whose last
 *   successful sync predates the switch-off, and legacy "Exchange ActiveSync" sign-in failures
 *   where a tenant still shows them.
 */
export function judgeAuthentication(input: DiagnosisInput): StepJudgement {
  const checks: CheckDraft[] = [];
  const findings: FindingDraft[] = [];
  const auth = present(input.authentication);
  if (auth === undefined) {
    checks.push(unreadableCheck('modern-auth', "The organization's authentication settings could not be read", EVIDENCE.organizationConfig, isUnavailable(input.authentication) ? input.authentication.unavailable : ''));
  } else {
    if (auth.organizationConfig.OAuth2ClientProfileEnabled === false) {
      checks.push(checkDraft('modern-auth', 'Modern authentication for Outlook desktop is off (OAuth2ClientProfileEnabled = False)', 'info', "This setting affects Outlook for Windows only. Phone mail apps (iOS Mail, Samsung Email, Gmail, Outlook mobile) sign in with Microsoft sign-in whatever it says, so it does not explain a phone's sync problem.", [EVIDENCE.organizationConfig]));
      findings.push({
        code: 'MODERN_AUTH_DISABLED',
        detail: 'Get-OrganizationConfig shows OAuth2ClientProfileEnabled = False.',
        evidence: [{ step: 'authentication', object: 'Get-OrganizationConfig', detail: 'OAuth2ClientProfileEnabled = False' }],
        confidence: 'high',
      });
    } else {
      checks.push(checkDraft('modern-auth', 'Modern authentication for Outlook desktop is on', 'ok', 'OAuth2ClientProfileEnabled is True. (It affects Outlook for Windows only; phone mail apps sign in with Microsoft sign-in either way.)', [EVIDENCE.organizationConfig]));
    }
    const policy = auth.authenticationPolicy;
    if (policy?.AllowBasicAuthActiveSync === true) {
      checks.push(checkDraft('auth-policy', `Authentication policy '${policy.Name ?? 'default'}' allows Basic for ActiveSync, which has no effect`, 'info', 'Exchange Online ignores AllowBasicAuthActiveSync since Basic authentication was switched off; changing it will not fix or break the phone.', [EVIDENCE.authenticationPolicy]));
      findings.push({
        code: 'BASIC_AUTH_POLICY_NO_EFFECT',
        detail: `Authentication policy "${policy.Name ?? 'default'}" has AllowBasicAuthActiveSync = True.`,
        evidence: [{ step: 'authentication', object: `authentication policy ${policy.Name ?? 'default'}`, detail: 'AllowBasicAuthActiveSync = True' }],
        confidence: 'high',
      });
    } else if (policy) {
      checks.push(checkDraft('auth-policy', `Authentication policy '${policy.Name ?? 'default'}' applies; its Basic settings have no effect on ActiveSync`, 'info', 'Basic authentication for ActiveSync cannot be turned back on in Exchange Online.', [EVIDENCE.authenticationPolicy, EVIDENCE.exchangeUser]));
    }
  }
  checks.push(checkDraft('basic-auth', 'Basic authentication for ActiveSync is off for good in Exchange Online', 'info', 'It was switched off in early 2023 and no setting turns it back on. A mail app that still asks for a password (set up with "Configure manually") must be set up again with Microsoft sign-in, updated or replaced.', []));

  const signIns = present(input.signIns) as readonly SignInInput[] | undefined;
  for (const device of targetDevices(input)) {
    if (isOutlookMobile(device)) continue;
    const judged = judgePasswordPath(input, device, signIns);
    checks.push(judged.check);
    findings.push(...judged.findings);
  }

  if (hasNoPartnership(input) && signIns !== undefined) {
    const judged = judgeNoPartnership(signIns);
    checks.push(...judged.checks);
    findings.push(...judged.findings);
  }

  const outcome = worstOutcome(checks);
  const summary =
    outcome === 'problem'
      ? 'A phone still signs in with a password, which Exchange Online refuses; see below.'
      : outcome === 'unavailable'
        ? 'Part of the authentication evidence could not be read; the checks below say what and why.'
        : outcome === 'warning'
          ? 'A phone may be set up with a password, which Exchange Online refuses; see below.'
          : 'Nothing in the authentication settings stops a phone that uses Microsoft sign-in.';
  return { outcome, summary, checks, findings };
}

/** Entra refused the account, not the credential: 50057 account disabled, 50034 no such user. */
const ACCOUNT_STATE_CODES: ReadonlySet<number> = new Set([50057, 50034]);

const passwordFailures = (signIns: readonly SignInInput[]) => signIns.filter((s) => isLegacyEas(s) && isFailure(s) && !ACCOUNT_STATE_CODES.has(s.status?.errorCode ?? 0));

/**
 * No phone has a partnership, so no phone's request ever reached the mailbox. Without a Microsoft
 * sign-in from a phone's mail app, the password path is the likely reason (F32): said strongly
 * when failed "Exchange ActiveSync" sign-ins show it, as a hint on the no-requests finding otherwise.
 */
function judgeNoPartnership(signIns: readonly SignInInput[]): { checks: CheckDraft[]; findings: FindingDraft[] } {
  const phone = phoneSignIns(signIns, []).phone;
  if (phone.some(isModernClient)) return { checks: [], findings: [] };
  const legacy = passwordFailures(phone);
  if (legacy.length > 0) {
    const signs = `no phone has a partnership with the mailbox; no Microsoft sign-in from a phone's mail app; ${legacy.length} failed "Exchange ActiveSync" (password) sign-in(s): ${describeCodes(legacy)}`;
    const judged = mostLikelyPassword({ id: 'sign-in-path', subject: 'A phone', object: 'phones' }, signs, `${signs}.`, 'high');
    return { checks: [judged.check], findings: judged.findings };
  }
  if (phone.length > 0) return { checks: [], findings: [] };
  const signs = "no phone has a partnership with the mailbox and no Microsoft sign-in from a phone's mail app was found";
  const judged = mayBePassword(
    { id: 'sign-in-path', subject: 'A phone', object: 'phones' },
    'no phone reached Exchange or signed in',
    signs,
    `No Microsoft sign-in from a phone's mail app was found either, so the phone may be set up with a password ("Configure manually"), which Exchange Online refuses before it logs anything.`,
  );
  return { checks: [judged.check], findings: judged.findings };
}

/** Who a password-path judgement is about: the check's id, the subject of its label, the evidence object. */
interface PasswordSubject {
  id: string;
  subject: string;
  object: string;
  deviceId?: string;
}

const PASSWORD_EVIDENCE = [EVIDENCE.signIns, EVIDENCE.mobileDevices];

/** The password path as the finding itself (BASIC_AUTH_CLIENT). */
function mostLikelyPassword(who: PasswordSubject, signs: string, detail: string, confidence: FindingDraft['confidence']): { check: CheckDraft; findings: FindingDraft[] } {
  return {
    check: checkDraft(who.id, `${who.subject} is most likely set up with a password (Basic), which Exchange Online refuses`, 'problem', `Signs: ${signs}.`, PASSWORD_EVIDENCE),
    findings: [{ code: 'BASIC_AUTH_CLIENT', detail, evidence: [{ step: 'authentication', object: who.object, detail: signs }], confidence, ...(who.deviceId !== undefined ? { deviceId: who.deviceId } : {}) }],
  };
}

/** The password path as one explanation of "no request reached the mailbox" (merged into that finding by code). */
function mayBePassword(who: PasswordSubject, why: string, signs: string, detail: string): { check: CheckDraft; findings: FindingDraft[] } {
  return {
    check: checkDraft(who.id, `${who.subject} may be set up with a password: ${why}`, 'warning', `Signs: ${signs}. Ask the user how the account was added; if with "Configure manually" or a password, remove it and add it again choosing Sign in.`, PASSWORD_EVIDENCE),
    findings: [{ code: 'NO_REQUESTS_REACHED_MAILBOX', detail, evidence: [{ step: 'authentication', object: who.object, detail: signs }], confidence: 'low', ...(who.deviceId !== undefined ? { deviceId: who.deviceId } : {}) }],
  };
}

function judgePasswordPath(input: DiagnosisInput, device: MobileDeviceInput, signIns: readonly SignInInput[] | undefined): { check: CheckDraft; findings: FindingDraft[] } {
  const name = device.FriendlyName || device.DeviceModel || device.DeviceId;
  const id = `sign-in-path-${device.DeviceId}`;
  const ev = [EVIDENCE.signIns, EVIDENCE.mobileDevices];
  const mine = signIns === undefined ? undefined : phoneSignIns(signIns, [device]).phone;
  const oauth = mine?.filter(isModernClient) ?? [];
  if (oauth.length > 0) {
    return { check: checkDraft(id, `${name} signs in with Microsoft sign-in (OAuth)`, 'ok', `${oauth.length} sign-in(s) from its mail app use Microsoft sign-in, the path Exchange Online accepts.`, ev), findings: [] };
  }
  // A refusal because of the account itself (disabled, unknown) says nothing about how the phone
  // was set up: the account finding explains it.
  // A failure the phone synced after is not how it signs in now: a password app never gets through (F32).
  const synced = lastSyncedAt(input, device);
  const past = (s: SignInInput) => synced !== undefined && s.createdDateTime != null && Date.parse(s.createdDateTime) <= synced;
  const legacyFailures = passwordFailures(mine ?? []).filter((s) => !past(s));
  const reached = requestsReachedMailbox(input, device.DeviceId);
  const lastSuccess = device.LastSuccessSync ? Date.parse(device.LastSuccessSync) : NaN;
  const oldClient = !Number.isNaN(lastSuccess) && lastSuccess < Date.parse(BASIC_AUTH_OFF_AT);
  const signs = [
    signIns === undefined ? undefined : "no Microsoft sign-in from the phone's mail app",
    legacyFailures.length > 0 ? `${legacyFailures.length} failed "Exchange ActiveSync" (password) sign-in(s): ${describeCodes(legacyFailures)}` : undefined,
    reached === false ? 'no request from the phone in the mailbox log' : undefined,
    oldClient ? `its last successful sync (${device.LastSuccessSync}) was before Basic authentication was switched off` : undefined,
  ].filter((s): s is string => s !== undefined);
  const strong = legacyFailures.length > 0 || (reached === false && oldClient);
  if (strong && signIns !== undefined) {
    const confidence = legacyFailures.length > 0 && reached === false ? 'high' : 'medium';
    return mostLikelyPassword({ id, subject: name, object: `device ${device.DeviceId}`, deviceId: device.DeviceId }, signs.join('; '), `${name}: ${signs.join('; ')}.`, confidence);
  }
  // No request reached the mailbox and no Microsoft sign-in either: the password path is one of
  // the explanations the no-requests finding gives, so the sign is added to it (merged by code).
  const concerned = input.targetDeviceId === undefined ? targetDevices(input).length === 1 : input.targetDeviceId.toLowerCase() === device.DeviceId.toLowerCase();
  // A phone that has not tried since logging started says nothing yet, and one Exchange saw try
  // did reach the mailbox: the logs judge says so instead.
  const window = { enabledAt: input.debugLoggingEnabledAt, lastSyncAttempt: device.LastSyncAttemptTime, now: input.judgedAt };
  const quiet = notTriedSinceLogging(window) || triedSinceLogging(window);
  if (reached === false && signIns !== undefined && concerned && !quiet && requestsReachedMailbox(input) === false) {
    return mayBePassword(
      { id, subject: name, object: `device ${device.DeviceId}`, ...(input.targetDeviceId !== undefined ? { deviceId: input.targetDeviceId } : {}) },
      'no Microsoft sign-in and no request reached the mailbox',
      signs.join('; '),
      `No Microsoft sign-in from this phone's mail app was found either, so it may be set up with a password ("Configure manually"), which Exchange Online refuses before it logs anything.`,
    );
  }
  const missing = [
    signIns === undefined ? `the sign-in log (${isUnavailable(input.signIns) ? input.signIns.unavailable : 'not read'})` : undefined,
    reached === undefined ? 'the mailbox log (not read yet)' : undefined,
  ].filter((s): s is string => s !== undefined);
  const pending = missing.length > 0 ? ` Not available to this step: ${missing.join(' and ')}; the summary judges again with everything the case has read.` : '';
  return { check: checkDraft(id, `How ${name} signs in is not shown by the evidence`, 'info', `${signs.length > 0 ? `Seen: ${signs.join('; ')}.` : 'Nothing points to a password sign-in.'}${pending}`, ev), findings: [] };
}
