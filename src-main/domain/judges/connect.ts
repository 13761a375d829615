import { REQUIRED_PERMISSIONS } from '../../shared/models/auth-setup';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import { ASK_FOR_ROLE, CAPABILITIES, canRemoveDevices, judgeExchangeCapabilities, type RoleEntryFact } from '../permissions/exchange-capabilities';
import { checkDraft, worstOutcome, type CheckDraft, type StepJudgement } from './judgement';

const CAPABILITY_WRITES = CAPABILITIES.filter((c) => c.kind === 'write' && !c.optional).length;
/** What each Graph permission lets the wizard do, for "can't X — ask for Y". */
const GRAPH_DOES: Readonly<Record<string, string>> = {
  'Policy.Read.All': 'read Conditional Access policies or run What-If',
  'AuditLog.Read.All': 'read the user’s sign-ins',
  'GroupMember.Read.All': 'list the user’s groups',
  'User.Read.All': 'look the user up in Entra ID',
};
export const WHO_CAN_ACT = `An Exchange administrator can make these changes. ${ASK_FOR_ROLE}`;

/** What the Connect step found out on its way to Exchange Online. */
export interface ConnectFacts {
  account: string;
  /** "the demo tenant’s simulated Exchange shell", "PowerShell 7.6.9". */
  host: string;
  module: { ok: true; version: string } | { ok: false; guidance: string };
  /** Absent when the module check failed and nothing further was tried. */
  roles?: Evidence<ReadonlyArray<{ Role?: string }>>;
  /** The entries of those roles (Get-ManagementRoleEntry); what the verdict rests on. */
  roleEntries?: Evidence<readonly RoleEntryFact[]>;
  /** The operator's active Entra roles (template ids); read when the role entries fall short. */
  entraRoleTemplateIds?: readonly string[];
  grantedGraphScopes?: readonly string[];
}

export interface ConnectJudgement extends StepJudgement {
  canAct: boolean;
  /** Remove-MobileDevice is granted (the optional partnership clean-up). */
  canRemoveDevices?: boolean;
  missing: string[];
  whoCanAct?: string;
}

/** Whether the operator reached Exchange Online, and what the wizard may read and change for them. */
export function judgeConnect(facts: ConnectFacts): ConnectJudgement {
  const checks: CheckDraft[] = [
    checkDraft('signed-in', `Signed in as ${facts.account}`, 'ok', `Signed in as ${facts.account}.`),
    checkDraft('shell', 'PowerShell is ready', 'ok', `Running ${facts.host}.`),
  ];
  if (!facts.module.ok) {
    checks.push(checkDraft('module', 'The ExchangeOnlineManagement module (3.1 or newer) is missing', 'problem', facts.module.guidance));
    return { outcome: 'problem', summary: facts.module.guidance, checks, findings: [], canAct: false, missing: [], whoCanAct: WHO_CAN_ACT };
  }
  checks.push(checkDraft('module', `The ExchangeOnlineManagement module ${facts.module.version} is installed`, 'ok', `Version ${facts.module.version} (3.1 or newer is needed).`));
  checks.push(checkDraft('exchange', 'Connected to Exchange Online', 'ok', 'Exchange Online accepted your sign-in.'));

  const missing: string[] = [];
  let canAct = false;
  let removeDevices = false;
  if (facts.roles === undefined || isUnavailable(facts.roles)) {
    const reason = facts.roles === undefined ? 'not read' : facts.roles.unavailable;
    checks.push(checkDraft('exchange-roles', 'Your Exchange roles could not be read', 'unavailable', `Your Exchange roles could not be read: ${reason}`, [EVIDENCE.operatorRoles]));
  } else if (facts.roleEntries === undefined || isUnavailable(facts.roleEntries)) {
    const reason = facts.roleEntries === undefined ? 'not read' : facts.roleEntries.unavailable;
    missing.push('Exchange: Get-ManagementRoleEntry, to read your own rights');
    checks.push(checkDraft('exchange-roles', 'What your Exchange roles allow could not be read: the wizard runs read-only', 'unavailable', `The entries of your roles could not be read: ${reason}. ${WHO_CAN_ACT}`, [EVIDENCE.operatorRoles, EVIDENCE.operatorRoleEntries]));
  } else {
    const rights = judgeExchangeCapabilities({ entries: facts.roleEntries, entraRoleTemplateIds: facts.entraRoleTemplateIds ?? [] });
    canAct = rights.canWrite;
    removeDevices = canRemoveDevices(rights);
    for (const gap of rights.missing) missing.push(gap.text);
    const evidence = [EVIDENCE.operatorRoles, EVIDENCE.operatorRoleEntries];
    const reads = rights.missing.filter((m) => m.kind === 'read');
    const writes = rights.missing.filter((m) => m.kind === 'write');
    const list = (gaps: typeof rights.missing): string => gaps.map((g) => g.text).join(' ');
    if (rights.missing.length === 0) {
      const basis = rights.basis === 'entra-role' ? `You are ${rights.entraRole} in Entra ID, which covers all of Exchange Online.` : 'Your roles grant every cmdlet and parameter the wizard uses.';
      checks.push(checkDraft('exchange-roles', 'You may run every check and fix the wizard offers', 'ok', basis, evidence));
    } else if (writes.length === CAPABILITY_WRITES && reads.length === 0) {
      checks.push(checkDraft('exchange-roles', 'You may read but not change ActiveSync settings: the wizard runs read-only', 'warning', `Read-only. ${list(writes)} ${ASK_FOR_ROLE}`, evidence));
    } else {
      checks.push(checkDraft('exchange-roles', `${rights.missing.length === 1 ? 'One check or fix is' : `${rights.missing.length} checks or fixes are`} not open to you`, 'warning', `${list(rights.missing)} ${ASK_FOR_ROLE}`, evidence));
    }
  }

  const granted = new Set((facts.grantedGraphScopes ?? []).map((s) => s.replace(/^.*\//, '')));
  const lacking = REQUIRED_PERMISSIONS.filter((p) => p.api === 'Microsoft Graph' && !p.optional && !granted.has(p.name));
  for (const permission of lacking) missing.push(`Can’t ${GRAPH_DOES[permission.name] ?? 'read part of the Graph evidence'} — ask an Entra administrator to grant ${permission.name} (admin consent).`);
  checks.push(
    lacking.length === 0
      ? checkDraft('graph-permissions', 'The app may read Conditional Access and sign-ins in Microsoft Graph', 'ok', 'Every Graph permission the wizard uses is granted.')
      : checkDraft(
          'graph-permissions',
          `The app lacks ${lacking.length === 1 ? 'a Graph permission' : `${lacking.length} Graph permissions`}: ${lacking.map((p) => p.name).join(', ')}`,
          'warning',
          `The checks that need ${lacking.length === 1 ? 'it' : 'them'} will say so and the wizard goes on. Ask an Entra administrator to grant admin consent.`,
        ),
  );
  return {
    outcome: worstOutcome(checks),
    summary:
      missing.length === 0
        ? `Connected as ${facts.account}, with every role and permission the wizard needs.`
        : `Connected as ${facts.account}. Some checks or fixes will be unavailable: ${missing.join('; ')}.`,
    checks,
    findings: [],
    canAct,
    ...(removeDevices ? { canRemoveDevices: true } : {}),
    missing,
    ...(canAct ? {} : { whoCanAct: WHO_CAN_ACT }),
  };
}
