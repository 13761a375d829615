import { buildAuthConfig, GRAPH_RESOURCE } from '../../auth/auth-config';
import type { AuthService } from '../../auth/auth-service';
import { createCacheFile } from '../../auth/cache-file';
import { EncryptedCachePlugin } from '../../auth/encrypted-cache-plugin';
import type { AuthFetch } from '../../auth/fetch-network-client';
import type { BrowserOpener } from '../../auth/interactive-sign-in';
import { MsalAuthService } from '../../auth/msal-auth-service';
import type { SecureStoragePort } from '../../auth/secure-storage';
import { discoverPowerShell, type DiscoveryOptions } from '../../powershell/executable-discovery';
import { buildPwshLaunchSpec } from '../../powershell/launch-spec';
import { PowerShellSession } from '../../powershell/powershell-session';
import type { AppSettings } from '../../../shared/models/settings';
import { wallCaseClock } from '../../clock/case-clock';
import { assembleConnection } from './assemble-connection';
import type { TenantConnection } from './tenant-connection';

/**
 * What a real-tenant connection needs from the runtime it runs in. Electron passes `net.fetch`
 * (system proxy), `shell.openExternal` and safeStorage; the browser host passes Node's fetch, an
 * opener that prints and opens the URL, and a storage port that refuses to persist.
 */
export interface TenantPorts {
  /** All identity and Graph traffic goes through it. */
  fetch: AuthFetch;
  openBrowser: BrowserOpener;
  secureStorage: SecureStoragePort;
  /** Folder holding EasHost.ps1 and allowlist.json (see resolveHostScriptDir). */
  hostScriptDir: string;
}

/** Microsoft's endpoints; tests keep the real URLs and route the injected fetch to local fakes. */
export interface TenantEndpoints {
  authorityHost: string;
  graphBaseUrl: string;
  /**
   * Static MSAL discovery documents. Left out in the app (MSAL discovers them through `fetch`);
   * tests pass the fake authority's, which serves no instance discovery.
   */
  msalMetadata?: { authorityMetadata: string; cloudDiscoveryMetadata: string };
}

export const MICROSOFT_ENDPOINTS: TenantEndpoints = {
  authorityHost: 'https://login.microsoftonline.com',
  graphBaseUrl: GRAPH_RESOURCE,
};

export interface TenantAuthOptions {
  /** Where the encrypted token cache lives; without it the cache is in memory only. */
  tokenCachePath?: string;
  endpoints?: TenantEndpoints;
  log?: (level: 'error' | 'warning', message: string) => void;
}

/** The MSAL sign-in for the settings' app registration, its cache encrypted through the port. */
export function createTenantAuth(
  settings: AppSettings,
  ports: Pick<TenantPorts, 'fetch' | 'openBrowser' | 'secureStorage'>,
  options: TenantAuthOptions = {},
): MsalAuthService {
  const endpoints = options.endpoints ?? MICROSOFT_ENDPOINTS;
  return new MsalAuthService({
    config: buildAuthConfig(
      {
        clientId: settings.clientId,
        tenant: settings.tenant,
        redirectPort: settings.redirectPort,
        requestDirectoryReadAll: settings.requestDirectoryReadAll,
      },
      endpoints.authorityHost,
    ),
    fetch: ports.fetch,
    openBrowser: ports.openBrowser,
    ...(options.tokenCachePath
      ? {
          cachePlugin: new EncryptedCachePlugin(ports.secureStorage, createCacheFile(options.tokenCachePath)),
        }
      : {}),
    ...(endpoints.msalMetadata ?? {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

export interface TenantConnectionOptions extends TenantAuthOptions {
  /**
   * The app-wide sign-in, so a sign-in made on the settings screen carries over to cases. The
   * connection does not own it: closing the connection does not sign the operator out.
   */
  auth?: AuthService;
  /** Extra environment for the PowerShell host (tests point PSModulePath at the stub module). */
  shellEnv?: Record<string, string>;
  /** Discovery seams (platform, PATH); the settings' PowerShell path always wins. */
  discovery?: Omit<DiscoveryOptions, 'setting'>;
}

/**
 * Opens a real Exchange Online tenant through the same TenantConnection shape as the demo
 * tenant: MSAL sign-in, the real PowerShell host (pwsh + EasHost.ps1) with Exchange Online
 * connected by token (falling back to the module's own sign-in if the token path fails), and
 * Graph over the injected fetch. PowerShell is looked for now, so a missing install is reported
 * before the case starts, with what to install.
 */
export async function openTenantConnection(
  settings: AppSettings,
  ports: TenantPorts,
  options: TenantConnectionOptions = {},
): Promise<TenantConnection> {
  const endpoints = options.endpoints ?? MICROSOFT_ENDPOINTS;
  const executable = discoverPowerShell({ ...options.discovery, setting: settings.powershellPath ?? null });
  const auth = reuseExistingSignIn(options.auth ?? createTenantAuth(settings, ports, options));
  const shell = new PowerShellSession({
    launch: buildPwshLaunchSpec({
      executable: executable.path,
      hostScriptDir: ports.hostScriptDir,
      ...(options.shellEnv ? { env: options.shellEnv } : {}),
    }),
  });
  return assembleConnection({
    kind: 'tenant',
    label: `Tenant ${settings.tenant}`,
    clock: wallCaseClock,
    auth,
    shell,
    graph: { baseUrl: endpoints.graphBaseUrl, fetch: ports.fetch },
    allowInteractiveFallback: true,
  });
}

/**
 * The wizard's Connect step always asks to sign in. When the operator already signed in (on the
 * settings screen or for an earlier case) and the cached sign-in still yields a token silently,
 * that account is used instead of opening the browser again.
 */
function reuseExistingSignIn(auth: AuthService): AuthService {
  const describeTokenStorage = auth.describeTokenStorage?.bind(auth);
  return {
    status: () => auth.status(),
    getToken: (resource, options) => auth.getToken(resource, options),
    signOut: () => auth.signOut(),
    ...(describeTokenStorage ? { describeTokenStorage } : {}),
    async signIn(options) {
      const status = await auth.status();
      if (status.state === 'signed-in') {
        try {
          await auth.getToken('graph');
          return status.account;
        } catch {
          // The cached sign-in is no longer usable (expired, revoked): sign in afresh below.
        }
      }
      return auth.signIn(options);
    },
  };
}
