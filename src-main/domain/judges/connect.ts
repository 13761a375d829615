import { REQUIRED_PERMISSIONS } from '../../shared/models/auth-setup';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import { checkDraft, worstOutcome, type CheckDraft, type StepJudgement } from './judgement';

/** The Exchange management role that carries Set-CASMailbox, which every tier-1 action uses. */
export const EXCHANGE_WRITE_ROLE = 'Mail Recipients';
export const WHO_CAN_ACT = 'An Exchange administrator, or a member of the Recipient Management role group, can make these changes.';

/** What the Connect step found out on its way to Exchange Online. */
export interface ConnectFacts {
  account: string;
  /** "the demo tenant’s simulated Exchange shell", "PowerShell 7.6.9". */
  host: string;
  module: { ok: true; version: string } | { ok: false; guidance: string };
  /** Absent when the module check failed and nothing further was tried. */
  roles?: Evidence<ReadonlyArray<{ Role?: string }>>;
  grantedGraphScopes?: readonly string[];
}

export interface ConnectJudgement extends StepJudgement {
  canAct: boolean;
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
  if (facts.roles === undefined || isUnavailable(facts.roles)) {
    const reason = facts.roles === undefined ? 'not read' : facts.roles.unavailable;
    checks.push(checkDraft('exchange-roles', 'Your Exchange roles could not be read', 'unavailable', `Your Exchange roles could not be read: ${reason}`, [EVIDENCE.operatorRoles]));
  } else {
    const names = new Set(facts.roles.map((r) => r.Role).filter((r): r is string => typeof r === 'string'));
    canAct = names.has(EXCHANGE_WRITE_ROLE);
    if (!canAct) missing.push(`Exchange role: ${EXCHANGE_WRITE_ROLE} (part of the Recipient Management role group)`);
    checks.push(
      canAct
        ? checkDraft('exchange-roles', 'You may change ActiveSync settings and device lists', 'ok', `You have the ${EXCHANGE_WRITE_ROLE} role, so the wizard can offer its fixes.`, [EVIDENCE.operatorRoles])
        : checkDraft('exchange-roles', 'You may not change ActiveSync settings: the wizard runs read-only', 'warning', `You lack the ${EXCHANGE_WRITE_ROLE} role. ${WHO_CAN_ACT}`, [EVIDENCE.operatorRoles]),
    );
  }

  const granted = new Set((facts.grantedGraphScopes ?? []).map((s) => s.replace(/^.*\//, '')));
  const lacking = REQUIRED_PERMISSIONS.filter((p) => p.api === 'Microsoft Graph' && !p.optional && !granted.has(p.name));
  for (const permission of lacking) missing.push(`Graph permission: ${permission.name}`);
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
    missing,
    ...(canAct ? {} : { whoCanAct: WHO_CAN_ACT }),
  };
}
