import type { ActiveSyncPeerCountInput, CasMailboxPlanInput } from '../device-access/activesync-policy';
import type { Finding } from '../../shared/models/finding';
import { EVIDENCE_KEY_AREAS } from '../../shared/models/evidence-areas';
import type { ClientAccessRulesRetired, ConnectionContext } from '../evaluators/client-access-rules';
import type { SignInContext, WhatIfRun } from '../evaluators/conditional-access';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import type {
  ActiveSyncOrganizationSettingsInput,
  AuthenticationPolicyInput,
  CasMailboxInput,
  ClientAccessRuleInput,
  DeviceAccessRuleInput,
  MobileDevicePolicyInput,
  MobileDeviceInput,
  OrganizationConfigInput,
  RecipientInput,
  UserAccountInput,
} from '../evaluators/exchange-inputs';
import { judgeMailbox } from '../judges/mailbox';
import type { ConditionalAccessPolicyInput, NamedLocationInput, SignInInput } from '../evaluators/graph-inputs';
import { judgeAuthentication } from '../judges/authentication';
import { judgeClientAccessRules } from '../judges/client-access-rules';
import { judgeConditionalAccess } from '../judges/conditional-access';
import type { MailboxLogAnalysis } from './analyze-mailbox-log';
import { buildFinding, type FindingDraft } from './catalog';
import { mergeDrafts } from './merge';
import { rankFindings } from './rank';
import { judgeDebugLogging, type DebugLoggingReadBack } from '../judges/debug-logging';
import { judgeLogs, type LoggingWindow } from '../judges/logs';
import { settleLogAccessByExchange, settleVersionByLog } from './log-vs-exchange';
import { sameName } from '../device-access/exchange-names';
import { noLogToFetch } from '../judges/case-facts';

/**
 * Everything the diagnosis can look at. Each piece of evidence is either present or
 * `{ unavailable: reason }`: the caller must say which, so a missing check is never mistaken for a
 * passed one.
 */
