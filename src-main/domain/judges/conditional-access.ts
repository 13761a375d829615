import type { EvidenceRef } from '../../shared/models/finding';
import type { DiagnosisInput } from '../diagnosis/diagnose';
import type { FindingDraft } from '../diagnosis/catalog';
import { EVIDENCE } from '../../shared/models/evidence-names';
import {
  CLIENT_APP_READINGS,
  evaluatePolicies,
  reasonsOf,
  signInFrequency,
  type ClientAppReading,
  type PolicyVerdict,
  type SignInContext,
} from '../evaluators/conditional-access';
import { isUnavailable } from '../evaluators/evidence';
import { list } from '../evaluators/evidence';
import type { ConditionalAccessPolicyInput, SignInInput } from '../evaluators/graph-inputs';
import { isOutlookMobile } from '../evaluators/protocol-version';
import { allSyncedAt, present, requestsReachedMailbox, signInSplit, targetDevices } from './case-facts';
import { checkDraft, unreadableCheck, worstOutcome, type CheckDraft, type StepJudgement } from './judgement';
import { phoneConditions } from './phone-sign-ins';
import { failedOrBlocked, judgePhoneSignIns, refusedByConditionalAccess } from './sign-ins';

const READING_NAME: Readonly<Record<ClientAppReading, string>> = {
  exchangeActiveSync: '"Exchange ActiveSync clients" (password sign-in)',
  mobileAppsAndDesktopClients: '"Mobile apps and desktop clients" (Microsoft sign-in)',
};

/**
 * Conditional Access for the phone's mail sign-in, from one reading of the policies, What-If, the
 * user's groups and the phone's own sign-ins:
 * - the client-app type is taken from the phone's sign-ins (facts F22, F34); with none, a policy
 *   that only catches "Exchange ActiveSync" clients is information, since that is the password path
 *   Exchange Online refuses anyway (F1, F23);
 * - conditions the app cannot evaluate and What-If's "could not evaluate" are "cannot tell" (F39, F40);
 * - the phone's IP address, country, platform and compliance go into the local evaluation;
 * - session controls are not evaluated; sign-in frequency is shown.
 */
export function judgeConditionalAccess(input: DiagnosisInput): StepJudgement {
  const checks: CheckDraft[] = [];
  const findings: FindingDraft[] = [];
  const devices = targetDevices(input);
  const split = signInSplit(input);
  const signIns = (present(input.signIns) ?? []) as readonly SignInInput[];
  const phone = phoneConditions(signIns, devices);
  const context: SignInContext = {
    ...input.signInContext,
    ...(phone.devicePlatform ? { platform: phone.devicePlatform } : {}),
    ...(phone.ipAddress ? { ipAddress: phone.ipAddress } : {}),
    ...(phone.country ? { country: phone.country } : {}),
    ...(phone.deviceCompliant !== undefined ? { deviceCompliant: phone.deviceCompliant } : {}),
    outlookMobile: devices.length > 0 && devices.every(isOutlookMobile),
    ...(input.judgedAt ? { judgedAt: input.judgedAt } : {}),
  };
  const reached = requestsReachedMailbox(input);
  const readings = split !== undefined && split.readings.length > 0 ? split.readings : undefined;
  const evaluated = readings ?? [...CLIENT_APP_READINGS];

  checks.push(readingCheck(readings, split === undefined));
  const ca = present(input.conditionalAccess);
  if (ca === undefined) {
    checks.push(unreadableCheck('policies', 'Conditional Access policies could not be read', EVIDENCE.conditionalAccess, isUnavailable(input.conditionalAccess) ? input.conditionalAccess.unavailable : ''));
  } else {
    const enabled = ca.policies.filter((p) => p.state === 'enabled').length;
    const reportOnly = ca.policies.filter((p) => p.state === 'enabledForReportingButNotEnforced').length;
    const where = [phone.devicePlatform && `platform ${phone.devicePlatform}`, phone.ipAddress && `IP ${phone.ipAddress}`, phone.country && `country ${phone.country}`, phone.deviceCompliant !== undefined && (phone.deviceCompliant ? 'compliant device' : 'device not compliant')].filter(Boolean).join(', ');
    checks.push(checkDraft('policies', `${enabled} enabled and ${reportOnly} report-only Conditional Access policies were read`, 'info', `${ca.namedLocations.length} named location(s). Judged for this phone with ${where || 'no platform, IP address, country or compliance known'}.`, [EVIDENCE.conditionalAccess]));
    const verdicts = evaluatePolicies(ca.policies, ca.namedLocations, context, ca.whatIf ?? [], evaluated);
    judgePolicies(verdicts, readings, reached, split?.phone ?? [], checks, findings);
    checks.push(whatIfCheck(input, evaluated, verdicts));
    checks.push(...sessionChecks(verdicts, evaluated, findings));
    if (input.signInContext?.groupIds === undefined) {
      checks.push(unreadableCheck('memberships', "The user's groups and roles could not be read", EVIDENCE.memberships, 'policies aimed at groups or roles are "cannot tell".'));
    }
  }

  if (split === undefined) {
    checks.push(unreadableCheck('sign-ins', 'The sign-in log could not be read', EVIDENCE.signIns, isUnavailable(input.signIns) ? input.signIns.unavailable : ''));
  } else {
    const judged = judgePhoneSignIns(split, input.signInCoverage, input.targetDeviceId ?? (devices.length === 1 ? devices[0]?.DeviceId : undefined), allSyncedAt(input));
    checks.push(...judged.checks);
    findings.push(...judged.findings);
  }

  const outcome = worstOutcome(checks);
  const summary =
    outcome === 'problem'
      ? "Conditional Access or sign-in stops this phone's mail; the checks below say which policy or error."
      : outcome === 'unavailable'
        ? 'Part of the Conditional Access evidence could not be read; the checks below say what and why.'
        : outcome === 'warning'
          ? 'Nothing confirmed blocks this phone at sign-in, but some policies cannot be judged; see below.'
          : "No Conditional Access policy stops this phone's mail sign-in.";
  return { outcome, summary, checks, findings };
}

