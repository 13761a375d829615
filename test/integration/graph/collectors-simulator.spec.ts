import { afterEach, describe, expect, it } from 'vitest';
import { issueDemoToken } from '../../../src-main/services/demo/demo-token';
import { startGraphSimulator, type GraphSimulator } from '../../../src-main/services/demo/graph-simulator';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import type { Scenario } from '../../../src-main/services/demo/scenario/scenario-schema';
import { collectConditionalAccess } from '../../../src-main/services/graph/collectors/conditional-access';
import { collectEasSignIns } from '../../../src-main/services/graph/collectors/sign-ins';
import { collectUserMemberships } from '../../../src-main/services/graph/collectors/user-memberships';
import { evaluateWhatIf } from '../../../src-main/services/graph/collectors/what-if';
import { collectEvidence } from '../../../src-main/services/graph/evidence';
import { GraphClient, type FetchLike } from '../../../src-main/services/graph/graph-client';
import { collectGraphEvidence } from '../../../src-main/services/graph/graph-evidence';

/**
 * The collectors against the demo tenant's Graph simulator: real HTTP on 127.0.0.1, real demo
 * tokens checked for signature, audience and expiry, scenario-driven 403s and throttling.
 */

const USER = 'alex.wilber@contoso.example';
const USER_ID = 'b1f0c2d4-7e3a-4f6b-9c8d-2a1e3f4b5c61';

let simulator: GraphSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

function scenario(change: (s: Scenario) => void = () => undefined): Scenario {
  const s = structuredClone(loadScenario('healthy-iphone'));
  s.latency = 'instant';
  change(s);
  return s;
}

/** Issues demo tokens as the demo identity provider would, with a chosen lifetime. */
function tokenSource(s: Scenario, lifetimeSeconds = 3600) {
  const issued: string[] = [];
  const issue = () => {
    const now = Math.floor(Date.now() / 1000);
    const token = issueDemoToken({
      aud: 'graph',
      tid: s.tenant.id,
      oid: s.operator.userId,
      upn: 'helpdesk@contoso.example',
      scp: s.operator.graphPermissions,
      iat: now,
      exp: now + lifetimeSeconds,
    });
    issued.push(token);
    return token;
  };
  let current: string | undefined;
  const getToken = async ({ forceRefresh }: { forceRefresh: boolean }) => {
    if (forceRefresh || current === undefined) current = issue();
    return current;
  };
  return { getToken, issued };
}

