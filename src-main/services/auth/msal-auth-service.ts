import {
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type DeviceCodeRequest,
} from '@azure/msal-node';
import type { MsalAuthConfig } from './auth-config';
import {
  deviceCodeRejected,
  signInCancelled,
  signInInProgress,
  signInRequired,
  signInTimedOut,
} from './auth-errors';
import type {
  AccessToken,
  AuthService,
  AuthStatus,
  SignInOptions,
  SignedInAccount,
  TokenResource,
  TokenStorageDescription,
} from './auth-service';
import type { EncryptedCachePlugin } from './encrypted-cache-plugin';
import { createFetchNetworkClient, type AuthFetch } from './fetch-network-client';
import { signInInteractively, type BrowserOpener } from './interactive-sign-in';
import { toSignInError } from './msal-error-mapping';
import { SIGN_IN_ERROR_PAGE, SIGN_IN_SUCCESS_PAGE } from './sign-in-pages';
import { wallClockMs } from '../clock/wall-clock';

export interface MsalAuthServiceOptions {
  config: MsalAuthConfig;
  /** All identity traffic goes through it (Electron `net.fetch` in the app). */
  fetch: AuthFetch;
  openBrowser: BrowserOpener;
  /** Encrypted persistence; without it the cache lives in memory only. */
  cachePlugin?: EncryptedCachePlugin;
  interactiveTimeoutMs?: number;
  deviceCodeTimeoutMs?: number;
  /**
   * Static discovery documents. Tests pass them so MSAL needs no instance discovery; in the app
   * they are left out and MSAL discovers them through `fetch`.
   */
  authorityMetadata?: string;
  cloudDiscoveryMetadata?: string;
  /** Warnings and errors from MSAL, PII-free (MSAL's PII logging stays off). */
  log?: (level: 'error' | 'warning', message: string) => void;
}

const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;

/**
 * The AuthService for real tenants, over MSAL Node's PublicClientApplication. One sign-in
 * (browser with loopback redirect, or device code) consents to Graph and Exchange Online; each
 * resource's token is then obtained silently from the shared refresh token.
 */
export class MsalAuthService implements AuthService {
  private readonly pca: PublicClientApplication;
  private signingIn: SignInOptions['method'] | undefined;
  private currentHomeAccountId: string | undefined;

