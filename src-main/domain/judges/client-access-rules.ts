import type { DiagnosisInput } from '../diagnosis/diagnose';
import type { FindingDraft } from '../diagnosis/catalog';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { evaluateClientAccessRules, type ConnectionContext } from '../evaluators/client-access-rules';
import { isUnavailable } from '../evaluators/evidence';
import type { ClientAccessRuleInput } from '../evaluators/exchange-inputs';
import { signInSplit } from './case-facts';
import { checkDraft, unreadableCheck, type CheckDraft, type StepJudgement } from './judgement';

/** Client Access Rules stopped applying in Exchange Online in September 2025 (facts F3). */
export const CLIENT_ACCESS_RULES_RETIRED_AT = '2025-09-01T00:00:00Z';

/**
 * Client Access Rules. In Exchange Online they cannot block anything since September 2025 (F3): an
 * absent cmdlet is the normal answer, and a rule still listed is a leftover, reported as
 * information. Only a case judged before the retirement (a saved case, at its capture time) sees a
 * matching deny rule as a blocker. The connection is the phone's: its IP address from its own
 * sign-ins, the user's name, and OAuth when the phone signs in with Microsoft sign-in.
 */
export function judgeClientAccessRules(input: DiagnosisInput): StepJudgement {
  const evidence = input.clientAccessRules;
  const ev = [EVIDENCE.clientAccessRules];
  if (isUnavailable(evidence)) {
    const check = unreadableCheck('car', 'Client Access Rules could not be read', EVIDENCE.clientAccessRules, evidence.unavailable);
    return { outcome: 'unavailable', summary: `Client Access Rules could not be read: ${evidence.unavailable}`, checks: [check], findings: [] };
  }
  if (!Array.isArray(evidence)) {
    const detail = 'Client Access Rules are retired in Exchange Online (since September 2025) and this tenant has none; Conditional Access replaces them. Nothing to check here.';
    return {
      outcome: 'info',
      summary: detail,
      checks: [checkDraft('car', 'Client Access Rules are retired: none exist in this tenant', 'info', detail, ev)],
      findings: [{ code: 'CLIENT_ACCESS_RULES_RETIRED', detail: 'The Get-ClientAccessRule command is not available in this tenant.', evidence: [{ step: 'client-access-rules', detail: 'Get-ClientAccessRule: not recognized (retired)' }], confidence: 'high' }],
    };
  }
  const rules = evidence as readonly ClientAccessRuleInput[];
  const enabled = rules.filter((r) => r.Enabled !== false);
  if (enabled.length === 0) {
    const detail = rules.length === 0 ? 'No Client Access Rule exists.' : `${rules.length} rule(s) exist, all disabled.`;
    return { outcome: 'ok', summary: detail, checks: [checkDraft('car', 'No enabled Client Access Rule exists', 'ok', detail, ev)], findings: [] };
  }
  const retired = input.judgedAt === undefined || Date.parse(input.judgedAt) >= Date.parse(CLIENT_ACCESS_RULES_RETIRED_AT);
  const denies = evaluateClientAccessRules(rules, connectionOf(input));
  const checks: CheckDraft[] = [];
  const findings: FindingDraft[] = [];
  const listed = enabled.map((r) => `${r.Name ?? 'unnamed'} (${r.Action ?? 'action unknown'})`).join('; ');
  const deny = denies[0];
  if (deny === undefined) {
    checks.push(checkDraft('car', 'No Client Access Rule denies this phone', retired ? 'info' : 'ok', `${enabled.length} enabled rule(s): ${listed}.${retired ? ' They are leftovers: Client Access Rules stopped applying in Exchange Online in September 2025.' : ''}`, ev));
  } else if (retired) {
    checks.push(checkDraft('car', 'A leftover Client Access Rule would deny this phone, but rules no longer apply', 'info', `${deny.detail} Client Access Rules stopped applying in Exchange Online in September 2025, so this rule blocks nothing; it can be removed.`, ev));
    findings.push({ code: 'CAR_LEFTOVER_RULE', detail: deny.detail, evidence: deny.evidence, confidence: 'high' });
  } else {
    checks.push(checkDraft('car', deny.confidence === 'high' ? 'A Client Access Rule denies this phone' : 'A Client Access Rule may deny this phone', deny.confidence === 'high' ? 'problem' : 'warning', `${deny.detail} The case is judged as of ${input.judgedAt}, before Client Access Rules were retired (September 2025).`, ev));
    findings.push(deny);
  }
  const outcome = checks[0]!.outcome;
  return { outcome, summary: checks[0]!.label + '.', checks, findings };
}

function connectionOf(input: DiagnosisInput): ConnectionContext {
  const split = signInSplit(input);
  const latest = split?.phone[0];
  const context: ConnectionContext = { ...input.connection };
  if (context.ipAddress === undefined && latest?.ipAddress) context.ipAddress = latest.ipAddress;
  if (context.username === undefined && input.userPrincipalName) context.username = input.userPrincipalName;
  // A phone seen signing in with Microsoft sign-in uses OAuth; one seen only on the legacy path, Basic.
  if (context.authenticationTypes === undefined && split !== undefined && split.readings.length === 1) {
    context.authenticationTypes = split.readings[0] === 'mobileAppsAndDesktopClients' ? ['OAuthAuthentication'] : ['BasicAuthentication'];
  }
  return context;
}