function readingCheck(readings: readonly ClientAppReading[] | undefined, unread: boolean): CheckDraft {
  if (readings === undefined) {
    return checkDraft('client-app', "The phone's client-app type is not known: both were checked", 'info', `${unread ? 'The sign-in log could not be read' : "No sign-in from this phone's mail app was found"}, so policies were judged as "Mobile apps and desktop clients" (how a mail app that uses Microsoft sign-in is classed) and as "Exchange ActiveSync clients". A policy that only catches "Exchange ActiveSync clients" would stop a mail app set up with a password, which Exchange Online refuses anyway.`, [EVIDENCE.signIns]);
  }
  return checkDraft('client-app', `The phone signs in as ${readings.map((r) => READING_NAME[r]).join(' and as ')}`, 'info', readings.includes('mobileAppsAndDesktopClients') && !readings.includes('exchangeActiveSync') ? 'Its mail app uses Microsoft sign-in, so policies for "Exchange ActiveSync clients" (such as Microsoft\'s "Block legacy authentication") do not apply to it.' : 'Read from the client app in the phone\'s own sign-ins.', [EVIDENCE.signIns]);
}

/**
 * The phone's newest sign-in since the policy last changed, when it passed Conditional Access: the
 * policy as it stands let the phone's real sign-in through, whatever What-If or the app's own
 * reading of the policy says (facts F39: What-If is a simulation with the inputs it was given). A
 * Conditional Access refusal newer than that pass (say from abroad) means the policy stops it now.
 */
function passedSinceChange(policy: ConditionalAccessPolicyInput, phone: readonly SignInInput[]): SignInInput | undefined {
  const changed = Date.parse(policy.modifiedDateTime ?? policy.createdDateTime ?? '');
  if (Number.isNaN(changed)) return undefined;
  // Newest first (phoneSignIns sorts them).
  for (const s of phone) {
    if (s.createdDateTime == null || !(Date.parse(s.createdDateTime) > changed)) return undefined;
    if (refusedByConditionalAccess(s)) return undefined;
    if (!failedOrBlocked(s)) return s;
  }
  return undefined;
}

