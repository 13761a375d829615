import { REQUIRED_PERMISSIONS } from '../../../shared/models/auth-setup';
import type { CheckView } from '../../../shared/models/wizard';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, orUnavailable, worstOutcome, type StepContext } from '../step-context';

/** The Exchange management role that carries Set-CASMailbox, which every tier-1 action uses. */
export const EXCHANGE_WRITE_ROLE = 'Mail Recipients';
const WHO_CAN_ACT =
  'An Exchange administrator, or a member of the Recipient Management role group, can make these changes.';

interface RoleAssignment {
  Role?: string;
}

/**
 * Connect: sign in, start PowerShell, connect to Exchange Online and check, before anything
 * else runs, exactly which roles and Graph permissions the operator has and lacks.
 */
export async function runConnectStep(ctx: StepContext): Promise<StepResult & { canAct: boolean; missing: string[]; whoCanAct?: string }> {
  const { connection, signal } = ctx;
  const checks: CheckView[] = [];

  ctx.progress('Signing in…', 0.1);
  const account = await connection.auth.signIn({ method: 'interactive', signal });
  checks.push(check('signed-in', 'You are signed in', 'ok', `Signed in as ${account.username}.`));

  ctx.progress('Starting PowerShell…', 0.3);
  const ready = await connection.shell.start();
  const hostName = ready.host.kind === 'demo' ? 'the demo tenant’s simulated Exchange shell' : `PowerShell ${ready.host.psVersion}`;
  checks.push(check('shell', 'PowerShell is ready', 'ok', `Running ${hostName}.`));

  ctx.progress('Checking the Exchange Online module…', 0.45);
  const prerequisites = await connection.exchangeConnection.checkPrerequisites();
  if (!prerequisites.ok) {
    checks.push(check('module', 'The ExchangeOnlineManagement module is installed (3.1 or newer)', 'problem', prerequisites.guidance));
    return { outcome: 'problem', summary: prerequisites.guidance, checks, canAct: false, missing: [], whoCanAct: WHO_CAN_ACT };
  }
  checks.push(check('module', 'The ExchangeOnlineManagement module is installed (3.1 or newer)', 'ok', `Version ${prerequisites.module.version}.`));

  ctx.progress('Connecting to Exchange Online…', 0.6);
  await connection.exchangeConnection.ensureConnected();
  checks.push(check('exchange', 'Connected to Exchange Online', 'ok', 'Exchange Online accepted your sign-in.'));

  ctx.progress('Checking your permissions…', 0.8);
  const roles = await ctx.session.capture(
    'connect',
    EVIDENCE.operatorRoles,
    { kind: 'cmdlet', source: 'Get-ManagementRoleAssignment' },
    () => orUnavailable(async () => (await connection.exchangeConnection.run('Get-ManagementRoleAssignment', { RoleAssignee: account.username })).data as RoleAssignment[]),
  );
  const missing: string[] = [];
  let canAct = false;
  if (roles.available) {
    const names = new Set(roles.data.map((r) => r.Role).filter((r): r is string => typeof r === 'string'));
    canAct = names.has(EXCHANGE_WRITE_ROLE);
    if (!canAct) missing.push(`Exchange role: ${EXCHANGE_WRITE_ROLE} (part of the Recipient Management role group)`);
    checks.push(
      check(
        'exchange-roles',
        'You may change ActiveSync settings and device lists',
        canAct ? 'ok' : 'warning',
        canAct
          ? `You have the ${EXCHANGE_WRITE_ROLE} role, so the wizard can offer its fixes.`
          : `You lack the ${EXCHANGE_WRITE_ROLE} role, so the wizard runs read-only. ${WHO_CAN_ACT}`,
        [roles],
      ),
    );
  } else {
    checks.push(check('exchange-roles', 'You may change ActiveSync settings and device lists', 'unavailable', `Your Exchange roles could not be read: ${roles.reason}`, [roles]));
  }

  const token = await connection.auth.getToken('graph');
  const granted = new Set(token.scopes.map((s) => s.replace(/^.*\//, '')));
  const lacking = REQUIRED_PERMISSIONS.filter((p) => p.api === 'Microsoft Graph' && !p.optional && !granted.has(p.name));
  for (const permission of lacking) missing.push(`Graph permission: ${permission.name}`);
  checks.push(
    check(
      'graph-permissions',
      'The app may read Conditional Access and sign-ins in Microsoft Graph',
      lacking.length === 0 ? 'ok' : 'warning',
      lacking.length === 0
        ? 'Every Graph permission the wizard uses is granted.'
        : `Missing: ${lacking.map((p) => p.name).join(', ')}. The checks that need ${lacking.length === 1 ? 'it' : 'them'} will say so and the wizard goes on. Ask an Entra administrator to grant admin consent.`,
    ),
  );

  const outcome = worstOutcome(checks);
  const summary =
    missing.length === 0
      ? `Connected as ${account.username}, with every role and permission the wizard needs.`
      : `Connected as ${account.username}. Some checks or fixes will be unavailable: ${missing.join('; ')}.`;
  return { outcome, summary, checks, canAct, missing, ...(canAct ? {} : { whoCanAct: WHO_CAN_ACT }) };
}
