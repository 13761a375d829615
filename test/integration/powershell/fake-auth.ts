import type {
  AccessToken,
  AuthService,
  AuthStatus,
  TokenResource,
} from '../../../src-main/services/auth/auth-service';

/**
 * Stands in for Microsoft's sign-in (which cannot exist here) behind the real AuthService
 * interface. Hands out the queued tokens in order, then repeats the last one.
 */
export class FakeAuth implements Pick<AuthService, 'getToken' | 'status'> {
  readonly calls: Array<{ resource: TokenResource; forceRefresh: boolean }> = [];
  constructor(
    private readonly tokens: AccessToken[],
    private readonly username: string | null = 'helpdesk@contoso.com',
  ) {}

  async status(): Promise<AuthStatus> {
    if (!this.username) return { state: 'signed-out' };
    return { state: 'signed-in', account: { username: this.username, tenantId: 't', homeAccountId: 'h' } };
  }

  async getToken(resource: TokenResource, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    this.calls.push({ resource, forceRefresh: options.forceRefresh ?? false });
    const token = this.tokens.length > 1 ? this.tokens.shift() : this.tokens[0];
    if (!token) throw new Error('No token available.');
    return token;
  }
}

export function token(value: string, expiresInMs: number, now = Date.now()): AccessToken {
  return {
    token: value,
    expiresOn: new Date(now + expiresInMs),
    scopes: ['https://outlook.office365.com/.default'],
  };
}
