import { afterEach, describe, expect, it } from 'vitest';
import { issueDemoToken, type DemoTokenClaims } from '../../../src-main/services/demo/demo-token';
import { startGraphSimulator, type GraphSimulator } from '../../../src-main/services/demo/graph-simulator';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import type { Scenario } from '../../../src-main/services/demo/scenario/scenario-schema';

const ALEX = 'b1f0c2d4-7e3a-4f6b-9c8d-2a1e3f4b5c61';
let sim: GraphSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function scenarioWith(change: (s: Scenario) => void = () => {}): Scenario {
  const s = structuredClone(loadScenario('healthy-iphone'));
  change(s);
  return s;
}

function tokenFor(s: Scenario, overrides: Partial<DemoTokenClaims> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return issueDemoToken({
    aud: 'graph',
    tid: s.tenant.id,
    oid: s.operator.userId,
    upn: 'helpdesk@contoso.example',
    scp: s.operator.graphPermissions,
    iat: now,
    exp: now + 600,
    ...overrides,
  });
}

async function start(s: Scenario): Promise<{
  get: (path: string, headers?: Record<string, string>) => Promise<Response>;
  post: (path: string, body: unknown) => Promise<Response>;
}> {
  sim = await startGraphSimulator({ scenario: s, latency: 'instant' });
  const base = sim.baseUrl;
  const auth = { Authorization: `Bearer ${tokenFor(s)}` };
  return {
    get: (path, headers = {}) =>
      fetch(path.startsWith('http') ? path : `${base}${path}`, { headers: { ...auth, ...headers } }),
    post: (path, body) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

async function collectAll(
  get: (path: string) => Promise<Response>,
  first: string,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const res = await get(next);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: Record<string, unknown>[]; '@odata.nextLink'?: string };
    items.push(...body.value);
    next = body['@odata.nextLink'];
    pages++;
  }
  return { items, pages };
}

