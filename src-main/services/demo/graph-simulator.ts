import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyDemoToken } from './demo-token';
import { GRAPH_ERRORS, graphError, type GraphReply } from './graph/graph-responses';
import { ROUTES, type CollectionResult, type Route } from './graph/graph-routes';
import { roleTemplatesOf } from './graph/directory';
import { latencyFor, sleep } from './latency';
import type { LatencyProfile, Scenario } from './scenario/scenario-schema';

export interface GraphSimulatorOptions {
  scenario: Scenario;
  /** Defaults to the scenario's own profile. */
  latency?: LatencyProfile;
  /** 0 or absent: any free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** HMAC key of the demo tokens; defaults to the demo identity provider's. */
  signingKey?: string;
}

export interface GraphSimulator {
  /** `http://127.0.0.1:PORT`; Graph paths go under `/v1.0/…` and `/beta/…`. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Microsoft Graph for the demo tenant, on loopback HTTP. It answers the endpoints the wizard calls
 * from the scenario, with Graph's JSON shapes, `@odata.nextLink` paging, bearer-token checks
 * (401), permission and role checks (403 Authorization_RequestDenied), throttling with
 * Retry-After when the scenario asks for it, and What-If answered from recorded results.
 */
export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const { scenario } = options;
  const profile = options.latency ?? scenario.latency;
  const throttleLeft = scenario.graph.throttling.map((rule) => rule.times);
  const failuresLeft = scenario.graph.failures.map((rule) => rule.times ?? Number.POSITIVE_INFINITY);
  let baseUrl = '';