export interface DiagnosisInput {
  /** The address the operator entered (UPN), for the words of the mailbox gate. */
  userUpn?: string;
  /**
   * Get-Recipient for that address: [] when Exchange knows no such recipient. Absent in cases
   * saved before the gate existed, which then pass it.
   */
  recipient?: Evidence<readonly RecipientInput[]>;
  /** Get-User for that address: an account without a mailbox, AccountDisabled; [] when there is no such account. */
  userAccount?: Evidence<readonly UserAccountInput[]>;
  /** Get-Recipient -Anr for a prefix of an address that matched nothing: close matches to offer. */
  recipientMatches?: Evidence<readonly RecipientInput[]>;
  /** The Entra user (accountEnabled), read with the user's memberships. */
  entraAccount?: Evidence<{ accountEnabled?: boolean | null }>;
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
  /** The debug-logging flag as the Debug logging step read it back; the mailbox read stands in before. */
  debugLogging?: Evidence<DebugLoggingReadBack>;
  mobileDevices: Evidence<readonly MobileDeviceInput[]>;
  organizationSettings: Evidence<ActiveSyncOrganizationSettingsInput>;
  deviceAccessRules: Evidence<readonly DeviceAccessRuleInput[]>;
  /** Get-CASMailboxPlan, read when ActiveSync is off for the mailbox (absent otherwise and in older cases; facts F38). */
  casMailboxPlans?: Evidence<readonly CasMailboxPlanInput[]>;
  /** How many of the first user mailboxes also have ActiveSync off, read at the same time (absent in older cases). */
  activeSyncPeers?: Evidence<ActiveSyncPeerCountInput>;
  /** Get-MobileDeviceMailboxPolicy, read when a phone is Blocked / Policy (absent otherwise and in older cases). */
  mobileDevicePolicies?: Evidence<readonly MobileDevicePolicyInput[]>;
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

/** Findings that say what the wizard could not check or what may come, never what stops the phone now. */
const NOT_TROUBLE_NOW: ReadonlySet<string> = new Set(['EVIDENCE_UNAVAILABLE', 'CA_REPORT_ONLY_WOULD_BLOCK']);

/** Merges all evidence into ranked findings. Pure: the same input always gives the same output. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const unchecked: UncheckedEvidence[] = [];
  // With no ActiveSync partnership (none at all, none for the phone named, or only Outlook mobile)
  // there is no log to fetch: its absence is a finding or needs none, not a check left out.
  const nothingToFetch = noLogToFetch(input);
  for (const key of Object.keys(EVIDENCE_LABELS) as (keyof typeof EVIDENCE_LABELS)[]) {
    const evidence = input[key];
    if (key === 'mailboxLog' && nothingToFetch) continue;
    if (isUnavailable(evidence)) unchecked.push({ evidence: key, label: EVIDENCE_LABELS[key], reason: evidence.unavailable });
  }

  // The mailbox step's own judgement: the gate, the account, ActiveSync, device access and version.
  const mailbox = judgeMailbox(input);
  if (mailbox.stop !== undefined) {
    // Nothing past the gate ran or matters: the gate's finding is the whole answer.
    return { findings: rankFindings(mailbox.findings.map(buildFinding)), unchecked: [] };
  }
  const logDrafts = judgeLogs(input.mailboxLog, [], input.targetDeviceId, loggingWindow(input)).findings;
  const logDevices = isUnavailable(input.mailboxLog) ? [] : input.mailboxLog.devices;
  const drafts: FindingDraft[] = settleVersionByLog(mailbox.findings, logDrafts, logDevices);
  drafts.push(...judgeDebugLogging(input.debugLogging ?? input.casMailbox, input.debugLoggingEnabledAt).findings);

  // Client Access Rules, Conditional Access with the sign-ins, and authentication: the same
  // judgements the steps show, so the step and the summary cannot disagree.
  drafts.push(...judgeClientAccessRules(input).findings);
  drafts.push(...judgeConditionalAccess(input).findings);
  drafts.push(...judgeAuthentication(input).findings);

  const releasedIds = new Set(mailbox.findings.filter((d) => d.code === 'DEVICE_RELEASED_AWAITING_PHONE' && d.deviceId !== undefined).map((d) => (d.deviceId as string).toLowerCase()));
  drafts.push(...(isUnavailable(input.mobileDevices) ? logDrafts : settleLogAccessByExchange(logDrafts, input.mobileDevices, releasedIds, logDevices)));

  if (unchecked.length > 0) {
    drafts.push({
      code: 'EVIDENCE_UNAVAILABLE',
      detail: `Not checked: ${unchecked.map((u) => `${u.label} (${u.reason})`).join('; ')}.`,
      evidence: unchecked.map((u) => ({ step: EVIDENCE_KEY_AREAS[u.evidence], detail: `unavailable: ${u.reason}` })),
      confidence: 'high',
      // It says what the wizard cannot tell; it is never itself the confirmed cause.
      certainty: 'unconfirmed',
    });
  }

  // ActiveSync off by policy: the log's 403/126 is the same fact, and its "turn it back on" advice is wrong here.
  const policyOff = drafts.some((d) => d.code === 'EAS_OFF_BY_POLICY');
  const merged = mergeDrafts(policyOff ? drafts.filter((d) => d.code !== 'EAS_DISABLED_FOR_MAILBOX') : drafts);
  // "Syncs normally" stands unless a problem concerns that phone or the whole case: with several
  // phones, one phone's block says nothing about another that syncs. A report-only policy blocks
  // nothing today and a check that could not run finds nothing, so neither is trouble now: beside
  // a phone that syncs, each is a note after it (what may come, what was not looked at).
  const troubles = merged.filter((d) => (d.severity ?? severityOf(d)) !== 'info' && !NOT_TROUBLE_NOW.has(d.code));
  const troubled = (deviceId: string | undefined) => troubles.some((d) => d.deviceId === undefined || deviceId === undefined || sameName(d.deviceId, deviceId));
  const kept = merged.filter((d) => !(d.code === 'HEALTHY_SYNC' && troubled(d.deviceId)));
  const syncing = kept.some((d) => d.code === 'HEALTHY_SYNC');
  const findings = kept.map((d) => (syncing && NOT_TROUBLE_NOW.has(d.code) ? { ...d, severity: 'info' as const } : d)).map(buildFinding);
  return { findings: rankFindings(findings), unchecked };
}

/** When logging started and when Exchange last saw the diagnosed phone try (for an empty log). */
export function loggingWindow(input: DiagnosisInput): LoggingWindow | undefined {
  if (input.targetDeviceId === undefined || isUnavailable(input.mobileDevices)) return undefined;
  const target = input.targetDeviceId.toLowerCase();
  const device = input.mobileDevices.find((d) => d.DeviceId.toLowerCase() === target);
  if (device === undefined || device.LastSyncAttemptTime === undefined) return undefined;
  return { enabledAt: input.debugLoggingEnabledAt, lastSyncAttempt: device.LastSyncAttemptTime, now: input.judgedAt };
}

function severityOf(draft: FindingDraft): string {
  return buildFinding(draft).severity;
}
