import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake of the Entra v2 endpoints on 127.0.0.1, enough for MSAL Node's public-client
 * flows: authorize (PKCE), token (authorization_code, device_code, refresh_token) and devicecode.
 * MSAL insists on https authorities, so tests keep the real authority URL and route MSAL's
 * injected fetch here (ecosystem.md §1.6, option A).
 */

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const USER_OID = '99999999-8888-7777-6666-555555555555';
export const USERNAME = 'operator@contoso.example';
export const AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const AUTHORITY = `${AUTHORITY_HOST}/${TENANT_ID}`;

export interface FakeEntraOptions {
  /** Lifetime of issued access tokens; under 300 s MSAL treats them as due for renewal at once. */
  accessTokenLifetimeSeconds?: number;
  /** Device-code polls answered `authorization_pending` before success. */
  devicePendingPolls?: number;
  /** When set, device-code polls fail with this OAuth error after the pending polls. */
  deviceCodeError?: string;
  /** Never approve the device code (stays pending), for cancel and timeout tests. */
  deviceCodeNeverApproved?: boolean;
  /** Who signs in (the id token's preferred_username); the stub Exchange module keys roles on it. */
  username?: string;
  /**
   * Graph permissions (short names, e.g. `AuditLog.Read.All`) left out of every token, as when
   * the administrator never granted them: the token answers with fewer scopes than requested.
   */
  withheldScopes?: readonly string[];
}

interface IssuedCode {
  challenge: string;
  redirectUri: string;
  nonce?: string;
  scope: string;
}