async function start(s: Scenario, options: { lifetimeSeconds?: number; fetch?: FetchLike } = {}) {
  simulator = await startGraphSimulator({ scenario: s });
  const tokens = tokenSource(s, options.lifetimeSeconds);
  const sleeps: number[] = [];
  const client = new GraphClient({
    baseUrl: simulator.baseUrl,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    getToken: tokens.getToken,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { client, tokens, sleeps, now: () => new Date(s.clock.now) };
}

describe('Graph evidence from the demo tenant simulator', () => {
  it('collects every kind of evidence for a healthy tenant', async () => {
    const s = scenario();
    const { client, now } = await start(s);
    const bundle = await collectGraphEvidence(client, { userPrincipalName: USER, now });

    expect(bundle.conditionalAccess).toMatchObject({ status: 'available' });
    if (bundle.conditionalAccess.status !== 'available') throw new Error('unreachable');
    expect(bundle.conditionalAccess.data.policies.map((p) => p.id)).toEqual(
      s.entra.conditionalAccessPolicies.map((p) => p.id),
    );
    expect(bundle.conditionalAccess.data.namedLocations).toHaveLength(s.entra.namedLocations.length);

    if (bundle.memberships.status !== 'available') throw new Error(bundle.memberships.reason);
    expect(bundle.memberships.data.user.id).toBe(USER_ID);
    // All Staff and Sales EMEA directly, Sales through Sales EMEA (nested).
    expect(bundle.memberships.data.groups.map((g) => g.displayName).sort()).toEqual([
      'All Staff',
      'Sales',
      'Sales EMEA',
    ]);
    expect(bundle.memberships.data.directoryRoles).toEqual([]);

    if (bundle.signIns.status !== 'available') throw new Error(bundle.signIns.reason);
    const expected = s.entra.signIns.filter(
      (x) =>
        x.userPrincipalName === USER &&
        ['Exchange ActiveSync', 'Mobile Apps and Desktop clients'].includes(x.clientAppUsed),
    );
    expect(bundle.signIns.data.signIns.map((x) => x.id)).toEqual(
      expected.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime)).map((x) => x.id),
    );
    expect(bundle.signIns.data.since).toBe('2026-11-19T09:00:00.000Z');

    expect(bundle.whatIf).toHaveLength(2);
    const eas = bundle.whatIf[0];
    if (eas?.status !== 'available') throw new Error('What-If unavailable');
    expect(eas.data).toMatchObject({ clientAppType: 'exchangeActiveSync', apiVersion: 'v1.0' });
    expect(eas.data.results.map((r) => [r.id, r.policyApplies, r.analysisReasons])).toEqual([
      ['1e2d3c4b-5a69-4788-9766-554433221101', false, ['users']],
      ['2f3e4d5c-6b7a-4899-8877-665544332202', false, ['clientApps']],
    ]);
  });

  it('follows paging on every listing (one item per page)', async () => {
    const s = scenario((x) => (x.graph.pageSize = 1));
    const { client, now } = await start(s);
    const ca = await collectConditionalAccess(client);
    expect(ca.policies).toHaveLength(s.entra.conditionalAccessPolicies.length);
    const memberships = await collectUserMemberships(client, USER);
    expect(memberships.groups).toHaveLength(3);
    const signIns = await collectEasSignIns(client, { userPrincipalName: USER, now: now() });
    expect(signIns.signIns).toHaveLength(2);
  });

  it('falls back to beta when v1.0 has no What-If (400 or 404), and records it', async () => {
    for (const missingVersionStatus of [400, 404] as const) {
      const s = scenario((x) => {
        x.entra.whatIf.versions = ['beta'];
        x.entra.whatIf.missingVersionStatus = missingVersionStatus;
      });
      const { client } = await start(s);
      const result = await evaluateWhatIf(client, {
        userId: USER_ID,
        clientAppType: 'exchangeActiveSync',
        devicePlatform: 'iOS',
      });
      expect(result.apiVersion).toBe('beta');
      expect(result.results.length).toBeGreaterThan(0);
      await simulator?.close();
      simulator = undefined;
    }
  });

  it('rides out a throttling storm by honouring Retry-After, then gives up with "throttled" and goes on', async () => {
    const s = scenario((x) => {
      x.graph.throttling = [
        { pathContains: '/identity/conditionalAccess/policies', status: 429, retryAfterSeconds: 2, times: 3 },
        {
          pathContains: '/identity/conditionalAccess/namedLocations',
          status: 503,
          retryAfterSeconds: 1,
          times: 1,
        },
        { pathContains: '/auditLogs/signIns', status: 429, retryAfterSeconds: 5, times: 100 },
      ];
    });
    const { client, sleeps, now } = await start(s);
    const bundle = await collectGraphEvidence(client, { userPrincipalName: USER, now });
    expect(bundle.conditionalAccess.status).toBe('available');
    // Never sooner than Graph asked: three waits of >= 2 s, one of >= 1 s, then the sign-in storm.
    expect(sleeps.slice(0, 4).map((ms) => Math.floor(ms / 1000))).toEqual([2, 2, 2, 1]);
    expect(sleeps.slice(0, 3).every((ms) => ms >= 2000 && ms <= 2400)).toBe(true);
    expect(bundle.signIns).toMatchObject({ status: 'unavailable', kind: 'throttled' });
    expect(bundle.memberships.status).toBe('available');
    expect(bundle.whatIf.every((w) => w.status === 'available')).toBe(true);
  });

  it('gets a new token when the current one expires in the middle of a step', async () => {
    const s = scenario((x) => (x.graph.pageSize = 1));
    let requests = 0;
    let firstExpiry = 0;
    const slowNetwork: FetchLike = async (url, init) => {
      requests++;
      // After the first page, the network stalls until the first token has expired.
      if (requests === 2) await new Promise((r) => setTimeout(r, Math.max(0, firstExpiry - Date.now()) + 50));
      return fetch(url, init);
    };
    const started = await start(s, { lifetimeSeconds: 1, fetch: slowNetwork });
    firstExpiry = (Math.floor(Date.now() / 1000) + 1) * 1000;
    const evidence = await collectEvidence(() => collectConditionalAccess(started.client), started.now);
    expect(evidence.status).toBe('available');
    if (evidence.status !== 'available') return;
    expect(evidence.data.policies).toHaveLength(s.entra.conditionalAccessPolicies.length);
    expect(started.tokens.issued.length).toBeGreaterThanOrEqual(2);
  });

  it('marks evidence unavailable with the missing permission, role or licence, and the wizard goes on', async () => {
    const noAuditLog = scenario((x) => {
      x.operator.graphPermissions = x.operator.graphPermissions.filter((p) => p !== 'AuditLog.Read.All');
    });
    const a = await start(noAuditLog);
    const bundle = await collectGraphEvidence(a.client, { userPrincipalName: USER, now: a.now });
    expect(bundle.signIns).toMatchObject({ status: 'unavailable', kind: 'missing-permission' });
    if (bundle.signIns.status === 'unavailable') {
      expect(bundle.signIns.missingPermission).toContain('AuditLog.Read.All');
      expect(bundle.signIns.missingRoles).toContain('Reports Reader');
      expect(bundle.signIns.reason).toMatch(/Ask your Entra administrator/);
    }
    expect(bundle.conditionalAccess.status).toBe('available');
    expect(bundle.memberships.status).toBe('available');
    await simulator?.close();

    const noRole = scenario((x) => {
      for (const role of x.directoryRoles) role.members = [];
    });
    const b = await start(noRole);
    const ca = await collectEvidence(() => collectConditionalAccess(b.client), b.now);
    expect(ca).toMatchObject({
      status: 'unavailable',
      kind: 'missing-permission',
      missingPermission: 'Policy.Read.All',
    });
    await simulator?.close();

    const noLicence = scenario((x) => (x.entra.premiumLicence = false));
    const c = await start(noLicence);
    const signIns = await collectEvidence(
      () => collectEasSignIns(c.client, { userPrincipalName: USER, now: c.now() }),
      c.now,
    );
    expect(signIns).toMatchObject({ status: 'unavailable', kind: 'licence-required' });
    if (signIns.status === 'unavailable') expect(signIns.reason).toContain('Entra ID P1');
  });

  it('needs the Prefer header to see report-only policy results on sign-ins', async () => {
    const s = scenario((x) => {
      const target = x.entra.signIns.find((i) => i.userPrincipalName === USER);
      if (!target) throw new Error('scenario changed');
      target.appliedConditionalAccessPolicies = [
        {
          id: '2f3e4d5c-6b7a-4899-8877-665544332202',
          displayName: 'Report-only test',
          enforcedGrantControls: [],
          enforcedSessionControls: [],
          result: 'reportOnlyFailure',
        },
      ];
    });
    const { client, now } = await start(s);
    const evidence = await collectEasSignIns(client, { userPrincipalName: USER, now: now() });
    const results = evidence.signIns.flatMap((x) => x.appliedConditionalAccessPolicies.map((p) => p.result));
    expect(results).toContain('reportOnlyFailure');
  });
});

