import { judgeConnect, type ConnectFacts, type ConnectJudgement } from '../../../domain/judges/connect';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import type { StepResult } from '../case-session';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

interface RoleAssignment {
  Role?: string;
}

/**
 * Connect: sign in, start PowerShell, connect to Exchange Online and read, before anything else
 * runs, the operator's roles and the Graph permissions; the domain judges what they allow.
 */
export async function runConnectStep(ctx: StepContext): Promise<StepResult & Pick<ConnectJudgement, 'canAct' | 'missing' | 'whoCanAct'>> {
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
      () => orUnavailable(async () => (await connection.exchangeConnection.run('Get-ManagementRoleAssignment', { RoleAssignee: account.username })).data as RoleAssignment[]),
    );
    facts.roles = roles.available ? roles.data : { unavailable: roles.reason };
    facts.grantedGraphScopes = (await connection.auth.getToken('graph')).scopes;
  }
  const judgement = judgeConnect(facts);
  return { ...fromJudgement(session, judgement), canAct: judgement.canAct, missing: judgement.missing, ...(judgement.whoCanAct ? { whoCanAct: judgement.whoCanAct } : {}) };
}
