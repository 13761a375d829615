import { SignInError, signInInProgress, signInRequired } from '../auth/auth-errors';
import type {
  AccessToken,
  AuthService,
  AuthStatus,
  SignInOptions,
  SignedInAccount,
  TokenResource,
  TokenStorageDescription,
} from '../auth/auth-service';
import { AppError } from '../../shared/ipc/result';
import type { AppSettings, AuthStatusView, DeviceCodeView, SignInMethod } from '../../shared/models/settings';

export interface TenantSignInOptions {
  /** Builds the sign-in for one set of settings (MSAL in the app, a fake in tests). */
  createAuth: (settings: AppSettings) => AuthService;
  /** Every change of the sign-in state, for `event:auth-status`. */
  onStatus: (status: AuthStatusView) => void;
}

interface PendingSignIn {
  method: SignInMethod;
  controller: AbortController;
  deviceCode?: DeviceCodeView;
}

const NOT_CONFIGURED =
  'Sign-in is not set up yet: enter the client id and tenant of your app registration in Settings and save them.';

/**
 * The app-wide sign-in to the real tenant. It owns one AuthService for the current settings,
 * rebuilt when they change, and is itself an AuthService, so the settings screen and every case
 * share one sign-in and every change is pushed to the UI. Changing the client id or tenant signs
 * out first: tokens of one app registration must not be offered to another.
 */
export class TenantSignIn implements AuthService {
  private settings: AppSettings | null = null;
  private current: AuthService | null = null;
  private pending: PendingSignIn | null = null;
  private problem: string | undefined;

  constructor(private readonly options: TenantSignInOptions) {}

  /** Applies (new) settings; null means not configured. */
  async configure(settings: AppSettings | null): Promise<void> {
    const before = this.settings;
    if (before !== null && settings !== null && sameSignInSettings(before, settings)) {
      this.settings = settings;
      return;
    }
    if (this.current !== null && (settings === null || !sameRegistration(before, settings))) {
      this.pending?.controller.abort();
      await this.current.signOut().catch(() => undefined);
    }
    this.settings = settings;
    this.current = settings === null ? null : this.options.createAuth(settings);
    this.problem = undefined;
    await this.publish();
  }

  /** The state as the settings screen shows it. */
  async view(): Promise<AuthStatusView> {
    if (this.current === null) return { state: 'not-configured' };
    if (this.pending !== null) {
      return {
        state: 'signing-in',
        method: this.pending.method,
        ...(this.pending.deviceCode ? { deviceCode: this.pending.deviceCode } : {}),
      };
    }
    const status = await this.current.status();
    if (status.state === 'signed-in') {
      const { username, name, tenantId } = status.account;
      return { state: 'signed-in', account: { username, tenantId, ...(name ? { name } : {}) } };
    }
    return { state: 'signed-out', ...(this.problem ? { problem: this.problem } : {}) };
  }

  /**
   * Starts a sign-in in the background and answers at once with "signing in": the browser or the
   * device code may take minutes, longer than any request should wait. The outcome is published.
   */
  async begin(method: SignInMethod): Promise<AuthStatusView> {
    if (this.current === null) throw new AppError('UNAVAILABLE', NOT_CONFIGURED);
    if (this.pending !== null) throw new AppError('CONFLICT', signInInProgress().message);
    void this.signIn({ method }).catch(() => undefined);
    return this.view();
  }

  async status(): Promise<AuthStatus> {
    if (this.pending !== null) return { state: 'signing-in', method: this.pending.method };
    return this.current === null ? { state: 'signed-out' } : this.current.status();
  }

  async signIn(options: SignInOptions): Promise<SignedInAccount> {
    const auth = this.current;
    if (auth === null) throw new SignInError(NOT_CONFIGURED, 'not-configured');
    if (this.pending !== null) throw signInInProgress();
    const pending: PendingSignIn = { method: options.method, controller: new AbortController() };
    this.pending = pending;
    this.problem = undefined;
    const signal = options.signal
      ? AbortSignal.any([options.signal, pending.controller.signal])
      : pending.controller.signal;
    await this.publish();
    try {
      return await auth.signIn({
        method: options.method,
        signal,
        onDeviceCode: (prompt) => {
          pending.deviceCode = {
            userCode: prompt.userCode,
            verificationUri: prompt.verificationUri,
            message: prompt.message,
            expiresOn: prompt.expiresOn.toISOString(),
          };
          options.onDeviceCode?.(prompt);
          void this.publish();
        },
      });
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      if (this.pending === pending) this.pending = null;
      await this.publish();
    }
  }

  async getToken(resource: TokenResource, options?: { forceRefresh?: boolean }): Promise<AccessToken> {
    if (this.current === null) throw signInRequired();
    return this.current.getToken(resource, options);
  }

  /** Signs out; a sign-in still waiting for the browser or the code is cancelled first. */
  async signOut(): Promise<void> {
    this.pending?.controller.abort();
    this.pending = null;
    await this.current?.signOut();
    this.problem = undefined;
    await this.publish();
  }

  async describeTokenStorage(): Promise<TokenStorageDescription> {
    return (
      (await this.current?.describeTokenStorage?.()) ?? {
        persisted: false,
        reason: 'Sign-in data is kept in memory only; you will need to sign in again after each start.',
      }
    );
  }

  private async publish(): Promise<void> {
    try {
      this.options.onStatus(await this.view());
    } catch {
      // A status that cannot be read now is read again on the next change or request.
    }
  }
}

function sameRegistration(a: AppSettings | null, b: AppSettings): boolean {
  return (
    a !== null &&
    a.clientId.toLowerCase() === b.clientId.toLowerCase() &&
    a.tenant.toLowerCase() === b.tenant.toLowerCase()
  );
}

/** Settings that change what MSAL asks for; the PowerShell path does not. */
function sameSignInSettings(a: AppSettings, b: AppSettings): boolean {
  return (
    sameRegistration(a, b) &&
    a.redirectPort === b.redirectPort &&
    a.requestDirectoryReadAll === b.requestDirectoryReadAll
  );
}