describe('Graph simulator: transport and tokens', () => {
  it('listens on 127.0.0.1 only', async () => {
    const s = scenarioWith();
    sim = await startGraphSimulator({ scenario: s, latency: 'instant' });
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 InvalidAuthenticationToken without a token, with an expired one, or one for another audience', async () => {
    const s = scenarioWith();
    sim = await startGraphSimulator({ scenario: s, latency: 'instant' });
    const url = `${sim.baseUrl}/v1.0/identity/conditionalAccess/policies`;
    const cases: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${tokenFor(s, { exp: Math.floor(Date.now() / 1000) - 5 })}` },
      { Authorization: `Bearer ${tokenFor(s, { aud: 'exchange' })}` },
      { Authorization: `Bearer ${tokenFor(s).slice(0, -3)}abc` },
    ];
    const messages: string[] = [];
    for (const headers of cases) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as {
        error: { code: string; message: string; innerError: Record<string, string> };
      };
      expect(body.error.code).toBe('InvalidAuthenticationToken');
      expect(body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
      messages.push(body.error.message);
    }
    expect(messages[1]).toMatch(/expired/);
  });
});

describe('Graph simulator: directory and policies', () => {
  it('pages CA policies with absolute @odata.nextLink until every policy has been returned', async () => {
    const s = scenarioWith((x) => (x.graph.pageSize = 1));
    const { get } = await start(s);
    const { items, pages } = await collectAll(get, '/v1.0/identity/conditionalAccess/policies');
    expect(items.map((p) => p.id)).toEqual(s.entra.conditionalAccessPolicies.map((p) => p.id));
    expect(pages).toBe(s.entra.conditionalAccessPolicies.length);
  });

  it('serves named locations in Graph shape on beta too', async () => {
    const { get } = await start(scenarioWith());
    const body = (await (await get('/beta/identity/conditionalAccess/namedLocations')).json()) as {
      value: { '@odata.type': string }[];
    };
    expect(body.value[0]?.['@odata.type']).toBe('#microsoft.graph.ipNamedLocation');
  });

  it('finds a user by UPN or id and says Request_ResourceNotFound for anyone else', async () => {
    const { get } = await start(scenarioWith());
    const byUpn = (await (await get('/v1.0/users/Alex.Wilber@contoso.example')).json()) as { id: string };
    expect(byUpn.id).toBe(ALEX);
    const missing = await get('/v1.0/users/nobody@contoso.example');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'Request_ResourceNotFound',
    );
  });

  it('follows nested groups in transitiveMemberOf and includes directory roles; the cast narrows to groups', async () => {
    const s = scenarioWith((x) => x.directoryRoles[1]!.members.push(ALEX));
    const { get } = await start(s);
    const all = (await (await get(`/v1.0/users/${ALEX}/transitiveMemberOf`)).json()) as {
      value: { '@odata.type': string; displayName: string }[];
    };
    const names = all.value.map((m) => m.displayName);
    expect(names).toEqual(expect.arrayContaining(['All Staff', 'Sales EMEA', 'Sales', 'Reports Reader']));
    const groups = (await (
      await get(`/v1.0/users/${ALEX}/transitiveMemberOf/microsoft.graph.group`)
    ).json()) as { value: { '@odata.type': string }[] };
    expect(groups.value.every((m) => m['@odata.type'] === '#microsoft.graph.group')).toBe(true);
    expect(groups.value).toHaveLength(3);
  });

  it('lists activated directory roles and their members', async () => {
    const s = scenarioWith();
    const { get } = await start(s);
    const roles = (await (await get('/v1.0/directoryRoles')).json()) as {
      value: { id: string; roleTemplateId: string }[];
    };
    expect(roles.value.map((r) => r.roleTemplateId)).toContain('f2ef992c-3afb-46b9-b7cf-a126ee74c451');
    const members = (await (await get(`/v1.0/directoryRoles/${roles.value[0]!.id}/members`)).json()) as {
      value: { userPrincipalName: string }[];
    };
    expect(members.value.map((m) => m.userPrincipalName)).toEqual(['helpdesk@contoso.example']);
  });
});

describe('Graph simulator: sign-ins', () => {
  const reportOnly = (s: Scenario) => {
    s.entra.signIns[0]!.appliedConditionalAccessPolicies = [
      {
        id: s.entra.conditionalAccessPolicies[0]!.id,
        displayName: 'x',
        enforcedGrantControls: [],
        enforcedSessionControls: [],
        result: 'reportOnlyFailure',
      },
    ];
  };

  it('filters on userId, clientAppUsed and createdDateTime ge, newest first', async () => {
    const s = scenarioWith();
    const { get } = await start(s);
    const filter = `userId eq '${ALEX}' and clientAppUsed eq 'Exchange ActiveSync' and createdDateTime ge 2026-11-26T00:00:00Z`;
    const body = (await (
      await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`)
    ).json()) as { value: { userId: string; createdDateTime: string; clientAppUsed: string }[] };
    const expected = s.entra.signIns.filter(
      (x) =>
        x.userId === ALEX && x.clientAppUsed === 'Exchange ActiveSync' && x.createdDateTime >= '2026-11-26',
    );
    expect(body.value).toHaveLength(expected.length);
    expect(body.value.length).toBeGreaterThan(0);
    const times = body.value.map((v) => Date.parse(v.createdDateTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters on userPrincipalName and pages with $top, keeping the filter in the nextLink', async () => {
    const s = scenarioWith();
    const { get } = await start(s);
    const filter = encodeURIComponent(`userPrincipalName eq 'megan.bowen@contoso.example'`);
    const { items, pages } = await collectAll(get, `/v1.0/auditLogs/signIns?$filter=${filter}&$top=1`);
    expect(items.length).toBe(
      s.entra.signIns.filter((x) => x.userPrincipalName === 'megan.bowen@contoso.example').length,
    );
    expect(pages).toBe(items.length);
    expect(new Set(items.map((i) => i.userPrincipalName))).toEqual(new Set(['megan.bowen@contoso.example']));
  });

  it('refuses filters Graph refuses: clientAppUsed with ne, unknown properties, broken syntax', async () => {
    const { get } = await start(scenarioWith());
    for (const filter of [`clientAppUsed ne 'Browser'`, `deviceDetail/browser eq 'x'`, `userId eq`]) {
      const res = await get(`/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
    }
  });

  it('shows report-only CA results only with Prefer: include-unknown-enum-members', async () => {
    const { get } = await start(scenarioWith(reportOnly));
    type Body = { value: { appliedConditionalAccessPolicies: { result: string }[] }[] };
    const plain = (await (await get('/v1.0/auditLogs/signIns')).json()) as Body;
    const withPrefer = await get('/v1.0/auditLogs/signIns', { Prefer: 'include-unknown-enum-members' });
    const preferred = (await withPrefer.json()) as Body;
    const results = (b: Body) =>
      b.value.flatMap((v) => v.appliedConditionalAccessPolicies.map((p) => p.result));
    expect(results(plain)).toContain('unknownFutureValue');
    expect(results(plain)).not.toContain('reportOnlyFailure');
    expect(results(preferred)).toContain('reportOnlyFailure');
    expect(withPrefer.headers.get('preference-applied')).toBe('include-unknown-enum-members');
  });

  it('answers 403 Authorization_RequestDenied when the app lacks AuditLog.Read.All', async () => {
    const { get } = await start(
      scenarioWith(
        (x) =>
          (x.operator.graphPermissions = x.operator.graphPermissions.filter(
            (p) => p !== 'AuditLog.Read.All',
          )),
      ),
    );
    const res = await get('/v1.0/auditLogs/signIns');
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    // Other evidence still answers: the wizard can go on without sign-ins.
    expect((await get('/v1.0/identity/conditionalAccess/policies')).status).toBe(200);
  });

  it('answers 403 when the operator holds no role that may read sign-ins, and a licence error without Entra ID P1', async () => {
    const noRole = await start(scenarioWith((x) => (x.directoryRoles[0]!.members = [])));
    expect((await noRole.get('/v1.0/auditLogs/signIns')).status).toBe(403);
    await sim!.close();
    sim = undefined;
    const noLicence = await start(scenarioWith((x) => (x.entra.premiumLicence = false)));
    const res = await noLicence.get('/v1.0/auditLogs/signIns');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    );
  });
});

describe('Graph simulator: throttling', () => {
  it('answers 429 with Retry-After as many times as the scenario says, then normally', async () => {
    const s = scenarioWith(
      (x) =>
        (x.graph.throttling = [
          { pathContains: 'auditLogs/signIns', status: 429, retryAfterSeconds: 2, times: 2 },
        ]),
    );
    const { get } = await start(s);
    for (let i = 0; i < 2; i++) {
      const res = await get('/v1.0/auditLogs/signIns');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    }
    expect((await get('/v1.0/auditLogs/signIns')).status).toBe(200);
    expect((await get('/v1.0/identity/conditionalAccess/policies')).status).toBe(200);
  });

  it('can answer 503 with Retry-After instead', async () => {
    const { get } = await start(
      scenarioWith(
        (x) =>
          (x.graph.throttling = [
            { pathContains: 'conditionalAccess', status: 503, retryAfterSeconds: 7, times: 1 },
          ]),
      ),
    );
    const res = await get('/v1.0/identity/conditionalAccess/policies');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});

describe('Graph simulator: What-If', () => {
  const body = (clientAppType = 'exchangeActiveSync') => ({
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: ALEX },
    signInContext: {
      '@odata.type': '#microsoft.graph.applicationContext',
      includeApplications: ['00000002-0000-0ff1-ce00-000000000000'],
    },
    signInConditions: { clientAppType, devicePlatform: 'iOS', ipAddress: '198.51.100.7' },
    appliedPoliciesOnly: false,
  });

  it('answers from the recorded results, with the full policy plus policyApplies and analysisReasons', async () => {
    const s = scenarioWith();
    const { post } = await start(s);
    const res = await post('/v1.0/identity/conditionalAccess/evaluate', body());
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      value: {
        id: string;
        displayName: string;
        conditions: unknown;
        policyApplies: boolean;
        analysisReasons: string;
      }[];
    };
    const recorded = s.entra.whatIf.results[0]!.policies;
    expect(json.value.map((v) => [v.id, v.policyApplies, v.analysisReasons])).toEqual(
      recorded.map((p) => [p.policyId, p.policyApplies, p.analysisReasons]),
    );
    expect(json.value[0]?.conditions).toBeDefined();
  });

  it('lets the client fall back to beta when the scenario says v1.0 does not answer', async () => {
    const { post } = await start(scenarioWith((x) => (x.entra.whatIf.versions = ['beta'])));
    const v1 = await post('/v1.0/identity/conditionalAccess/evaluate', body());
    expect(v1.status).toBe(400);
    expect(((await v1.json()) as { error: { message: string } }).error.message).toMatch(/segment 'evaluate'/);
    expect((await post('/beta/identity/conditionalAccess/evaluate', body())).status).toBe(200);
  });

  it('refuses the pre-2025 body shape and a missing permission', async () => {
    const { post } = await start(scenarioWith());
    const old = await post('/v1.0/identity/conditionalAccess/evaluate', {
      conditionalAccessWhatIfSubject: { userId: ALEX },
    });
    expect(old.status).toBe(400);
    await sim!.close();
    sim = undefined;
    const lacking = await start(scenarioWith((x) => (x.operator.graphPermissions = ['User.Read.All'])));
    const res = await lacking.post('/v1.0/identity/conditionalAccess/evaluate', body());
    expect(res.status).toBe(403);
  });
});

describe('Graph simulator: issue-12 format additions', () => {
  const evaluate = (country?: string) => ({
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: ALEX },
    signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: ['00000002-0000-0ff1-ce00-000000000000'] },
    signInConditions: { clientAppType: 'mobileAppsAndDesktopClients', devicePlatform: 'iOS', ...(country ? { country } : {}) },
  });

  it('answers What-If by the sign-in country: blocked from Brazil, "not enough information" without a country', async () => {
    const s = structuredClone(loadScenario('ca-country-block-traveller'));
    const { post } = await start(s);
    const geoId = s.entra.conditionalAccessPolicies.find((p) => p.displayName === 'Block access outside allowed countries')!.id;
    const pick = async (country?: string) => {
      const json = (await (await post('/v1.0/identity/conditionalAccess/evaluate', evaluate(country))).json()) as { value: { id: string; policyApplies: boolean; analysisReasons: string }[] };
      return json.value.find((v) => v.id === geoId);
    };
    expect(await pick('BR')).toMatchObject({ policyApplies: true });
    expect(await pick()).toMatchObject({ policyApplies: false, analysisReasons: 'notEnoughInformation' });
  });

  it('lists non-interactive sign-ins only on beta with signInEventTypes, interactive ones otherwise', async () => {
    const s = structuredClone(loadScenario('refresh-token-after-password-change'));
    const { get } = await start(s);
    const user = `userPrincipalName eq 'alex.wilber@contoso.example'`;
    const list = async (version: string, filter: string) => {
      const res = await get(`/${version}/auditLogs/signIns?$filter=${encodeURIComponent(filter)}`);
      return { status: res.status, items: res.ok ? ((await res.json()) as { value: { isInteractive: boolean; status: { errorCode: number } }[] }).value : [] };
    };
    const interactive = await list('v1.0', user);
    expect(interactive.items.length).toBeGreaterThan(0);
    expect(interactive.items.every((i) => i.isInteractive !== false)).toBe(true);
    const refreshes = await list('beta', `${user} and signInEventTypes/any(t: t eq 'nonInteractiveUser')`);
    expect(refreshes.items.map((i) => i.status.errorCode)).toContain(50173);
    expect(refreshes.items.every((i) => i.isInteractive === false)).toBe(true);
    expect((await list('v1.0', `${user} and signInEventTypes/any(t: t eq 'nonInteractiveUser')`)).status).toBe(400);
  });

  it('fails a request by Graph error code when the scenario says so', async () => {
    const s = structuredClone(loadScenario('ca-hybrid-joined-grant'));
    const { get } = await start(s);
    const filter = encodeURIComponent(`createdDateTime ge 2026-11-19T00:00:00Z and signInEventTypes/any(t: t eq 'nonInteractiveUser')`);
    const res = await get(`/beta/auditLogs/signIns?$filter=${filter}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Request_UnsupportedQuery');
    expect((await get('/v1.0/auditLogs/signIns')).status).toBe(200);
  });

  it('shows a group membership only from its start time on', async () => {
    const s = structuredClone(loadScenario('ca-sign-in-frequency'));
    const field = 'b7f6c8da-3e9a-4fc1-92e3-8a7e9fa0bcc7';
    const ids = async (scenario: Scenario) => {
      const { get } = await start(scenario);
      const json = (await (await get(`/v1.0/users/${ALEX}/transitiveMemberOf`)).json()) as { value: { id: string }[] };
      await sim?.close();
      sim = undefined;
      return json.value.map((v) => v.id);
    };
    expect(await ids(s)).toContain(field);
    const later = structuredClone(s);
    later.users.find((u) => u.id === ALEX)!.memberSince[field] = '2026-11-27T00:00:00Z';
    expect(await ids(later)).not.toContain(field);
  });
});