  const server = createServer((req, res) => {
    handle(req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        console.error('[graph-simulator] internal error:', error instanceof Error ? error.message : error);
        send(res, {
          status: 500,
          body: { error: { code: 'InternalServerError', message: 'The demo Graph simulator failed.' } },
        });
      });
  });

  async function handle(req: IncomingMessage): Promise<GraphReply> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', baseUrl);
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    await sleep(latencyFor(profile, 'graph'));

    const versionMatch = /^\/(v1\.0|beta)(\/.*)?$/.exec(url.pathname);
    if (!versionMatch)
      return GRAPH_ERRORS.badRequest(`Invalid version: ${url.pathname.split('/')[1] ?? ''}`, requestId);
    const version = versionMatch[1] as 'v1.0' | 'beta';
    const path = decodeURIComponent(versionMatch[2] ?? '/');

    const auth = checkBearer(req.headers.authorization, requestId);
    if ('reply' in auth) return auth.reply;

    const throttled = throttle(path, requestId);
    if (throttled) return throttled;
    const failed = failure(path, version, url.search, requestId);
    if (failed) return failed;

    const candidates = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter(
      (c) => c.match !== null,
    );
    const found = candidates.find((c) => c.route.method === req.method);
    if (!found) {
      if (candidates.length > 0) return GRAPH_ERRORS.methodNotAllowed(requestId);
      return GRAPH_ERRORS.noSegment(path.split('/').filter(Boolean).pop() ?? '', requestId);
    }
    const denied = checkRights(found.route, auth.scopes, auth.userId, requestId);
    if (denied) return denied;

    const result = found.route.handle({
      scenario,
      version,
      params: found.match!.slice(1).map((p) => p ?? ''),
      query: url.searchParams,
      headers: req.headers,
      body,
      operatorId: auth.userId,
      requestId,
    });
    const reply = 'collection' in result ? page(result, url, version) : result;
    return {
      ...reply,
      headers: { 'request-id': requestId, 'client-request-id': requestId, ...reply.headers },
    };
  }

  function checkBearer(
    header: string | undefined,
    requestId: string,
  ): { reply: GraphReply } | { scopes: string[]; userId: string } {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return { reply: GRAPH_ERRORS.tokenMissing(requestId) };
    const check = verifyDemoToken(match[1]!, {
      audience: 'graph',
      tenantId: scenario.tenant.id,
      key: options.signingKey,
    });
    if (!check.ok)
      return {
        reply:
          check.reason === 'expired'
            ? GRAPH_ERRORS.tokenExpired(requestId)
            : GRAPH_ERRORS.tokenInvalid(requestId),
      };
    return { scopes: check.claims.scp, userId: check.claims.oid };
  }

  /** The scenario's Graph failures by error code, matched on path, version and query text. */
  function failure(path: string, version: string, search: string, requestId: string): GraphReply | undefined {
    const query = decodeURIComponent(search.replace(/\+/g, ' '));
    const index = scenario.graph.failures.findIndex(
      (rule, i) =>
        path.includes(rule.pathContains) &&
        (rule.version === undefined || rule.version === version) &&
        (rule.queryContains === undefined || query.includes(rule.queryContains)) &&
        failuresLeft[i]! > 0,
    );
    if (index === -1) return undefined;
    failuresLeft[index]!--;
    const rule = scenario.graph.failures[index]!;
    return graphError(rule.status, rule.code, rule.message, requestId);
  }

  function throttle(path: string, requestId: string): GraphReply | undefined {
    const index = scenario.graph.throttling.findIndex(
      (rule, i) => path.includes(rule.pathContains) && throttleLeft[i]! > 0,
    );
    if (index < 0) return undefined;
    throttleLeft[index]!--;
    const rule = scenario.graph.throttling[index]!;
    return GRAPH_ERRORS.throttled(rule.status, rule.retryAfterSeconds, requestId);
  }

  function checkRights(
    route: Route,
    scopes: string[],
    userId: string,
    requestId: string,
  ): GraphReply | undefined {
    if (!route.permissions.some((p) => scopes.includes(p))) return GRAPH_ERRORS.forbidden(requestId);
    if (route.roles) {
      const held = roleTemplatesOf(scenario, userId);
      if (!route.roles.some((r) => held.has(r))) return GRAPH_ERRORS.forbidden(requestId);
    }
    if (route.needsPremium && !scenario.entra.premiumLicence) return GRAPH_ERRORS.noPremiumLicence(requestId);
    return undefined;
  }

  function page(result: CollectionResult, url: URL, version: string): GraphReply {
    const top = Number(url.searchParams.get('$top') ?? scenario.graph.pageSize);
    const size = Math.max(
      1,
      Math.min(Number.isFinite(top) ? Math.trunc(top) : scenario.graph.pageSize, result.maxPageSize),
    );
    const offset = decodeSkipToken(url.searchParams.get('$skiptoken'));
    const slice = result.collection
      .slice(offset, offset + size)
      .map((item) => project(item, url.searchParams.get('$select')));
    const body: Record<string, unknown> = {
      '@odata.context': `${baseUrl}/${version}/$metadata#${result.context}`,
      value: slice,
    };
    if (offset + size < result.collection.length) body['@odata.nextLink'] = nextLink(url, offset + size);
    return { status: 200, body, ...(result.headers ? { headers: result.headers } : {}) };
  }

  function nextLink(url: URL, offset: number): string {
    const parts = [...url.searchParams.entries()]
      .filter(([key]) => key !== '$skiptoken')
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
    parts.push(`$skiptoken=${Buffer.from(JSON.stringify({ o: offset })).toString('base64url')}`);
    return `${baseUrl}${url.pathname}?${parts.join('&')}`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function decodeSkipToken(token: string | null): number {
  if (token === null) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: unknown };
    return typeof o === 'number' && o >= 0 ? o : 0;
  } catch {
    return 0;
  }
}

function project(item: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (select === null) return item;
  const keep = new Set(['@odata.type', 'id', ...select.split(',').map((s) => s.trim())]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key)));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: GraphReply): void {
  const json = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(json
      ? {
          'Content-Type':
            'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
        }
      : {}),
    ...reply.headers,
  });
  res.end(json);
}
