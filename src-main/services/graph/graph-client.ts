import {
  GraphError,
  GraphLicenceError,
  GraphNotFoundError,
  GraphPermissionError,
  GraphRequestError,
  GraphSignInRequiredError,
  GraphThrottledError,
  type GraphRequirement,
} from './graph-errors';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retry-policy';
import { reportWait } from '../progress/wait-report';
import { wallClockMs } from '../clock/wall-clock';

/** The subset of `fetch` the client uses: Electron `net.fetch` in the app, Node's fetch elsewhere. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Returns a bearer token for Graph; `forceRefresh` after Graph rejected the previous one. */
export type GraphTokenProvider = (options: { forceRefresh: boolean }) => Promise<string>;

export type GraphVersion = 'v1.0' | 'beta';

export interface GraphClientOptions {
  /** Graph's root without version, e.g. `https://graph.microsoft.com` or a local simulator. */
  baseUrl: string;
  fetch: FetchLike;
  getToken: GraphTokenProvider;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; injected so tests and benches can observe the schedule. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Upper bound on pages followed per listing, so a looping nextLink cannot run forever. */
  maxPages?: number;
}

export interface GraphRequestOptions {
  version?: GraphVersion;
  /** Query parameters, e.g. `$filter`, `$select`, `$top`. */
  query?: Record<string, string>;
  /** Send `ConsistencyLevel: eventual` (advanced queries on directory objects: $count, $search, casts). */
  consistencyLevelEventual?: boolean;
  /** Send `Prefer: include-unknown-enum-members` (report-only CA results on sign-ins). */
  includeUnknownEnumMembers?: boolean;
  /** What the call needs, so a 403 names the missing permission or licence. */
  requirement?: GraphRequirement;
  signal?: AbortSignal;
}

/** Graph's error body: `{ "error": { "code": "...", "message": "..." } }`. */
interface GraphErrorBody {
  code?: string;
  message?: string;
}

/** Graph codes that mean "the tenant lacks a premium licence" rather than "you lack a permission". */
const LICENCE_CODES = new Set(['Authentication_RequestFromNonPremiumTenantOrB2CTenant']);

/**
 * A small Microsoft Graph client over an injected fetch: bearer token with one forced refresh on
 * 401, bounded retries with Retry-After and jitter on 429/503/504, `@odata.nextLink` paging that
 * never leaves the configured origin, and typed errors.
 */
export class GraphClient {
  private readonly baseUrl: string;
  private readonly origin: string;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly maxPages: number;

  constructor(private readonly options: GraphClientOptions) {
    const url = new URL(options.baseUrl);
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.origin = url.origin;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.maxPages = options.maxPages ?? 200;
  }

  /** GET one resource or one page. */
  async get(path: string, options: GraphRequestOptions = {}): Promise<unknown> {
    return this.send('GET', this.buildUrl(path, options), undefined, options);
  }

  /** POST a JSON body (actions such as What-If). */
  async post(path: string, body: unknown, options: GraphRequestOptions = {}): Promise<unknown> {
    return this.send('POST', this.buildUrl(path, options), JSON.stringify(body), options);
  }

