import allowList from '../../../assets/powershell/allowlist.json';
import type { AuthService } from '../auth/auth-service';
import { moduleInfoSchema, type ModuleInfo } from '../../shared/models/exchange';
import { HostRequestError } from './errors';
import type { HostClient } from './host-client';
import { compareVersions, MINIMUM_EXO_MODULE_VERSION } from './module-version';
import type { HostResult, RequestOptions } from './powershell-session';

/** Result of the ExchangeOnlineManagement prerequisite check, with operator guidance when not met. */
export type PrerequisiteCheck =
  | { ok: true; module: ModuleInfo }
  | { ok: false; problem: 'module-missing' | 'module-too-old'; module: ModuleInfo | null; guidance: string };

export type ConnectionState =
  | { state: 'disconnected' }
  | { state: 'connecting' }
  | {
      state: 'connected';
      method: 'token' | 'interactive';
      userPrincipalName: string | null;
      tokenExpiresOn: Date | null;
    };

/** Why Exchange Online could not be connected; `message` tells the operator what to do. */
export class ExchangeConnectionError extends Error {
  override name = 'ExchangeConnectionError';
  constructor(
    readonly reason: 'module-missing' | 'module-too-old' | 'sign-in-failed' | 'host-failed',
    message: string,
    readonly hostError?: HostRequestError,
  ) {
    super(message);
  }
}

export interface ExchangeConnectionOptions {
  host: HostClient;
  auth: Pick<AuthService, 'getToken' | 'status'>;
  /** Cmdlets to import (-CommandName); defaults to every Exchange cmdlet on the allow-list. */
  commandNames?: string[];
  /** Reconnect this long before the token expires (the module never refreshes a given token). */
  refreshMarginMs?: number;
  connectTimeoutMs?: number;
  /** Interactive sign-in waits for a person; give it longer. */
  interactiveTimeoutMs?: number;
  /** Fall back to Connect-ExchangeOnline's own sign-in when the token path fails. */
  allowInteractiveFallback?: boolean;
  now?: () => number;
}

/** Exchange cmdlets the host allow-lists (kinds read and write), for -CommandName. */
export const EXCHANGE_COMMAND_NAMES: string[] = Object.entries(allowList.cmdlets)
  .filter(([, entry]) => entry.kind === 'read' || entry.kind === 'write')
  .map(([name]) => name);

/** Cmdlets Exchange Online retired (Client Access Rules, facts F3); they may be missing. */
const RETIRED_COMMANDS = ['Get-ClientAccessRule', 'Test-ClientAccessRule'];

const MODULE_GUIDANCE =
  'Install it in PowerShell with: Install-Module ExchangeOnlineManagement -Scope CurrentUser (version 3.1 or newer), then restart the app.';

/**
 * Owns the Exchange Online connection inside the PowerShell host: checks the module, connects
 * with the exchange token from the auth service (sent only as a request parameter, so never on
 * a command line, in the environment or on disk), reconnects before the token expires and after
 * the host restarts, and falls back to interactive Connect-ExchangeOnline when asked to.
 */
export class ExchangeConnection {
  private stateValue: ConnectionState = { state: 'disconnected' };
  private connecting: Promise<ConnectionState> | null = null;
  private prerequisites: PrerequisiteCheck | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private readonly stopWatchingRestarts: () => void;
  private readonly now: () => number;