function judgePolicies(verdicts: readonly PolicyVerdict[], readings: readonly ClientAppReading[] | undefined, reached: boolean | undefined, phone: readonly SignInInput[], checks: CheckDraft[], findings: FindingDraft[]): void {
  const byPolicy = new Map<string, PolicyVerdict[]>();
  for (const v of verdicts) if (v.blocks !== 'no') byPolicy.set(v.policy.id, [...(byPolicy.get(v.policy.id) ?? []), v]);
  for (const group of byPolicy.values()) {
    const policy = group[0]!.policy;
    const name = policy.displayName;
    const reportOnly = policy.state === 'enabledForReportingButNotEnforced';
    const controls = list(policy.grantControls?.builtInControls).join(', ') || 'custom controls';
    const certain = group.filter((v) => v.applies === 'yes' && v.blocks === 'yes');
    const evidence: EvidenceRef[] = [{ step: 'conditional-access', object: `policy ${name}`, detail: `state = ${policy.state}; grant = ${controls}; evaluated by ${group.some((v) => v.source === 'what-if') ? 'What-If' : 'the app'}` }];
    const id = `policy-${policy.id}`;
    const ev = [EVIDENCE.conditionalAccess, EVIDENCE.whatIf];
    // With no sign-in to say how the phone signs in, a policy for password clients only is moot.
    if (readings === undefined && group.every((v) => v.reading === 'exchangeActiveSync')) {
      checks.push(checkDraft(id, `'${name}' would stop only a mail app set up with a password`, 'info', `It applies to "Exchange ActiveSync clients" only. That is the password path, which Exchange Online refuses anyway; a mail app that uses Microsoft sign-in is not affected.`, ev));
      continue;
    }
    const passed = certain.length > 0 && !reportOnly ? passedSinceChange(policy, phone) : undefined;
    if (passed !== undefined) {
      const said = certain.some((v) => v.source === 'what-if') ? 'What-If says' : 'Read from its settings, it looks as if';
      const because = [...new Set(certain.flatMap((v) => v.because))].join('; ');
      const changed = policy.modifiedDateTime ?? policy.createdDateTime;
      const detail = `${said} policy "${name}" applies to this phone and blocks it (${because}), but the phone's own sign-in at ${passed.createdDateTime} passed Conditional Access after the policy last changed (${changed}). The real sign-in outweighs the simulation: the policy does not stop this phone as things stand. If the phone stops at a later sign-in, look here first.`;
      findings.push({ code: 'CA_CANNOT_TELL', detail, evidence, confidence: 'low', severity: 'info' });
      checks.push(checkDraft(id, `'${name}' looks as if it blocks this phone, but its real sign-ins pass`, 'info', detail, ev));
      continue;
    }
    if (certain.length > 0) {
      const byWhatIf = certain.some((v) => v.source === 'what-if');
      const because = [...new Set(certain.flatMap((v) => v.because))].join('; ');
      const under = certain.map((v) => READING_NAME[v.reading]).join(' and ');
      const confidence = byWhatIf ? 'high' : readings === undefined && certain.length < CLIENT_APP_READINGS.length ? 'low' : 'medium';
      findings.push({
        code: reportOnly ? 'CA_REPORT_ONLY_WOULD_BLOCK' : 'CA_BLOCKS_EAS',
        detail: `Policy "${name}" (${reportOnly ? 'report-only' : 'on'}) applies to this phone's mail sign-in as ${under}: ${because}.`,
        evidence,
        confidence,
      });
      checks.push(checkDraft(id, `${byWhatIf ? 'What-If: ' : ''}'${name}' ${reportOnly ? 'would block this phone if switched on' : "blocks this phone's mail sign-in"}`, reportOnly ? 'warning' : 'problem', `Applies as ${under}; ${because}.${byWhatIf ? '' : ' Judged by the app from the policy (What-If did not confirm it).'}`, ev));
      continue;
    }
    const unknowns = [...new Set(group.flatMap((v) => v.unknowns))];
    const moot = reached === true;
    if (!reportOnly) {
      findings.push({
        code: 'CA_CANNOT_TELL',
        detail: `Policy "${name}" may stop this phone, depending on ${unknowns.join(', ') || 'conditions the app cannot evaluate'}.${moot ? " The phone's requests do reach the mailbox, so it did not stop them in the log's time." : ''}`,
        evidence,
        confidence: 'low',
        ...(moot ? { severity: 'info' as const } : {}),
      });
    }
    checks.push(checkDraft(id, `Cannot tell whether '${name}' stops this phone`, reportOnly || moot ? 'info' : 'warning', `It depends on ${unknowns.join(', ') || 'conditions the app cannot evaluate'}.${reportOnly ? ' It is report-only, so it blocks nothing today.' : ''}`, ev));
  }
}

