import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient, type GraphClientOptions } from '../../../src-main/services/graph/graph-client';
import {
  GraphLicenceError,
  GraphPermissionError,
  GraphSignInRequiredError,
  GraphThrottledError,
} from '../../../src-main/services/graph/graph-errors';
import { GRAPH_REQUIREMENTS } from '../../../src-main/services/graph/requirements';
import { json, serve } from '../../support/tiny-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function client(origin: string, extra: Partial<GraphClientOptions> = {}) {
  const sleeps: number[] = [];
  const tokens: boolean[] = [];
  const graph = new GraphClient({
    baseUrl: origin,
    fetch: (url, init) => fetch(url, init),
    getToken: async ({ forceRefresh }) => {
      tokens.push(forceRefresh);
      return forceRefresh ? 'fresh-token' : 'stale-token';
    },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...extra,
  });
  return { graph, sleeps, tokens };
}

describe('GraphClient over a real HTTP server', () => {
  it('follows @odata.nextLink across pages and sends the bearer token on each', async () => {
    const server = await serve((req, res, origin) => {
      const page = Number(new URL(req.url, origin).searchParams.get('page') ?? '0');
      json(res, 200, {
        value: [{ n: page * 2 }, { n: page * 2 + 1 }],
        ...(page < 2 ? { '@odata.nextLink': `${origin}/v1.0/things?page=${page + 1}` } : {}),
      });
    });
    close = server.close;
    const items = await client(server.origin).graph.getAll('things');
    expect(items).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(server.seen).toHaveLength(3);
    for (const r of server.seen) expect(r.headers.authorization).toBe('Bearer stale-token');
  });

  it('does not follow a nextLink to another server (the token would go with it)', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, { value: [1], '@odata.nextLink': 'http://127.0.0.2:9/v1.0/steal' }),
    );
    close = server.close;
    await expect(client(server.origin).graph.getAll('things')).rejects.toThrow(/another server/);
    expect(server.seen).toHaveLength(1);
  });

  it('waits at least Retry-After (plus jitter) on 429 and then succeeds', async () => {
    let calls = 0;
    const server = await serve((_req, res) =>
      ++calls <= 2
        ? json(res, 429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '3' })
        : json(res, 200, { ok: 1 }),
    );
    close = server.close;
    const { graph, sleeps } = client(server.origin);
    expect(await graph.get('x')).toEqual({ ok: 1 });
    expect(sleeps).toEqual([3300, 3300]); // 3 s floor + 10 % jitter (random 0.5 × 20 %)
  });

  it('backs off exponentially with jitter on 503/504 without Retry-After', async () => {
    let calls = 0;
    const server = await serve((_req, res) =>
      ++calls <= 3 ? json(res, calls === 2 ? 504 : 503, {}) : json(res, 200, {}),
    );
    close = server.close;
    const { graph, sleeps } = client(server.origin);
    await graph.get('x');
    expect(sleeps).toEqual([1100, 2200, 4400]);
  });

  it('gives up after the retry budget with a typed "throttled" error', async () => {
    const server = await serve((_req, res) => json(res, 429, {}, { 'Retry-After': '2' }));
    close = server.close;
    const { graph, sleeps } = client(server.origin, { retry: { maxRetries: 2 } });
    const error = await graph.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphThrottledError);
    expect((error as GraphThrottledError).retryAfterSeconds).toBe(2);
    expect((error as Error).message).toMatch(/Wait 2 seconds/);
    expect(server.seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('fails fast when Graph asks for a wait longer than the cap', async () => {
    const server = await serve((_req, res) => json(res, 429, {}, { 'Retry-After': '600' }));
    close = server.close;
    const { graph, sleeps } = client(server.origin);
    await expect(graph.get('x')).rejects.toBeInstanceOf(GraphThrottledError);
    expect(sleeps).toEqual([]);
  });

  it('really sleeps with the default timer (Retry-After given as an HTTP date in the past)', async () => {
    let calls = 0;
    const server = await serve((_req, res) =>
      ++calls === 1
        ? json(res, 503, {}, { 'Retry-After': new Date(Date.now() - 1000).toUTCString() })
        : json(res, 200, { ok: 2 }),
    );
    close = server.close;
    const graph = new GraphClient({ baseUrl: server.origin, fetch, getToken: async () => 't' });
    expect(await graph.get('x')).toEqual({ ok: 2 });
  });

  it('refreshes the token once on 401, and asks for a new sign-in if that is refused too', async () => {
    const server = await serve((req, res) =>
      req.headers.authorization === 'Bearer fresh-token'
        ? json(res, 200, { ok: true })
        : json(res, 401, { error: { code: 'InvalidAuthenticationToken', message: 'expired' } }),
    );
    close = server.close;
    const ok = client(server.origin);
    expect(await ok.graph.get('x')).toEqual({ ok: true });
    expect(ok.tokens).toEqual([false, true]);

    const server2 = await serve((_req, res) =>
      json(res, 401, { error: { code: 'InvalidAuthenticationToken' } }),
    );
    const previous = close;
    close = async () => {
      await previous();
      await server2.close();
    };
    const error = await client(server2.origin)
      .graph.get('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphSignInRequiredError);
    expect(String((error as Error).message)).not.toMatch(/token-/);
    expect(server2.seen).toHaveLength(2);
  });

  it('turns a failing token provider into "sign in again" without calling Graph', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    close = server.close;
    const graph = new GraphClient({
      baseUrl: server.origin,
      fetch,
      getToken: async () => {
        throw new Error('interaction_required');
      },
    });
    await expect(graph.get('x')).rejects.toBeInstanceOf(GraphSignInRequiredError);
    expect(server.seen).toHaveLength(0);
  });

  it('maps 403 to the missing permission and roles, or to a missing licence', async () => {
    const server = await serve((req, res) =>
      req.url.includes('signIns')
        ? json(res, 403, {
            error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: 'x' },
          })
        : json(res, 403, {
            error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' },
          }),
    );
    close = server.close;
    const { graph } = client(server.origin);
    const denied = await graph
      .get('identity/conditionalAccess/policies', { requirement: GRAPH_REQUIREMENTS.conditionalAccess })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(GraphPermissionError);
    expect((denied as Error).message).toContain('Policy.Read.All');
    expect((denied as Error).message).toContain('Security Reader');
    const licence = await graph
      .get('auditLogs/signIns', { requirement: GRAPH_REQUIREMENTS.signIns })
      .catch((e: unknown) => e);
    expect(licence).toBeInstanceOf(GraphLicenceError);
    expect((licence as Error).message).toContain('Entra ID P1');
  });

  it('sends Prefer and ConsistencyLevel only when asked, and puts the version in the path', async () => {
    const server = await serve((_req, res) => json(res, 200, { value: [] }));
    close = server.close;
    const { graph } = client(server.origin);
    await graph.getAll('auditLogs/signIns', {
      includeUnknownEnumMembers: true,
      query: { $filter: "a eq 'b'" },
    });
    await graph.get('users/x', { consistencyLevelEventual: true, version: 'beta' });
    await graph.post('identity/conditionalAccess/evaluate', { a: 1 });
    const [signIns, user, post] = server.seen;
    expect(signIns?.url).toBe(`/v1.0/auditLogs/signIns?%24filter=a+eq+%27b%27`);
    expect(signIns?.headers.prefer).toBe('include-unknown-enum-members');
    expect(signIns?.headers.consistencylevel).toBeUndefined();
    expect(user?.url).toBe('/beta/users/x');
    expect(user?.headers.consistencylevel).toBe('eventual');
    expect(user?.headers.prefer).toBeUndefined();
    expect(post?.method).toBe('POST');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ a: 1 });
  });
});
