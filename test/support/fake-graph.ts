import type { FakeEntra } from './fake-entra';
import { json, serve } from './tiny-server';

/**
 * The loopback Graph behind the real-tenant tests (vitest integration and the e2e walk of "Test
 * connection"): it accepts only Graph tokens the fake Entra issued and answers by the token's
 * scopes, as Graph does, so a permission the administrator did not grant reads as a 403.
 * (The demo tenant's Graph simulator accepts only demo tokens, so it is not used here.)
 */
export interface FakeGraphOptions {
  entra: FakeEntra;
  /**
   * `no-role`: the token may read sign-ins but the operator has no Entra role (or the tenant no
   * P1/P2 licence) for them: Graph answers 403 Authorization_RequestDenied all the same (F18).
   */
  signInLogs?: 'readable' | 'no-role';
}

const DENIED = { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } };

export async function startFakeGraph(options: FakeGraphOptions) {
  const { entra } = options;
  return serve((req, res) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const issued = entra.issued.find((t) => t.token === token && t.resource === 'graph');
    if (!issued) return json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
    const has = (...names: string[]) => issued.scopes.some((s) => names.includes(s.replace(/^.*\//, '')));
    if (req.url.startsWith('/v1.0/users/alex%40contoso.com'))
      return json(res, 200, { id: 'u-1', userPrincipalName: 'alex@contoso.com', displayName: 'Alex' });
    if (req.url.startsWith('/v1.0/identity/conditionalAccess/policies')) {
      if (!has('Policy.Read.All', 'Policy.Read.ConditionalAccess')) return json(res, 403, DENIED);
      return json(res, 200, { value: [{ id: 'p-1', displayName: 'Require MFA', state: 'enabled' }] });
    }
    if (req.url.startsWith('/v1.0/auditLogs/signIns')) {
      if (!has('AuditLog.Read.All') || options.signInLogs === 'no-role') return json(res, 403, DENIED);
      return json(res, 200, {
        value: [
          {
            id: 'si-1',
            createdDateTime: '2026-12-04T09:00:00Z',
            userPrincipalName: 'alex@contoso.com',
            appDisplayName: 'Exchange ActiveSync',
            clientAppUsed: 'Exchange ActiveSync',
            conditionalAccessStatus: 'success',
            status: { errorCode: 0 },
          },
        ],
      });
    }
    return json(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } });
  });
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