describe('Graph evidence for the phone: non-interactive sign-ins and What-If conditions', () => {
  function named(id: string): Scenario {
    const s = structuredClone(loadScenario(id));
    s.latency = 'instant';
    return s;
  }

  it('reads the token-refresh failures from beta and marks them non-interactive and unverified', async () => {
    const { client, now } = await start(named('refresh-token-after-password-change'));
    const evidence = await collectEasSignIns(client, { userPrincipalName: USER, now: now() });
    expect(evidence.nonInteractive).toMatchObject({ read: true, unverified: true });
    const refreshes = evidence.signIns.filter((s) => s.isInteractive === false);
    expect(refreshes.map((s) => s.status?.errorCode)).toEqual(expect.arrayContaining([50173, 50133]));
    expect(evidence.nonInteractive?.read && evidence.nonInteractive.count).toBe(refreshes.length);
  });

  it('says why the non-interactive sign-ins could not be read, and keeps the interactive ones', async () => {
    const { client, now } = await start(named('ca-hybrid-joined-grant'));
    const evidence = await collectEasSignIns(client, { userPrincipalName: USER, now: now() });
    expect(evidence.nonInteractive).toMatchObject({ read: false });
    expect(evidence.nonInteractive?.read === false && evidence.nonInteractive.reason).toContain('Request_UnsupportedQuery');
    expect(evidence.signIns.length).toBeGreaterThan(0);
  });

  it("asks What-If with the country from the phone's own sign-in, and records what it asked", async () => {
    const s = named('ca-country-block-traveller');
    const { client, now } = await start(s);
    const bundle = await collectGraphEvidence(client, {
      userPrincipalName: USER,
      now,
      device: { devicePlatform: 'iOS' },
      conditionsFromSignIns: (e) => {
        const latest = e.signIns.find((x) => x.appDisplayName === 'iOS Accounts');
        return { ipAddress: latest?.ipAddress ?? undefined, country: latest?.location?.countryOrRegion ?? undefined };
      },
    });
    const geo = s.entra.conditionalAccessPolicies.find((p) => p.displayName === 'Block access outside allowed countries')!.id;
    for (const run of bundle.whatIf) {
      if (run.status !== 'available') throw new Error(run.reason);
      expect(run.data.conditions).toMatchObject({ devicePlatform: 'iOS', country: 'BR', ipAddress: '192.0.2.77' });
      expect(run.data.results.find((r) => r.id === geo)?.policyApplies).toBe(true);
    }
  });
});
