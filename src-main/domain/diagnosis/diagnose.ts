import type { Finding } from '../../shared/models/finding';
import type { EvidenceArea } from '../../shared/models/evidence-areas';
import { evaluateAuthentication } from '../evaluators/authentication';
import { evaluateCasMailbox } from '../evaluators/cas-mailbox';
import { evaluateClientAccessRules, type ClientAccessRulesRetired, type ConnectionContext } from '../evaluators/client-access-rules';
import { evaluateConditionalAccess, type SignInContext, type WhatIfRun } from '../evaluators/conditional-access';
import { evaluateDeviceAccess } from '../evaluators/device-access';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import type {
  ActiveSyncOrganizationSettingsInput,
  AuthenticationPolicyInput,
  CasMailboxInput,
  ClientAccessRuleInput,
  DeviceAccessRuleInput,
  MobileDeviceInput,
  OrganizationConfigInput,
} from '../evaluators/exchange-inputs';
import type { ConditionalAccessPolicyInput, NamedLocationInput, SignInInput } from '../evaluators/graph-inputs';
import { evaluateProtocolVersion } from '../evaluators/protocol-version';
import { evaluateSignIns } from '../evaluators/sign-in-evidence';
import type { MailboxLogAnalysis } from './analyze-mailbox-log';
import { buildFinding, type FindingDraft } from './catalog';
import { mergeDrafts } from './merge';
import { rankFindings } from './rank';
import { judgeDebugLogging, type DebugLoggingReadBack } from '../judges/debug-logging';
import { judgeLogs } from '../judges/logs';

/**
 * Everything the diagnosis can look at. Each piece of evidence is either present or
 * `{ unavailable: reason }`: the caller must say which, so a missing check is never mistaken for a
 * passed one.
 */
export interface DiagnosisInput {
  /** The phone being troubleshot (DeviceId), when the operator picked one. */
  targetDeviceId?: string;
  signInContext?: SignInContext;
  connection?: ConnectionContext;
  /**
   * The case's "now" (ISO): the tenant's time for a live case, the capture time for a saved one.
   * Rules that changed on a date are judged as they stood then; without it, as they stand today.
   */
  judgedAt?: string;
  /** When the wizard turned debug logging on (ISO), for the 48-hour expiry. */
  debugLoggingEnabledAt?: string;
  casMailbox: Evidence<CasMailboxInput>;
  /** The debug-logging flag as the Debug logging step read it back; the mailbox read stands in before. */
  debugLogging?: Evidence<DebugLoggingReadBack>;
  mobileDevices: Evidence<readonly MobileDeviceInput[]>;
  organizationSettings: Evidence<ActiveSyncOrganizationSettingsInput>;
  deviceAccessRules: Evidence<readonly DeviceAccessRuleInput[]>;
  clientAccessRules: Evidence<readonly ClientAccessRuleInput[] | ClientAccessRulesRetired>;
  conditionalAccess: Evidence<{
    policies: readonly ConditionalAccessPolicyInput[];
    namedLocations: readonly NamedLocationInput[];
    whatIf?: readonly WhatIfRun[];
  }>;
  signIns: Evidence<readonly SignInInput[]>;
  authentication: Evidence<{ organizationConfig: OrganizationConfigInput; authenticationPolicy?: AuthenticationPolicyInput | null }>;
  mailboxLog: Evidence<MailboxLogAnalysis>;
}

/** A check that could not run, and why. */
export interface UncheckedEvidence {
  evidence: keyof typeof EVIDENCE_LABELS;
  label: string;
  reason: string;
}

export interface Diagnosis {
  /** Ranked, most likely root cause first. */
  findings: Finding[];
  unchecked: UncheckedEvidence[];
}

/** The area of the case each piece of evidence belongs to, for the finding's links. */
const EVIDENCE_AREAS_OF: Record<keyof typeof EVIDENCE_LABELS, EvidenceArea> = {
  casMailbox: 'cas-mailbox',
  mobileDevices: 'devices',
  organizationSettings: 'organization-settings',
  deviceAccessRules: 'device-access',
  clientAccessRules: 'client-access-rules',
  conditionalAccess: 'conditional-access',
  signIns: 'sign-ins',
  authentication: 'authentication',
  mailboxLog: 'mailbox-log',
};

