import type { Finding } from '../../shared/models/finding';
import { evaluateCasMailbox } from '../evaluators/cas-mailbox';
import type { ClientAccessRulesRetired, ConnectionContext } from '../evaluators/client-access-rules';
import type { SignInContext, WhatIfRun } from '../evaluators/conditional-access';
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
import { judgeAuthentication } from '../judges/authentication';
import { judgeClientAccessRules } from '../judges/client-access-rules';
import { judgeConditionalAccess } from '../judges/conditional-access';
import type { MailboxLogAnalysis } from './analyze-mailbox-log';
import { buildFinding, type FindingDraft } from './catalog';
import { mergeDrafts } from './merge';
import { rankFindings } from './rank';

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
  /** The user the case is about (UPN): Client Access Rule username patterns match it. */
  userPrincipalName?: string;
  /** How much of the sign-in log was read (window start, non-interactive sign-ins); absent in older cases. */
  signInCoverage?: SignInCoverage;
  /** When the wizard turned debug logging on (ISO), for the 48-hour expiry. */
  debugLoggingEnabledAt?: string;
  casMailbox: Evidence<CasMailboxInput>;
  mobileDevices: Evidence<readonly MobileDeviceInput[]>;
  organizationSettings: Evidence<ActiveSyncOrganizationSettingsInput>;
  deviceAccessRules: Evidence<readonly DeviceAccessRuleInput[]>;
  clientAccessRules: Evidence<readonly ClientAccessRuleInput[] | ClientAccessRulesRetired>;
  conditionalAccess: Evidence<{
    policies: readonly ConditionalAccessPolicyInput[];
    namedLocations: readonly NamedLocationInput[];
    whatIf?: readonly WhatIfRun[];
    /** Why What-If could not be asked, when it could not. */
    whatIfUnavailable?: string;
  }>;
  signIns: Evidence<readonly SignInInput[]>;
  authentication: Evidence<{ organizationConfig: OrganizationConfigInput; authenticationPolicy?: AuthenticationPolicyInput | null }>;
  mailboxLog: Evidence<MailboxLogAnalysis>;
}

export interface SignInCoverage {
  since?: string;
  nonInteractive?: { read: true; count: number; unverified: true } | { read: false; reason: string };
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
  if (cas !== undefined) drafts.push(...evaluateCasMailbox(cas, { debugLoggingEnabledAt: input.debugLoggingEnabledAt }));

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

  // Client Access Rules, Conditional Access with the sign-ins, and authentication: the same
  // judgements the steps show, so the step and the summary cannot disagree.
  drafts.push(...judgeClientAccessRules(input).findings);
  drafts.push(...judgeConditionalAccess(input).findings);
  drafts.push(...judgeAuthentication(input).findings);

  const log = present(input.mailboxLog);
  if (log !== undefined) {
    const relevant = input.targetDeviceId === undefined ? log.drafts : log.drafts.filter((d) => d.deviceId === undefined || d.deviceId.toLowerCase() === input.targetDeviceId?.toLowerCase());
    drafts.push(...relevant);
    const reached = input.targetDeviceId === undefined ? log.devices.length > 0 : log.devices.some((d) => d.deviceId?.toLowerCase() === input.targetDeviceId?.toLowerCase());
    if (!reached) {
      drafts.push({
        code: 'NO_REQUESTS_REACHED_MAILBOX',
        detail: input.targetDeviceId === undefined ? 'The mailbox log has no entries at all.' : `The mailbox log has no entries for device ${input.targetDeviceId}.`,
        evidence: [{ step: 'mailbox-log', object: input.targetDeviceId === undefined ? undefined : `device ${input.targetDeviceId}`, detail: `${log.devices.length} device(s) in the log` }],
        confidence: 'medium',
        deviceId: input.targetDeviceId,
      });
    }
  }

  if (unchecked.length > 0) {
    drafts.push({
      code: 'EVIDENCE_UNAVAILABLE',
      detail: `Not checked: ${unchecked.map((u) => `${u.label} (${u.reason})`).join('; ')}.`,
      evidence: unchecked.map((u) => ({ step: u.evidence, detail: `unavailable: ${u.reason}` })),
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
