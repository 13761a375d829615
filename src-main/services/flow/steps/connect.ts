import { judgeConnect, type ConnectFacts, type ConnectJudgement } from '../../../domain/judges/connect';
import { judgeExchangeCapabilities } from '../../../domain/permissions/exchange-capabilities';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { readAssignedRoles, readEntraRoleTemplateIds, readRoleEntries, roleNames } from '../../permissions/operator-rights';
import type { StepResult } from '../case-session';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

/**
 * Connect: sign in, start PowerShell, connect to Exchange Online and read, before anything else
 * runs, the operator's roles and the Graph permissions; the domain judges what they allow.
 */
export async function runConnectStep(ctx: StepContext): Promise<StepResult & Pick<ConnectJudgement, 'canAct' | 'missing' | 'whoCanAct' | 'canRemoveDevices'>> {
  const { connection, signal, session } = ctx;
  ctx.progress('Signing in…', 0.1);
  const account = await connection.auth.signIn({ method: 'interactive', signal });

  ctx.progress('Starting PowerShell…', 0.3);
  const ready = await connection.shell.start();
  const host = ready.host.kind === 'demo' ? 'the demo tenant’s simulated Exchange shell' : `PowerShell ${ready.host.psVersion}`;

  ctx.progress('Checking the Exchange Online module…', 0.45);
  const prerequisites = await connection.exchangeConnection.checkPrerequisites();
  const facts: ConnectFacts = {
    account: account.username,
    host,
    module: prerequisites.ok ? { ok: true, version: prerequisites.module.version } : { ok: false, guidance: prerequisites.guidance },
  };
  if (prerequisites.ok) {
    ctx.progress('Connecting to Exchange Online…', 0.6);
    await connection.exchangeConnection.ensureConnected();
    ctx.progress('Checking your permissions…', 0.8);
    const roles = await session.capture(
      'connect',
      EVIDENCE.operatorRoles,
      { kind: 'cmdlet', source: 'Get-ManagementRoleAssignment' },
      () => orUnavailable(() => readAssignedRoles(connection.exchangeConnection, account.username)),
    );
    facts.roles = roles.available ? roles.data : { unavailable: roles.reason };
    if (roles.available) {
      // The verdict rests on what the roles contain (cmdlets and parameters), never on their names.
      const entries = await session.capture(
        'connect',
        EVIDENCE.operatorRoleEntries,
        { kind: 'cmdlet', source: 'Get-ManagementRoleEntry' },
        () => orUnavailable(() => readRoleEntries(connection.exchangeConnection, roleNames(roles.data))),
      );
      facts.roleEntries = entries.available ? entries.data : { unavailable: entries.reason };
      if (entries.available && !judgeExchangeCapabilities({ entries: entries.data }).canWrite) {
        // Exchange Administrator held in Entra only may list no Exchange role at all (unverified):
        // look at the operator's Entra roles before calling them read-only.
        try {
          facts.entraRoleTemplateIds = await readEntraRoleTemplateIds(connection.graph, account.username, signal);
        } catch (error) {
          if (signal?.aborted) throw error;
          // No permission to read memberships: the Exchange roles alone decide.
        }
      }
    }
    facts.grantedGraphScopes = (await connection.auth.getToken('graph')).scopes;
  }
  const judgement = judgeConnect(facts);
  return {
    ...fromJudgement(session, judgement),
    canAct: judgement.canAct,
    missing: judgement.missing,
    ...(judgement.whoCanAct ? { whoCanAct: judgement.whoCanAct } : {}),
    ...(judgement.canRemoveDevices ? { canRemoveDevices: true } : {}),
  };
}
