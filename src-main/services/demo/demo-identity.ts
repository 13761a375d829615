import type {
  AccessToken,
  AuthService,
  AuthStatus,
  SignedInAccount,
  SignInOptions,
  TokenResource,
} from '../auth/auth-service';
import { issueDemoToken } from './demo-token';
import type { Scenario } from './scenario/scenario-schema';

/** Tokens are renewed this long before they expire, as MSAL's silent refresh does. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface DemoIdentityOptions {
  scenario: Scenario;
  /** HMAC key shared with the Graph simulator and the simulated shell; defaults to the demo key. */
  signingKey?: string;
  /** Wall clock, injectable for tests of refresh. */
  now?: () => number;
}

/**
 * Signs the operator in to the demo tenant without any network call, behind the same AuthService
 * interface as MSAL. Tokens carry the scenario's Graph permissions (drop one to get 403s) and
 * expire after the scenario's `identity.tokenLifetimeSeconds`, so refresh paths run in the demo too.
 */
export class DemoIdentityProvider implements AuthService {
  private account: SignedInAccount | null = null;
  private signingIn: SignInOptions['method'] | null = null;
  private readonly cache = new Map<TokenResource, AccessToken>();
  private readonly now: () => number;

  constructor(private readonly options: DemoIdentityOptions) {
    this.now = options.now ?? Date.now;
  }

  async status(): Promise<AuthStatus> {
    if (this.signingIn !== null) return { state: 'signing-in', method: this.signingIn };
    return this.account ? { state: 'signed-in', account: this.account } : { state: 'signed-out' };
  }

  async signIn(options: SignInOptions): Promise<SignedInAccount> {
    if (options.signal?.aborted) throw new Error('Sign-in was cancelled.');
    this.signingIn = options.method;
    try {
      if (options.method === 'device-code') {
        options.onDeviceCode?.({
          userCode: 'DEMO-TENANT',
          verificationUri: 'about:blank',
          message: 'Demo tenant: no code is needed, you are signed in automatically.',
          expiresOn: new Date(this.now() + 15 * 60_000),
        });
      }
      const { scenario } = this.options;
      const user = scenario.users.find((u) => u.id === scenario.operator.userId)!;
      this.account = {
        username: user.userPrincipalName,
        name: user.displayName,
        tenantId: scenario.tenant.id,
        homeAccountId: `${user.id}.${scenario.tenant.id}`,
      };
      return this.account;
    } finally {
      this.signingIn = null;
    }
  }

  async getToken(resource: TokenResource, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    if (this.account === null) throw new Error('Sign in to the demo tenant first.');
    const cached = this.cache.get(resource);
    if (cached && !options.forceRefresh && cached.expiresOn.getTime() - REFRESH_MARGIN_MS > this.now())
      return cached;
    const token = this.issue(resource);
    this.cache.set(resource, token);
    return token;
  }

  async signOut(): Promise<void> {
    this.account = null;
    this.cache.clear();
  }

  private issue(resource: TokenResource): AccessToken {
    const { scenario, signingKey } = this.options;
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + scenario.identity.tokenLifetimeSeconds;
    const scopes = resource === 'graph' ? [...scenario.operator.graphPermissions] : ['Exchange.Manage'];
    const token = issueDemoToken(
      {
        aud: resource,
        tid: scenario.tenant.id,
        oid: scenario.operator.userId,
        upn: this.account!.username,
        scp: scopes,
        iat: issuedAt,
        exp: expiresAt,
      },
      signingKey,
    );
    return { token, expiresOn: new Date(expiresAt * 1000), scopes };
  }
}
