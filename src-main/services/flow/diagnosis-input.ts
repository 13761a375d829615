import type { DiagnosisInput } from '../../domain/diagnosis/diagnose';
import type { RecipientInput, UserAccountInput } from '../../domain/evaluators/exchange-inputs';
import type { Evidence as DomainEvidence } from '../../domain/evaluators/evidence';
import type {
  ActiveSyncDeviceAccessRule,
  ActiveSyncOrganizationSettings,
  AuthenticationPolicy,
  CasMailbox,
  ActiveSyncPeerCount,
  CasMailboxPlan,
  ClientAccessRule,
  ExchangeUser,
  MobileDevice,
  MobileDeviceMailboxPolicy,
  MobileDeviceStatistics,
  OrganizationConfig,
  TenantFeature,
} from '../../shared/models/exchange';
import type { ConditionalAccessEvidence, SignInEvidence, UserMemberships, WhatIfEvidence } from '../../shared/models/graph';
import type { CaseSession, Captured } from './case-session';
import { EVIDENCE } from '../../shared/models/evidence-names';

const NOT_YET = 'This step has not run yet.';

/**
 * Maps what the wizard captured onto the analysis engine's input. Every piece is either the raw
 * object (cmdlet and Graph property names pass straight through) or `{ unavailable: reason }`, so
 * the diagnosis can say what it could not check instead of calling it fine.
 */