  /** GET a collection and follow `@odata.nextLink` until the end; returns all `value` items. */
  async getAll(path: string, options: GraphRequestOptions = {}): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: string | undefined = this.buildUrl(path, options);
    for (let page = 0; url !== undefined; page++) {
      if (page >= this.maxPages) {
        throw new GraphRequestError(
          `Microsoft Graph returned more than ${this.maxPages} pages; the list was cut off.`,
          0,
        );
      }
      const body = await this.send('GET', url, undefined, options);
      const { value, nextLink } = readPage(body);
      items.push(...value);
      url = nextLink === undefined ? undefined : this.checkNextLink(nextLink);
    }
    return items;
  }

  private buildUrl(path: string, options: GraphRequestOptions): string {
    const version = options.version ?? 'v1.0';
    const url = new URL(`${this.baseUrl}/${version}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    return url.href;
  }

  /** The token goes only to the configured Graph origin, whatever a nextLink says. */
  private checkNextLink(nextLink: string): string {
    const url = new URL(nextLink, this.baseUrl);
    if (url.origin !== this.origin) {
      throw new GraphRequestError(
        'Microsoft Graph returned a next-page link to another server; it was not followed.',
        0,
      );
    }
    return url.href;
  }

  private async send(
    method: string,
    url: string,
    body: string | undefined,
    options: GraphRequestOptions,
  ): Promise<unknown> {
    let refreshed = false;
    let token = await this.token(false);
    for (let retry = 0; ; retry++) {
      const response = await this.fetchOnce(method, url, body, token, options);
      if (response.ok) return readJson(response);

      if (response.status === 401) {
        const error = await readErrorBody(response);
        if (refreshed) throw new GraphSignInRequiredError(error.code);
        // A token can expire between two calls of one step; one forced refresh covers that.
        refreshed = true;
        token = await this.token(true);
        retry--;
        continue;
      }
      if (RETRYABLE_STATUSES.has(response.status)) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), wallClockMs());
        await response.body?.cancel();
        const delay =
          retry < this.policy.maxRetries
            ? retryDelayMs(this.policy, retry, retryAfterMs, this.random)
            : undefined;
        if (delay === undefined) {
          throw new GraphThrottledError(
            response.status,
            retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
          );
        }
        // The step running this call shows the wait, so a busy tenant is not a frozen bar.
        reportWait({ service: 'Microsoft Graph', waitMs: delay, attempt: retry + 2, maxAttempts: this.policy.maxRetries + 1 });
        await this.sleep(delay, options.signal);
        continue;
      }
      throw toTypedError(response.status, await readErrorBody(response), options.requirement);
    }
  }

  private async fetchOnce(
    method: string,
    url: string,
    body: string | undefined,
    token: string,
    options: GraphRequestOptions,
  ): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.consistencyLevelEventual) headers['ConsistencyLevel'] = 'eventual';
    if (options.includeUnknownEnumMembers) headers['Prefer'] = 'include-unknown-enum-members';
    try {
      return await this.options.fetch(url, { method, headers, body, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // The message of a network failure is kept; the request headers (with the token) are not.
      const reason = error instanceof Error ? error.message : String(error);
      throw new GraphRequestError(
        `Could not reach Microsoft Graph (${reason}). Check the network connection or proxy, then repeat this step.`,
        0,
      );
    }
  }

  private async token(forceRefresh: boolean): Promise<string> {
    try {
      return await this.options.getToken({ forceRefresh });
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw new GraphSignInRequiredError();
    }
  }
}

function toTypedError(
  status: number,
  body: GraphErrorBody,
  requirement: GraphRequirement | undefined,
): GraphError {
  if (status === 403) {
    if (body.code !== undefined && LICENCE_CODES.has(body.code)) {
      return new GraphLicenceError(requirement?.licence ?? 'Microsoft Entra ID P1 or P2', body.code);
    }
    return new GraphPermissionError(requirement, body.code);
  }
  if (status === 404) {
    return new GraphNotFoundError('Microsoft Graph could not find what was asked for.', status, body.code);
  }
  const detail = body.message ? `: ${body.message}` : '';
  return new GraphRequestError(`Microsoft Graph answered HTTP ${status}${detail}`, status, body.code);
}

function readPage(body: unknown): { value: unknown[]; nextLink: string | undefined } {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { value?: unknown }).value)) {
    throw new GraphRequestError('Microsoft Graph returned a list in an unexpected shape.', 200);
  }
  const page = body as { value: unknown[]; '@odata.nextLink'?: unknown };
  const next = page['@odata.nextLink'];
  return { value: page.value, nextLink: typeof next === 'string' ? next : undefined };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GraphRequestError('Microsoft Graph returned a reply that is not JSON.', response.status);
  }
}

async function readErrorBody(response: Response): Promise<GraphErrorBody> {
  try {
    const parsed = (await response.json()) as { error?: GraphErrorBody };
    const error = parsed?.error;
    return {
      code: typeof error?.code === 'string' ? error.code : undefined,
      message: typeof error?.message === 'string' ? error.message : undefined,
    };
  } catch {
    return {};
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
