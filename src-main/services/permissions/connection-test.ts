import { judgeConnect, type ConnectFacts } from '../../domain/judges/connect';
import type { ConnectionTestLine } from '../../shared/models/settings';
import type { TenantConnection } from '../flow/connections/tenant-connection';
import { GRAPH_REQUIREMENTS } from '../graph/requirements';
import { readAssignedRoles, readEntraRoleTemplateIds, readRoleEntries, roleNames } from './operator-rights';


const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The first-run check of the real-tenant path: sign in, connect Exchange, list what the operator
 * can and cannot do (the Connect step's own judge, judgeConnect), then read one Conditional Access
 * policy and one sign-in. Stops at the first step that cannot go on.
 */
export async function testConnection(connection: TenantConnection, signal?: AbortSignal): Promise<ConnectionTestLine[]> {
  const lines: ConnectionTestLine[] = [];
  let username: string;
  try {
    username = (await connection.auth.signIn({ method: 'interactive', signal })).username;
    lines.push({ label: 'Sign-in', outcome: 'ok', detail: `Signed in as ${username}.` });
  } catch (error) {
    return [{ label: 'Sign-in', outcome: 'problem', detail: `Sign-in failed: ${message(error)}` }];
  }
  try {
    const ready = await connection.shell.start();
    const prerequisites = await connection.exchangeConnection.checkPrerequisites();
    if (!prerequisites.ok) return [...lines, { label: 'Exchange Online', outcome: 'problem', detail: prerequisites.guidance }];
    await connection.exchangeConnection.ensureConnected();
    const host = ready.host.kind === 'demo' ? 'the demo shell' : `PowerShell ${ready.host.psVersion}`;
    lines.push({ label: 'Exchange Online', outcome: 'ok', detail: `Connected with ExchangeOnlineManagement ${prerequisites.module.version} in ${host}.` });
  } catch (error) {
    return [...lines, { label: 'Exchange Online', outcome: 'problem', detail: `Exchange Online could not be connected: ${message(error)}` }];
  }

  const facts: ConnectFacts = { account: username, host: '', module: { ok: true, version: '' } };
  try {
    const roles = await readAssignedRoles(connection.exchangeConnection, username);
    facts.roles = roles;
    facts.roleEntries = await readRoleEntries(connection.exchangeConnection, roleNames(roles));
  } catch (error) {
    if (facts.roles === undefined) facts.roles = { unavailable: message(error) };
    else facts.roleEntries = { unavailable: message(error) };
  }
  facts.entraRoleTemplateIds = await readEntraRoleTemplateIds(connection.graph, username, signal).catch(() => []);
  facts.grantedGraphScopes = (await connection.auth.getToken('graph')).scopes;
  const judgement = judgeConnect(facts);
  lines.push({
    label: 'What you can do',
    outcome: judgement.missing.length === 0 ? 'ok' : 'warning',
    detail: judgement.missing.length === 0 ? 'Every check and fix the wizard offers.' : judgement.missing.join(' '),
  });

  const readOne = async (label: string, path: string, requirement: (typeof GRAPH_REQUIREMENTS)[keyof typeof GRAPH_REQUIREMENTS]) => {
    try {
      const body = (await connection.graph.get(path, { query: { $top: '1' }, requirement, signal })) as { value?: unknown[] };
      const count = Array.isArray(body.value) ? body.value.length : 0;
      lines.push({ label, outcome: 'ok', detail: count === 0 ? 'Readable (the tenant has none yet).' : 'Read one.' });
    } catch (error) {
      lines.push({ label, outcome: 'unavailable', detail: message(error) });
    }
  };
  await readOne('A Conditional Access policy', 'identity/conditionalAccess/policies', GRAPH_REQUIREMENTS.conditionalAccess);
  await readOne('A sign-in', 'auditLogs/signIns', GRAPH_REQUIREMENTS.signIns);
  return lines;
}
