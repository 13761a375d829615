import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuthFetch } from '../services/auth/fetch-network-client';
import { DEFAULT_AUTHORITY_HOST, GRAPH_RESOURCE } from '../services/auth/auth-config';
import type { TenantEndpoints } from '../services/flow/connections/tenant-connection-real';

/** Microsoft's hosts, kept as they are in production (the same values as MICROSOFT_ENDPOINTS). */
const MICROSOFT_ENDPOINTS = { authorityHost: DEFAULT_AUTHORITY_HOST, graphBaseUrl: GRAPH_RESOURCE } as const;

/**
 * FOR TESTS ONLY. The end-to-end walk of "Test connection" starts the browser host with this
 * variable set to a JSON object naming a fake Entra and a fake Graph on 127.0.0.1 and the folder
 * of the stub ExchangeOnlineManagement module. Production never sets it (the Electron app does
 * not read it at all). The host keeps Microsoft's real URLs, as the vitest integration test does:
 * MSAL's authority stays https://login.microsoftonline.com, and only the host's fetch sends that
 * host and Graph's to the loopback fakes; every other request is refused. So this option can
 * route sign-in to a loopback port and nowhere else.
 */
export const TEST_LOOPBACK_TENANT_ENV = 'EAS_TEST_ONLY_LOOPBACK_TENANT';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** `http://127.0.0.1:<port>` (or [::1], localhost) with nothing after the port. */
const loopbackOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.port !== '' && url.origin === value && !url.username;
  } catch {
    return false;
  }
}, 'must be http://127.0.0.1:<port> (a loopback origin, nothing after the port)');

/** A JSON document whose every URL is on Microsoft's authority host (which the fetch below routes). */
const authorityDocument = z.string().refine((value) => {
  try {
    const urls = JSON.stringify(JSON.parse(value)).match(/[a-z][a-z0-9+.-]*:\/\/[^"]*/gi) ?? [];
    return urls.every((url) => url.startsWith(`${MICROSOFT_ENDPOINTS.authorityHost}/`));
  } catch {
    return false;
  }
}, 'must be JSON whose URLs are all on the Microsoft authority host');

const configSchema = z
  .object({
    entraOrigin: loopbackOrigin,
    graphOrigin: loopbackOrigin,
    authorityMetadata: authorityDocument,
    cloudDiscoveryMetadata: authorityDocument,
    /** The folder holding the stub ExchangeOnlineManagement module, the pwsh host's only module folder. */
    psModulePath: z.string().refine((value) => path.isAbsolute(value) && isDirectory(value), 'must be an existing absolute folder'),
  })
  .strict();

export type TestLoopbackTenant = z.infer<typeof configSchema>;

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Parses the variable's value; throws one plain sentence naming what is wrong. */
export function parseTestLoopbackTenant(raw: string): TestLoopbackTenant {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${TEST_LOOPBACK_TENANT_ENV} is not JSON.`);
  }
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'} ${i.message}`).join('; ');
    throw new Error(`${TEST_LOOPBACK_TENANT_ENV} is not valid: ${problems}.`);
  }
  return parsed.data;
}

/**
 * What the browser host uses instead of the Internet in a test: a fetch that sends Microsoft's
 * authority host to the fake Entra and Graph to the fake Graph (and refuses anything else), the
 * endpoints with the fake's discovery documents, and the stub module for the pwsh host.
 */
export function loopbackTenantWiring(config: TestLoopbackTenant): {
  fetch: AuthFetch;
  endpoints: TenantEndpoints;
  shellEnv: Record<string, string>;
  /** True for a sign-in page URL the fake Entra serves (what the host may hand to a browser). */
  isSignInPage: (url: string) => boolean;
} {
  const routes: Array<[string, string]> = [
    [`${MICROSOFT_ENDPOINTS.authorityHost}/`, `${config.entraOrigin}/`],
    [`${MICROSOFT_ENDPOINTS.graphBaseUrl}/`, `${config.graphOrigin}/`],
  ];
  const route = (url: string): string => {
    for (const [from, to] of routes) if (url.startsWith(from)) return to + url.slice(from.length);
    throw new Error(`Test mode (${TEST_LOOPBACK_TENANT_ENV}) refuses a request to ${new URL(url).host}.`);
  };
  return {
    fetch: async (url, init) => fetch(route(url), init),
    endpoints: {
      authorityHost: MICROSOFT_ENDPOINTS.authorityHost,
      graphBaseUrl: MICROSOFT_ENDPOINTS.graphBaseUrl,
      msalMetadata: { authorityMetadata: config.authorityMetadata, cloudDiscoveryMetadata: config.cloudDiscoveryMetadata },
    },
    shellEnv: { PSModulePath: config.psModulePath },
    isSignInPage: (url) => url.startsWith(`${MICROSOFT_ENDPOINTS.authorityHost}/`),
  };
}