  constructor(private readonly options: ExchangeConnectionOptions) {
    this.now = options.now ?? Date.now;
    this.stopWatchingRestarts = options.host.onRestart(() => this.setState({ state: 'disconnected' }));
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Is ExchangeOnlineManagement 3.1 or newer installed where the host can load it? */
  async checkPrerequisites(): Promise<PrerequisiteCheck> {
    const result = await this.options.host.request('Host.GetModuleInfo');
    const modules = result.data.map((entry) => moduleInfoSchema.parse(entry));
    const newest = modules.sort((a, b) => compareVersions(b.version, a.version))[0] ?? null;
    if (!newest) {
      this.prerequisites = {
        ok: false,
        problem: 'module-missing',
        module: null,
        guidance: `The ExchangeOnlineManagement PowerShell module is not installed, so the app cannot read Exchange settings. ${MODULE_GUIDANCE}`,
      };
    } else if (compareVersions(newest.version, MINIMUM_EXO_MODULE_VERSION) < 0) {
      this.prerequisites = {
        ok: false,
        problem: 'module-too-old',
        module: newest,
        guidance: `ExchangeOnlineManagement ${newest.version} is too old: sign-in with the app's token needs 3.1 or newer. Update it in PowerShell with: Update-Module ExchangeOnlineManagement, then restart the app.`,
      };
    } else {
      this.prerequisites = { ok: true, module: newest };
    }
    return this.prerequisites;
  }

  /** Connects unless a usable connection exists; concurrent callers share one attempt. */
  async ensureConnected(): Promise<ConnectionState> {
    const current = this.stateValue;
    if (current.state === 'connected' && !this.tokenNearExpiry(current)) return current;
    return this.connect();
  }

  /** (Re)connects now, with a fresh token when `forceRefresh` is set. */
  connect(options: { forceRefresh?: boolean } = {}): Promise<ConnectionState> {
    if (!this.connecting) {
      this.connecting = this.connectOnce(options.forceRefresh ?? false).finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  /**
   * Runs an Exchange cmdlet over a live connection. When the host answers not-connected (it was
   * restarted) or reports an authentication failure (token expired early), it reconnects once
   * with a fresh token and retries once.
   */
  async run(
    cmdlet: string,
    params: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<HostResult> {
    await this.ensureConnected();
    try {
      return await this.options.host.request(cmdlet, params, options);
    } catch (error) {
      if (!(error instanceof HostRequestError) || !(error.kind === 'not-connected' || isAuthFailure(error)))
        throw error;
      this.setState({ state: 'disconnected' });
      await this.connect({ forceRefresh: isAuthFailure(error) });
      return this.options.host.request(cmdlet, params, options);
    }
  }

  /** Disconnect-ExchangeOnline, best effort (the host disconnects on exit too). */
  async disconnect(): Promise<void> {
    this.clearRefreshTimer();
    if (this.stateValue.state !== 'connected') return;
    this.setState({ state: 'disconnected' });
    await this.options.host.request('Disconnect-ExchangeOnline', { Confirm: false }).catch(() => undefined);
  }

  dispose(): void {
    this.clearRefreshTimer();
    this.stopWatchingRestarts();
    this.listeners.clear();
  }

  private async connectOnce(forceRefresh: boolean): Promise<ConnectionState> {
    this.clearRefreshTimer();
    this.setState({ state: 'connecting' });
    try {
      const prerequisites = this.prerequisites?.ok ? this.prerequisites : await this.checkPrerequisites();
      if (!prerequisites.ok) throw new ExchangeConnectionError(prerequisites.problem, prerequisites.guidance);
      const userPrincipalName = await this.operatorUpn();
      let tokenFailure: Error;
      try {
        return await this.connectWithToken(userPrincipalName, forceRefresh);
      } catch (error) {
        if (error instanceof HostRequestError && !isConnectFailure(error)) throw hostFailed(error);
        tokenFailure = error as Error;
      }
      if (!this.options.allowInteractiveFallback) throw signInFailed(tokenFailure);
      return await this.connectInteractively(userPrincipalName, tokenFailure);
    } catch (error) {
      this.setState({ state: 'disconnected' });
      if (error instanceof ExchangeConnectionError) throw error;
      throw error instanceof HostRequestError ? hostFailed(error) : signInFailed(error as Error);
    }
  }

  private async connectWithToken(
    userPrincipalName: string | null,
    forceRefresh: boolean,
  ): Promise<ConnectionState> {
    if (!userPrincipalName) throw new Error('Nobody is signed in to the app.');
    const token = await this.options.auth.getToken('exchange', { forceRefresh });
    await this.requestConnect(
      { AccessToken: token.token, UserPrincipalName: userPrincipalName },
      this.options.connectTimeoutMs ?? 120_000,
    );
    const state: ConnectionState = {
      state: 'connected',
      method: 'token',
      userPrincipalName,
      tokenExpiresOn: token.expiresOn,
    };
    this.setState(state);
    this.scheduleRefresh(token.expiresOn);
    return state;
  }

  private async connectInteractively(
    userPrincipalName: string | null,
    tokenFailure: Error,
  ): Promise<ConnectionState> {
    try {
      await this.requestConnect(
        userPrincipalName ? { UserPrincipalName: userPrincipalName } : {},
        this.options.interactiveTimeoutMs ?? 300_000,
      );
    } catch (error) {
      throw new ExchangeConnectionError(
        'sign-in-failed',
        `Could not sign in to Exchange Online, neither with the app's sign-in (${tokenFailure.message}) nor with the Exchange sign-in window (${(error as Error).message}). Check that your account has an Exchange admin role, then try again.`,
        error instanceof HostRequestError ? error : undefined,
      );
    }
    // The module refreshes its own interactive sign-in; there is no token expiry to watch.
    const state: ConnectionState = {
      state: 'connected',
      method: 'interactive',
      userPrincipalName,
      tokenExpiresOn: null,
    };
    this.setState(state);
    return state;
  }

  /**
   * Connect-ExchangeOnline with -CommandName limited to the cmdlets the app uses. Unverified: how
   * the module treats a -CommandName entry the tenant no longer has (the retired Client Access
   * Rule cmdlets). We expect it to skip the name silently; should it refuse the connect naming
   * such a cmdlet instead, the connect is retried once without the retired cmdlets.
   */
  private async requestConnect(params: Record<string, unknown>, timeoutMs: number): Promise<void> {
    const commandNames = this.options.commandNames ?? EXCHANGE_COMMAND_NAMES;
    const connect = (names: string[]) =>
      this.options.host.request(
        'Connect-ExchangeOnline',
        { ShowBanner: false, CommandName: names, SkipLoadingFormatData: true, ...params },
        { timeoutMs },
      );
    try {
      await connect(commandNames);
    } catch (error) {
      const withoutRetired = commandNames.filter((name) => !RETIRED_COMMANDS.includes(name));
      const namesRetired =
        error instanceof HostRequestError &&
        error.kind === 'cmdlet-error' &&
        RETIRED_COMMANDS.some((name) => (error.details.hostMessage ?? '').includes(name));
      if (!namesRetired || withoutRetired.length === commandNames.length) throw error;
      await connect(withoutRetired);
    }
  }

  private async operatorUpn(): Promise<string | null> {
    const status = await this.options.auth.status();
    return status.state === 'signed-in' ? status.account.username : null;
  }

  private tokenNearExpiry(state: Extract<ConnectionState, { state: 'connected' }>): boolean {
    if (!state.tokenExpiresOn) return false;
    return state.tokenExpiresOn.getTime() - this.now() <= this.refreshMarginMs();
  }

  private refreshMarginMs(): number {
    return this.options.refreshMarginMs ?? 5 * 60_000;
  }

  private scheduleRefresh(expiresOn: Date): void {
    const delay = expiresOn.getTime() - this.refreshMarginMs() - this.now();
    if (delay <= 0) return; // ensureConnected() reconnects on the next call
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.connect({ forceRefresh: true }).catch(() => undefined);
    }, delay);
    this.refreshTimer.unref();
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** Exchange's error texts change between module versions; match loosely (reference §2.1). */
export function isAuthFailure(error: HostRequestError): boolean {
  if (error.kind !== 'cmdlet-error') return false;
  const text = `${error.details.category ?? ''} ${error.details.hostMessage ?? ''} ${error.details.fullyQualifiedErrorId ?? ''}`;
  return /AuthenticationError|unauthori[sz]ed|\b401\b|token.{0,40}(expired|invalid|not valid)/i.test(text);
}

/** Connect failures the interactive fallback may fix (auth, or the cmdlet refusing the token). */
function isConnectFailure(error: HostRequestError): boolean {
  return error.kind === 'cmdlet-error';
}

function signInFailed(cause: Error): ExchangeConnectionError {
  return new ExchangeConnectionError(
    'sign-in-failed',
    `Could not sign in to Exchange Online: ${cause.message} Sign in to the app again; if it keeps failing, check that your account has an Exchange admin role.`,
    cause instanceof HostRequestError ? cause : undefined,
  );
}

function hostFailed(error: HostRequestError): ExchangeConnectionError {
  return new ExchangeConnectionError('host-failed', error.message, error);
}