function whatIfCheck(input: DiagnosisInput, evaluated: readonly ClientAppReading[], verdicts: readonly PolicyVerdict[]): CheckDraft {
  const ca = present(input.conditionalAccess)!;
  const runs = (ca.whatIf ?? []).filter((r) => evaluated.includes(r.clientAppType as ClientAppReading));
  if (runs.length === 0) {
    return unreadableCheck('what-if', 'What-If could not be asked', EVIDENCE.whatIf, ca.whatIfUnavailable ?? 'What-If did not answer for this client-app type; the app judged the policies itself.');
  }
  const couldNot = new Set<string>();
  for (const run of runs) {
    for (const r of run.results) {
      if (r.state === 'disabled' || r.policyApplies) continue;
      if (reasonsOf(r).some((x) => /^(notenoughinformation|invalidcondition)$/i.test(x))) couldNot.add(r.displayName);
    }
  }
  const blocking = verdicts.filter((v) => v.source === 'what-if' && v.applies === 'yes' && v.blocks === 'yes' && v.policy.state === 'enabled');
  if (blocking.length > 0) {
    const names = [...new Set(blocking.map((v) => `'${v.policy.displayName}'`))].join(', ');
    return checkDraft('what-if', `What-If confirms that ${names} applies to this phone`, 'info', 'The policy check above says why the phone cannot meet it.', [EVIDENCE.whatIf]);
  }
  if (couldNot.size > 0) {
    return checkDraft('what-if', `What-If could not evaluate ${couldNot.size} polic${couldNot.size === 1 ? 'y' : 'ies'}`, 'info', `${[...couldNot].join(', ')}: What-If answered "not enough information" or "invalid condition", which means it could not tell, not that the policy does not apply. The app judged them itself (see above).`, [EVIDENCE.whatIf]);
  }
  return checkDraft('what-if', "What-If: no enforced policy blocks this phone's mail sign-in", 'ok', `Asked as ${evaluated.map((r) => READING_NAME[r]).join(' and as ')} (Graph ${[...new Set(runs.map((r) => r.apiVersion ?? '?'))].join(', ')} answered).`, [EVIDENCE.whatIf]);
}

function sessionChecks(verdicts: readonly PolicyVerdict[], evaluated: readonly ClientAppReading[], findings: FindingDraft[]): CheckDraft[] {
  const checks: CheckDraft[] = [];
  const seen = new Set<string>();
  for (const v of verdicts) {
    if (seen.has(v.policy.id) || v.policy.state !== 'enabled' || v.reading !== 'mobileAppsAndDesktopClients' || !evaluated.includes('mobileAppsAndDesktopClients')) continue;
    const frequency = signInFrequency(v.policy);
    if (frequency === undefined) continue;
    seen.add(v.policy.id);
    const maybe = v.applies === 'maybe' ? ' (if it applies; some conditions cannot be judged)' : '';
    checks.push(checkDraft(`frequency-${v.policy.id}`, `'${v.policy.displayName}' asks for a new sign-in ${frequency} on mobile apps`, 'info', `Sign-in frequency${maybe}: the phone's mail app must sign in again ${frequency}. This explains "my phone keeps asking me to sign in"; it does not stop mail once the user signs in.`, [EVIDENCE.conditionalAccess]));
    findings.push({
      code: 'SIGN_IN_FREQUENCY',
      detail: `Policy "${v.policy.displayName}" sets sign-in frequency ${frequency} for mobile apps and desktop clients${maybe}.`,
      evidence: [{ step: 'conditional-access', object: `policy ${v.policy.displayName}`, detail: `sessionControls.signInFrequency = ${frequency}` }],
      confidence: v.applies === 'yes' ? 'high' : 'low',
    });
  }
  checks.push(checkDraft('session-controls', 'Session controls were not evaluated', 'info', 'Session controls (sign-in frequency, persistent browser, app-enforced restrictions, continuous access evaluation) change how often and how the phone signs in, not whether Conditional Access lets it in; the wizard does not judge them beyond showing sign-in frequency.', [EVIDENCE.conditionalAccess]));
  return checks;
}
