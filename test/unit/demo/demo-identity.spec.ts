import { describe, expect, it } from 'vitest';
import { DemoIdentityProvider } from '../../../src-main/services/demo/demo-identity';
import { verifyDemoToken } from '../../../src-main/services/demo/demo-token';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';

function provider(lifetimeSeconds = 3600) {
  const scenario = structuredClone(loadScenario('missing-graph-permission'));
  scenario.identity.tokenLifetimeSeconds = lifetimeSeconds;
  let now = Date.parse('2026-11-26T09:00:00Z');
  const identity = new DemoIdentityProvider({ scenario, now: () => now });
  return { scenario, identity, advance: (ms: number) => (now += ms), now: () => now };
}

describe('DemoIdentityProvider', () => {
  it('starts signed out, signs the scenario operator in, and signs out again', async () => {
    const { identity } = provider();
    expect(await identity.status()).toEqual({ state: 'signed-out' });
    await expect(identity.getToken('graph')).rejects.toThrow(/Sign in/);
    const account = await identity.signIn({ method: 'interactive' });
    expect(account.username).toBe('helpdesk@contoso.example');
    expect(await identity.status()).toEqual({ state: 'signed-in', account });
    await identity.signOut();
    expect(await identity.status()).toEqual({ state: 'signed-out' });
  });

  it('shows a device-code prompt without any network call when asked for device code', async () => {
    const { identity } = provider();
    const prompts: string[] = [];
    await identity.signIn({ method: 'device-code', onDeviceCode: (p) => prompts.push(p.userCode) });
    expect(prompts).toEqual(['DEMO-TENANT']);
  });

  it('issues Graph tokens with exactly the scenario permissions, and Exchange tokens for Exchange only', async () => {
    const { identity, scenario, now } = provider();
    await identity.signIn({ method: 'interactive' });
    const graph = await identity.getToken('graph');
    expect(graph.scopes).toEqual(scenario.operator.graphPermissions);
    expect(graph.scopes).not.toContain('AuditLog.Read.All');
    const check = verifyDemoToken(graph.token, {
      audience: 'graph',
      tenantId: scenario.tenant.id,
      nowMs: now(),
    });
    expect(check.ok && check.claims.oid).toBe(scenario.operator.userId);
    const exchange = await identity.getToken('exchange');
    expect(
      verifyDemoToken(exchange.token, { audience: 'graph', tenantId: scenario.tenant.id, nowMs: now() }),
    ).toEqual({ ok: false, reason: 'wrong-audience' });
    expect(
      verifyDemoToken(exchange.token, { audience: 'exchange', tenantId: scenario.tenant.id, nowMs: now() })
        .ok,
    ).toBe(true);
  });

  it('reuses a token until five minutes before expiry, then refreshes; forceRefresh always renews', async () => {
    const { identity, advance } = provider(3600);
    await identity.signIn({ method: 'interactive' });
    const first = await identity.getToken('graph');
    advance(30 * 60_000);
    expect((await identity.getToken('graph')).token).toBe(first.token);
    advance(26 * 60_000);
    const renewed = await identity.getToken('graph');
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.expiresOn.getTime()).toBeGreaterThan(first.expiresOn.getTime());
    advance(1000);
    expect((await identity.getToken('graph', { forceRefresh: true })).token).not.toBe(renewed.token);
  });

  it('lets a scenario make tokens short-lived so expiry and refresh paths run', async () => {
    const { identity, scenario, advance, now } = provider(60);
    await identity.signIn({ method: 'interactive' });
    const token = await identity.getToken('exchange');
    expect(token.expiresOn.getTime() - now()).toBe(60_000);
    advance(61_000);
    expect(
      verifyDemoToken(token.token, { audience: 'exchange', tenantId: scenario.tenant.id, nowMs: now() }),
    ).toEqual({ ok: false, reason: 'expired' });
  });

  it('produces tokens a tampered copy of which fails verification', async () => {
    const { identity, scenario, now } = provider();
    await identity.signIn({ method: 'interactive' });
    const { token } = await identity.getToken('graph');
    const [prefix, body, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    claims.scp.push('AuditLog.Read.All');
    const forged = `${prefix}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(
      verifyDemoToken(forged, { audience: 'graph', tenantId: scenario.tenant.id, nowMs: now() }),
    ).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyDemoToken('not-a-token', { audience: 'graph', tenantId: scenario.tenant.id })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyDemoToken(token, { audience: 'graph', tenantId: 'another-tenant', nowMs: now() })).toEqual({
      ok: false,
      reason: 'wrong-tenant',
    });
  });
});