export interface FakeEntra {
  origin: string;
  /** Count of token requests per grant type. */
  grants: Record<string, number>;
  /** Every access token issued, by resource, so tests can check which token Graph received. */
  issued: { resource: string; token: string; scopes: string[] }[];
  /** The username tokens are issued to. */
  username: string;
  /** Refresh tokens the fake has revoked (e.g. password reset). */
  revokeRefreshTokens(): void;
  /** `authorityMetadata` and `cloudDiscoveryMetadata` strings for MSAL's configuration. */
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
  /** The fetch the test injects into the auth service: sends Microsoft's host to this server. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** URLs requested through `fetch`, as MSAL built them (before rewriting). */
  requestedUrls: string[];
  /**
   * Plays the browser in code: follows the authorize URL and posts the code back to MSAL's
   * loopback. (A real browser asking for HTML gets the sign-in page instead, see `authorize`.)
   */
  browser: (authorizeUrl: string) => Promise<void>;
  close(): Promise<void>;
}

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const codes = new Map<string, IssuedCode>();
  const deviceCodes = new Map<string, { polls: number; scope: string }>();
  const refreshTokens = new Set<string>();
  const grants: Record<string, number> = {};
  const issued: { resource: string; token: string; scopes: string[] }[] = [];
  const username = options.username ?? USERNAME;
  const withheld = new Set(options.withheldScopes ?? []);
  let counter = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const base = `/${TENANT_ID}`;
    if (req.method === 'GET' && url.pathname === `${base}/v2.0/.well-known/openid-configuration`) {
      return json(200, JSON.parse(authorityMetadata));
    }
    if (req.method === 'GET' && url.pathname === `${base}/oauth2/v2.0/authorize`) {
      const p = url.searchParams;
      if (p.get('client_id') !== CLIENT_ID) return json(400, { error: 'unauthorized_client' });
      if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge'))
        return json(400, { error: 'invalid_request' });
      if (p.get('response_mode') !== 'form_post') return json(400, { error: 'invalid_request' });
      const redirectUri = p.get('redirect_uri') ?? '';
      // Like Entra with a "http://localhost" public-client registration: loopback answers only.
      if (!isLoopbackRedirect(redirectUri)) return json(400, { error: 'invalid_request', error_description: 'AADSTS50011: redirect URI mismatch' });
      const code = `code-${++counter}`;
      codes.set(code, {
        challenge: p.get('code_challenge') ?? '',
        redirectUri,
        nonce: p.get('nonce') ?? undefined,
        scope: p.get('scope') ?? '',
      });
      if (String(req.headers.accept ?? '').includes('text/html')) {
        // A real browser: the sign-in page, whose button form-posts the code to the app's
        // loopback listener (response_mode=form_post), as Entra does after the operator signs in.
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(signInPage(username, redirectUri, code, p.get('state') ?? ''));
        return;
      }
      return json(200, { code, state: p.get('state'), redirect_uri: redirectUri });
    }
    const form = new URLSearchParams(await readBody(req));
    if (req.method === 'POST' && url.pathname === `${base}/oauth2/v2.0/devicecode`) {
      const deviceCode = `device-${++counter}`;
      deviceCodes.set(deviceCode, { polls: 0, scope: form.get('scope') ?? '' });
      return json(200, {
        device_code: deviceCode,
        user_code: 'ABCD-EFGH',
        verification_uri: 'https://microsoft.com/devicelogin',
        expires_in: 900,
        interval: 0.05,
        message:
          'To sign in, use a web browser to open https://microsoft.com/devicelogin and enter the code ABCD-EFGH.',
      });
    }
    if (req.method === 'POST' && url.pathname === `${base}/oauth2/v2.0/token`) {
      if (form.get('client_id') !== CLIENT_ID) return json(400, { error: 'unauthorized_client' });
      const grant = form.get('grant_type') ?? '';
      grants[grant] = (grants[grant] ?? 0) + 1;
      if (grant === 'authorization_code') {
        const issuedCode = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!issuedCode)
          return json(400, { error: 'invalid_grant', error_description: 'AADSTS70008: code expired' });
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== issuedCode.challenge) {
          return json(400, {
            error: 'invalid_grant',
            error_description: 'AADSTS501481: code verifier mismatch',
          });
        }
        if (form.get('redirect_uri') !== issuedCode.redirectUri) return json(400, { error: 'invalid_grant' });
        return json(200, tokenResponse(form.get('scope') ?? issuedCode.scope, issuedCode.nonce));
      }
      if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
        const entry = deviceCodes.get(form.get('device_code') ?? '');
        if (!entry) return json(400, { error: 'expired_token' });
        entry.polls++;
        if (options.deviceCodeNeverApproved || entry.polls <= (options.devicePendingPolls ?? 2)) {
          return json(400, { error: 'authorization_pending', error_description: 'AADSTS70016: pending' });
        }
        if (options.deviceCodeError) {
          return json(400, {
            error: options.deviceCodeError,
            error_description: `AADSTS53003: ${options.deviceCodeError}`,
          });
        }
        return json(200, tokenResponse(form.get('scope') ?? entry.scope));
      }
      if (grant === 'refresh_token') {
        const presented = form.get('refresh_token') ?? '';
        if (!refreshTokens.has(presented)) {
          return json(400, {
            error: 'invalid_grant',
            error_description: 'AADSTS50173: the refresh token was revoked',
          });
        }
        return json(200, tokenResponse(form.get('scope') ?? ''));
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    json(404, { error: 'not_found' });
  }

  function tokenResponse(scope: string, nonce?: string): Record<string, unknown> {
    const resourceScopes = scope
      .split(' ')
      .filter((s) => !['openid', 'profile', 'offline_access'].includes(s));
    const resource = resourceScopes[0]?.startsWith('https://outlook.office365.com') ? 'exchange' : 'graph';
    const grantedScopes = resourceScopes.filter((s) => !withheld.has(s.replace(/^.*\//, '')));
    const accessToken = `at-${resource}-${++counter}-${randomBytes(8).toString('hex')}`;
    const refreshToken = `rt-${counter}-${randomBytes(8).toString('hex')}`;
    refreshTokens.add(refreshToken);
    issued.push({ resource, token: accessToken, scopes: grantedScopes });
    const now = Math.floor(Date.now() / 1000);
    const idToken = [
      b64url({ alg: 'none', typ: 'JWT' }),
      b64url({
        aud: CLIENT_ID,
        iss: `${AUTHORITY_HOST}/${TENANT_ID}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        tid: TENANT_ID,
        oid: USER_OID,
        sub: 'subject-1',
        preferred_username: username,
        name: 'Helpdesk Operator',
        ver: '2.0',
        ...(nonce ? { nonce } : {}),
      }),
      'sig',
    ].join('.');
    return {
      token_type: 'Bearer',
      scope: grantedScopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: b64url({ uid: USER_OID, utid: TENANT_ID }),
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authorityMetadata = JSON.stringify({
    token_endpoint: `${AUTHORITY}/oauth2/v2.0/token`,
    authorization_endpoint: `${AUTHORITY}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${AUTHORITY}/oauth2/v2.0/logout`,
    issuer: `${AUTHORITY}/v2.0`,
    jwks_uri: `${AUTHORITY}/discovery/v2.0/keys`,
  });
  const cloudDiscoveryMetadata = JSON.stringify({
    tenant_discovery_endpoint: `${AUTHORITY}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      {
        preferred_network: 'login.microsoftonline.com',
        preferred_cache: 'login.windows.net',
        aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com'],
      },
    ],
  });
  const requestedUrls: string[] = [];
  const rewrite = (url: string) => {
    if (!url.startsWith(`${AUTHORITY_HOST}/`)) throw new Error(`test fetch refused a request to ${url}`);
    return origin + url.slice(AUTHORITY_HOST.length);
  };

  return {
    origin,
    grants,
    issued,
    username,
    authorityMetadata,
    cloudDiscoveryMetadata,
    requestedUrls,
    revokeRefreshTokens: () => refreshTokens.clear(),
    fetch: (url, init) => {
      requestedUrls.push(url);
      return fetch(rewrite(url), init);
    },
    browser: async (authorizeUrl) => {
      const answer = (await (await fetch(rewrite(authorizeUrl), { headers: { Accept: 'application/json' } })).json()) as {
        code?: string;
        state?: string;
        redirect_uri?: string;
        error?: string;
      };
      if (!answer.code || !answer.redirect_uri) throw new Error(`fake authorize refused: ${answer.error}`);
      const redirect = new URL(answer.redirect_uri);
      redirect.hostname = '127.0.0.1';
      await fetch(redirect, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code: answer.code, state: answer.state ?? '' }).toString(),
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fake's "Microsoft sign-in" page: one account, one button. */
function signInPage(username: string, redirectUri: string, code: string, state: string): string {
  return [
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign in to your account</title>',
    '<main><h1>Sign in to your account</h1>',
    `<p>Fake Microsoft Entra ID on 127.0.0.1 (tests only). Signing in as <strong>${escapeHtml(username)}</strong>.</p>`,
    `<form method="post" action="${escapeHtml(redirectUri)}">`,
    `<input type="hidden" name="code" value="${escapeHtml(code)}">`,
    `<input type="hidden" name="state" value="${escapeHtml(state)}">`,
    `<button type="submit">Continue as ${escapeHtml(username)}</button>`,
    '</form></main></html>',
  ].join('');
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