const EVIDENCE_LABELS = {
  casMailbox: 'mailbox ActiveSync settings (Get-CASMailbox)',
  mobileDevices: 'device partnerships (Get-MobileDevice)',
  organizationSettings: 'organization default access level (Get-ActiveSyncOrganizationSettings)',
  deviceAccessRules: 'device access rules (Get-ActiveSyncDeviceAccessRule)',
  clientAccessRules: 'Client Access Rules (Get-ClientAccessRule)',
  conditionalAccess: 'Conditional Access policies (Graph)',
  signIns: 'sign-in log (Graph)',
  authentication: 'authentication settings (Get-OrganizationConfig, Get-AuthenticationPolicy)',
  mailboxLog: 'EAS mailbox log',
} as const;

/** Merges all evidence into ranked findings. Pure: the same input always gives the same output. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const unchecked: UncheckedEvidence[] = [];
  for (const key of Object.keys(EVIDENCE_LABELS) as (keyof typeof EVIDENCE_LABELS)[]) {
    const evidence = input[key];
    if (isUnavailable(evidence)) unchecked.push({ evidence: key, label: EVIDENCE_LABELS[key], reason: evidence.unavailable });
  }
  const present = <T>(e: Evidence<T>): T | undefined => (isUnavailable(e) ? undefined : e);

  const drafts: FindingDraft[] = [];
  const cas = present(input.casMailbox);
  if (cas !== undefined) drafts.push(...evaluateCasMailbox(cas));
  drafts.push(...judgeDebugLogging(input.debugLogging ?? input.casMailbox, input.debugLoggingEnabledAt).findings);

  const devices = present(input.mobileDevices);
  if (devices !== undefined) {
    const targets = input.targetDeviceId === undefined ? devices : devices.filter((d) => d.DeviceId.toLowerCase() === input.targetDeviceId?.toLowerCase());
    for (const device of targets) {
      drafts.push(...evaluateDeviceAccess({
        device,
        casMailbox: cas,
        organizationSettings: present(input.organizationSettings),
        deviceAccessRules: present(input.deviceAccessRules),
      }));
      drafts.push(...evaluateProtocolVersion(device, input.judgedAt));
    }
  }

  const car = present(input.clientAccessRules);
  if (car !== undefined) drafts.push(...evaluateClientAccessRules(car, input.connection));

  const ca = present(input.conditionalAccess);
  if (ca !== undefined) drafts.push(...evaluateConditionalAccess(ca.policies, ca.namedLocations, input.signInContext ?? {}, ca.whatIf));

  const signIns = present(input.signIns);
  if (signIns !== undefined) drafts.push(...evaluateSignIns(signIns));

  const auth = present(input.authentication);
  if (auth !== undefined) drafts.push(...evaluateAuthentication(auth.organizationConfig, auth.authenticationPolicy));

  drafts.push(...judgeLogs(input.mailboxLog, [], input.targetDeviceId).findings);

  if (unchecked.length > 0) {
    drafts.push({
      code: 'EVIDENCE_UNAVAILABLE',
      detail: `Not checked: ${unchecked.map((u) => `${u.label} (${u.reason})`).join('; ')}.`,
      evidence: unchecked.map((u) => ({ step: EVIDENCE_AREAS_OF[u.evidence], detail: `unavailable: ${u.reason}` })),
      confidence: 'high',
    });
  }

  const merged = mergeDrafts(drafts);
  const troubled = merged.some((d) => (d.severity ?? severityOf(d)) !== 'info' && d.code !== 'EVIDENCE_UNAVAILABLE');
  const findings = merged.filter((d) => !(d.code === 'HEALTHY_SYNC' && troubled)).map(buildFinding);
  return { findings: rankFindings(findings), unchecked };
}

function severityOf(draft: FindingDraft): string {
  return buildFinding(draft).severity;
}