  constructor(private readonly options: MsalAuthServiceOptions) {
    const { config, log } = options;
    const configuration: Configuration = {
      auth: {
        clientId: config.clientId,
        authority: config.authority,
        ...(options.authorityMetadata ? { authorityMetadata: options.authorityMetadata } : {}),
        ...(options.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: options.cloudDiscoveryMetadata } : {}),
      },
      cache: options.cachePlugin ? { cachePlugin: options.cachePlugin } : {},
      system: {
        networkClient: createFetchNetworkClient(options.fetch),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (containsPii || !log) return;
            if (level === LogLevel.Error) log('error', message);
            else if (level === LogLevel.Warning) log('warning', message);
          },
        },
      },
    };
    this.pca = new PublicClientApplication(configuration);
  }

  async status(): Promise<AuthStatus> {
    if (this.signingIn) return { state: 'signing-in', method: this.signingIn };
    const account = await this.currentAccount();
    return account ? { state: 'signed-in', account: toSignedInAccount(account) } : { state: 'signed-out' };
  }

  async signIn(options: SignInOptions): Promise<SignedInAccount> {
    if (this.signingIn) throw signInInProgress();
    this.signingIn = options.method;
    try {
      const result =
        options.method === 'interactive'
          ? await this.signInWithBrowser(options)
          : await this.signInWithDeviceCode(options);
      if (!result.account) throw signInRequired();
      this.currentHomeAccountId = result.account.homeAccountId;
      return toSignedInAccount(result.account);
    } catch (error) {
      throw toSignInError(error);
    } finally {
      this.signingIn = undefined;
    }
  }

  async getToken(resource: TokenResource, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const account = await this.currentAccount();
    if (!account) throw signInRequired();
    try {
      const result = await this.pca.acquireTokenSilent({
        account,
        scopes: this.options.config.scopes[resource],
        forceRefresh: options.forceRefresh ?? false,
      });
      return toAccessToken(result);
    } catch (error) {
      throw toSignInError(error);
    }
  }

  async signOut(): Promise<void> {
    const cache = this.pca.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
    this.currentHomeAccountId = undefined;
    await this.options.cachePlugin?.clear();
  }

  async describeTokenStorage(): Promise<TokenStorageDescription> {
    const persistence = (await this.options.cachePlugin?.describePersistence()) ?? {
      mode: 'memory-only' as const,
      reason: 'Sign-in data is kept in memory only; you will need to sign in again after each start.',
    };
    return persistence.mode === 'encrypted-file'
      ? { persisted: true }
      : { persisted: false, reason: persistence.reason };
  }

  private async signInWithBrowser(options: SignInOptions): Promise<AuthenticationResult> {
    const { config } = this.options;
    return signInInteractively(this.pca, {
      request: {
        scopes: config.scopes.graph,
        extraScopesToConsent: config.extraScopesToConsent,
        prompt: 'select_account',
        successTemplate: SIGN_IN_SUCCESS_PAGE,
        errorTemplate: SIGN_IN_ERROR_PAGE,
        ...(config.redirectPort ? { preferredPort: config.redirectPort } : {}),
      },
      openBrowser: this.options.openBrowser,
      timeoutMs: this.options.interactiveTimeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS,
      signal: options.signal,
    });
  }

  /**
   * Device code with our own cancel and timeout. MSAL only checks `request.cancel` between polls,
   * so the race returns at once while the poll loop stops on its next turn.
   */
  private async signInWithDeviceCode(options: SignInOptions): Promise<AuthenticationResult> {
    const { signal } = options;
    if (signal?.aborted) throw signInCancelled();
    const timeoutMs = this.options.deviceCodeTimeoutMs ?? DEFAULT_DEVICE_CODE_TIMEOUT_MS;
    const request: DeviceCodeRequest = {
      scopes: this.options.config.scopes.graph,
      timeout: Math.ceil(timeoutMs / 1000),
      deviceCodeCallback: (response) =>
        options.onDeviceCode?.({
          userCode: response.userCode,
          verificationUri: response.verificationUri,
          message: response.message,
          expiresOn: new Date(wallClockMs() + response.expiresIn * 1000),
        }),
    };
    let stop: ((error: Error) => void) | undefined;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    const stopWith = (error: Error) => {
      request.cancel = true;
      stop?.(error);
    };
    const onAbort = () => stopWith(signInCancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stopWith(signInTimedOut(Math.round(timeoutMs / 60_000))), timeoutMs);
    const attempt = this.pca.acquireTokenByDeviceCode(request);
    try {
      const result = await Promise.race([attempt, stopped]);
      if (result === null) throw signInRequired();
      return result;
    } catch (error) {
      throw deviceCodeFailure(error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      attempt.catch(() => undefined);
    }
  }

  private async currentAccount(): Promise<AccountInfo | undefined> {
    const accounts = await this.pca.getTokenCache().getAllAccounts();
    return accounts.find((a) => a.homeAccountId === this.currentHomeAccountId) ?? accounts[0];
  }
}

/** A device-code poll that Entra refused (declined, expired, blocked by policy) gets its own wording. */
function deviceCodeFailure(error: unknown): unknown {
  const e = error as { errorCode?: string; errorMessage?: string } | undefined;
  if (e?.errorCode === 'post_request_failed')
    return deviceCodeRejected(e.errorMessage?.split(/\r?\n/)[0]?.trim());
  return error;
}

function toSignedInAccount(account: AccountInfo): SignedInAccount {
  return {
    username: account.username,
    ...(account.name ? { name: account.name } : {}),
    tenantId: account.tenantId,
    homeAccountId: account.homeAccountId,
  };
}

function toAccessToken(result: AuthenticationResult): AccessToken {
  return {
    token: result.accessToken,
    expiresOn: result.expiresOn ?? new Date(wallClockMs() + 5 * 60_000),
    scopes: result.scopes,
  };
}