export function buildDiagnosisInput(session: CaseSession, debugLoggingEnabledAt: string | undefined): DiagnosisInput {
  const pick = <T, R = T>(name: string, map: (data: T) => R = (data) => data as unknown as R): DomainEvidence<R> => {
    const captured = session.get<T>(name);
    return fromCaptured(captured, map);
  };
  const memberships = session.get<UserMemberships>(EVIDENCE.memberships);
  const stats = session.get<MobileDeviceStatistics[]>(EVIDENCE.deviceStatistics);
  const whatIf = session.get<WhatIfEvidence[]>(EVIDENCE.whatIf);
  const config = session.get<OrganizationConfig>(EVIDENCE.organizationConfig);
  const policies = session.get<AuthenticationPolicy[]>(EVIDENCE.authenticationPolicy);
  const user = session.get<ExchangeUser>(EVIDENCE.exchangeUser);
  const logs = session.logAnalysis;
  const logsFetched = [...session.raw.keys()].some((name) => name.startsWith('mailbox-log-'));

  const optional = <T>(name: string): { value: DomainEvidence<T> } | undefined => {
    const captured = session.get<T>(name);
    return captured === undefined ? undefined : { value: fromCaptured(captured, (data) => data) };
  };
  const recipient = optional<readonly RecipientInput[]>(EVIDENCE.recipient);
  const userAccount = optional<readonly UserAccountInput[]>(EVIDENCE.userAccount);
  const recipientMatches = optional<readonly RecipientInput[]>(EVIDENCE.recipientMatches);

  return {
    userUpn: session.doc.subject.userUpn,
    ...(recipient ? { recipient: recipient.value } : {}),
    ...(userAccount ? { userAccount: userAccount.value } : {}),
    ...(recipientMatches ? { recipientMatches: recipientMatches.value } : {}),
    // accountEnabled comes with the memberships (Conditional Access step); until then it is simply not judged.
    ...(memberships !== undefined
      ? { entraAccount: memberships.available ? { accountEnabled: memberships.data.user.accountEnabled ?? null } : { unavailable: memberships.reason } }
      : {}),
    ...(session.selectedDeviceId ? { targetDeviceId: session.selectedDeviceId } : {}),
    ...(memberships?.available
      ? {
          signInContext: {
            userId: memberships.data.user.id,
            groupIds: memberships.data.groups.map((g) => g.id),
            roleIds: memberships.data.directoryRoles.map((r) => r.roleTemplateId ?? r.id),
          },
        }
      : {}),
    judgedAt: session.clock.now().toISOString(),
    userPrincipalName: session.doc.subject.userUpn,
    ...signInCoverage(session.get<SignInEvidence>(EVIDENCE.signIns)),
    ...(debugLoggingEnabledAt ? { debugLoggingEnabledAt } : {}),
    casMailbox: pick<CasMailbox>(EVIDENCE.casMailbox),
    ...(session.get(EVIDENCE.debugLogging) ? { debugLogging: pick<CasMailbox>(EVIDENCE.debugLogging) } : {}),
    // Statistics add what partnerships lack (remote-wipe status, last sync), matched by DeviceId.
    mobileDevices: pick<MobileDevice[]>(EVIDENCE.mobileDevices, (devices) =>
      devices.map((device) => {
        const id = (device.DeviceId ?? device.Identity).toLowerCase();
        const stat = stats?.available ? stats.data.find((s) => (s.DeviceID ?? s.DeviceId)?.toLowerCase() === id) : undefined;
        return { ...stat, ...device, DeviceId: device.DeviceId ?? device.Identity, Status: stat?.Status ?? null };
      }),
    ),
    organizationSettings: pick<ActiveSyncOrganizationSettings>(EVIDENCE.organizationSettings),
    deviceAccessRules: pick<ActiveSyncDeviceAccessRule[]>(EVIDENCE.deviceAccessRules, (rules) =>
      rules.map((rule) => ({ ...rule, QueryString: rule.QueryString ?? '', Characteristic: rule.Characteristic ?? '', AccessLevel: rule.AccessLevel ?? '' })),
    ),
    ...(session.get(EVIDENCE.casMailboxPlans) ? { casMailboxPlans: pick<CasMailboxPlan[]>(EVIDENCE.casMailboxPlans) } : {}),
    ...(session.get(EVIDENCE.activeSyncPeers) ? { activeSyncPeers: pick<ActiveSyncPeerCount>(EVIDENCE.activeSyncPeers) } : {}),
    ...(session.get(EVIDENCE.mobileDevicePolicies) ? { mobileDevicePolicies: pick<MobileDeviceMailboxPolicy[]>(EVIDENCE.mobileDevicePolicies) } : {}),
    clientAccessRules: pick<TenantFeature<ClientAccessRule[]>, readonly ClientAccessRule[] | { cmdletAvailable: false }>(
      EVIDENCE.clientAccessRules,
      (feature) => (feature.available ? feature.value : { cmdletAvailable: false }),
    ),
    conditionalAccess: pick<ConditionalAccessEvidence, { policies: ConditionalAccessEvidence['policies']; namedLocations: ConditionalAccessEvidence['namedLocations']; whatIf?: WhatIfEvidence[] }>(
      EVIDENCE.conditionalAccess,
      (ca) => ({
        ...ca,
        ...(whatIf?.available ? { whatIf: whatIf.data } : {}),
        ...(whatIf !== undefined && !whatIf.available ? { whatIfUnavailable: whatIf.reason } : {}),
      }),
    ),
    signIns: pick<SignInEvidence, SignInEvidence['signIns']>(EVIDENCE.signIns, (evidence) => evidence.signIns),
    authentication: config?.available
      ? {
          organizationConfig: config.data,
          authenticationPolicy: policies?.available ? (policies.data.find((p) => p.Name === (user?.available ? user.data.AuthenticationPolicy : undefined)) ?? policies.data[0] ?? null) : null,
        }
      : { unavailable: config?.available === false ? config.reason : NOT_YET },
    mailboxLog: logs
      ? logs.analysis
      : { unavailable: logsFetched ? 'No mailbox log had any content.' : 'The mailbox logs have not been fetched yet.' },
  } as DiagnosisInput;
}

/** What was read of the sign-in log, so "no sign-in found" can say what was looked at. */
function signInCoverage(captured: Captured<SignInEvidence> | undefined): Pick<DiagnosisInput, 'signInCoverage'> {
  if (!captured?.available) return {};
  const { since, nonInteractive } = captured.data;
  return { signInCoverage: { since, ...(nonInteractive ? { nonInteractive } : {}) } };
}

function fromCaptured<T, R>(captured: Captured<T> | undefined, map: (data: T) => R): DomainEvidence<R> {
  if (captured === undefined) return { unavailable: NOT_YET };
  return captured.available ? map(captured.data) : { unavailable: captured.reason };
}
