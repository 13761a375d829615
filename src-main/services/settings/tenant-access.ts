import path from 'node:path';
import { createCacheFile } from '../auth/cache-file';
import { EncryptedCachePlugin } from '../auth/encrypted-cache-plugin';
import {
  createTenantAuth,
  openTenantConnection,
  type TenantConnectionOptions,
  type TenantEndpoints,
  type TenantPorts,
} from '../flow/connections/tenant-connection-real';
import type { TenantConnection } from '../flow/connections/tenant-connection';
import { PowerShellNotFoundError } from '../powershell/executable-discovery';
import { AppError } from '../../shared/ipc/result';
import {
  validateSettingsDraft,
  type AppSettings,
  type AuthStatusView,
  type SettingsDraft,
  type SettingsView,
  type SetupRequirements,
  type SignInMethod,
} from '../../shared/models/settings';
import { testConnection } from '../permissions/connection-test';
import type { ConnectionTestLine } from '../../shared/models/settings';
import { SettingsFile } from './settings-file';
import { buildSetupRequirements } from './setup-requirements';
import { TenantSignIn } from './tenant-sign-in';

export interface TenantAccessOptions {
  /** The app's data folder: settings.json and the encrypted token cache live here. */
  dataDir: string;
  /** The runtime's fetch, browser opener and secure storage; absent where no sign-in is possible (CLI). */
  ports?: TenantPorts;
  onAuthStatus: (status: AuthStatusView) => void;
  /** Problems worth telling the operator about outside any request (a damaged settings file). */
  onWarning?: (message: string) => void;
  /** Tests route Microsoft's endpoints to local fakes. */
  endpoints?: TenantEndpoints;
  /** Extra environment for the PowerShell host (tests: the stub Exchange module). */
  shellEnv?: Record<string, string>;
  /** Turns the install id a draft names into the path main runs; without it no id is accepted. */
  powershellInstalls?: { resolve(id: string): Promise<{ path: string } | null> };
}

const UNKNOWN_INSTALL =
  'That PowerShell is no longer offered (it may have been removed). Choose one from the list again, or "Find PowerShell automatically".';

const NO_SIGN_IN_HERE =
  'This part of the tool cannot sign in to a real tenant. Start the app (or the browser version) to connect to your tenant.';
const NOT_SET_UP =
  'Connecting to a real tenant needs the app registration to be set up first: open Settings, enter the client id and tenant, and save. Use the demo tenant meanwhile.';

/**
 * Everything about reaching a real tenant that outlives one case: the saved settings, the one
 * sign-in shared by the settings screen and every case, and opening a case's connection. The
 * IPC handlers for settings, setup and auth call straight into it.
 */
export class TenantAccess {
  private readonly file: SettingsFile;
  private readonly signIn: TenantSignIn;
  private loaded: Promise<AppSettings | null> | null = null;

  constructor(private readonly options: TenantAccessOptions) {
    this.file = new SettingsFile(options.dataDir);
    this.signIn = new TenantSignIn({
      createAuth: (settings) => this.createAuth(settings),
      onStatus: options.onAuthStatus,
    });
  }

  get settingsFilePath(): string {
    return this.file.filePath;
  }

  async getSettings(): Promise<SettingsView> {
    return this.view(await this.settings());
  }

  /** Validates and saves; a wrong field is refused with that field's own message. */
  async saveSettings(draft: SettingsDraft): Promise<SettingsView> {
    const checked = validateSettingsDraft(draft);
    if (!checked.ok) throw new AppError('INVALID_REQUEST', Object.values(checked.errors).join(' '));
    const settings = { ...checked.value };
    if (settings.powershellInstallId !== undefined) {
      const install = await this.options.powershellInstalls?.resolve(settings.powershellInstallId);
      if (!install) throw new AppError('INVALID_REQUEST', UNKNOWN_INSTALL);
      settings.powershellPath = install.path;
    }
    await this.settings();
    await this.file.write(settings);
    this.loaded = Promise.resolve(settings);
    await this.signIn.configure(settings);
    return this.view(settings);
  }

  async requirements(): Promise<SetupRequirements> {
    return buildSetupRequirements(await this.settings());
  }

  async authStatus(): Promise<AuthStatusView> {
    await this.settings();
    return this.signIn.view();
  }

  async beginSignIn(method: SignInMethod): Promise<AuthStatusView> {
    await this.settings();
    if (this.options.ports === undefined) throw new AppError('UNAVAILABLE', NO_SIGN_IN_HERE);
    return this.signIn.begin(method);
  }

  async signOut(): Promise<AuthStatusView> {
    await this.settings();
    await this.signIn.signOut();
    return this.signIn.view();
  }

  /**
   * A case's connection to the configured tenant. The case names its tenant too; when both are
   * domains they must match (a typo would otherwise silently run against the configured one).
   * A tenant id in settings cannot be compared with a domain, so then the settings decide.
   */
  async openTenant(caseTenant: string): Promise<TenantConnection> {
    const settings = await this.settings();
    if (settings === null) throw new AppError('UNAVAILABLE', NOT_SET_UP);
    if (this.options.ports === undefined) throw new AppError('UNAVAILABLE', NO_SIGN_IN_HERE);
    if (!tenantsCompatible(settings.tenant, caseTenant)) {
      throw new AppError(
        'INVALID_REQUEST',
        `The app is set up for tenant ${settings.tenant}, not ${caseTenant.trim()}. Check the tenant you typed, or change the tenant in Settings.`,
      );
    }
    const connectionOptions: TenantConnectionOptions = {
      auth: this.signIn,
      ...(this.options.endpoints ? { endpoints: this.options.endpoints } : {}),
      ...(this.options.shellEnv ? { shellEnv: this.options.shellEnv } : {}),
    };
    try {
      return await openTenantConnection(settings, this.options.ports, connectionOptions);
    } catch (error) {
      if (error instanceof PowerShellNotFoundError) throw new AppError('UNAVAILABLE', error.message);
      throw error;
    }
  }

  /**
   * "Test connection" on the Settings page: the configured tenant, opened as a case would open it,
   * then closed again. The lines say what worked and what the operator may do.
   */
  async testConnection(): Promise<ConnectionTestLine[]> {
    const settings = await this.settings();
    if (settings === null) throw new AppError('UNAVAILABLE', NOT_SET_UP);
    const connection = await this.openTenant(settings.tenant);
    try {
      return await testConnection(connection);
    } finally {
      await connection.close();
    }
  }

  /** Cancels a waiting sign-in; the sign-in itself is kept for the next start when it is persisted. */
  async dispose(): Promise<void> {
    const status = await this.signIn.status();
    if (status.state === 'signing-in') await this.signIn.signOut();
  }

  private settings(): Promise<AppSettings | null> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<AppSettings | null> {
    const read = await this.file.read();
    if (read.state === 'unreadable') {
      this.options.onWarning?.(
        `The saved settings could not be read (${read.reason}), so sign-in is not set up. Enter the client id and tenant again in Settings; saving replaces the damaged file (${this.file.filePath}).`,
      );
    }
    let settings = read.state === 'ok' ? read.settings : null;
    if (settings?.powershellPath !== undefined && settings.powershellInstallId === undefined) {
      // Saved by an older version, which took the path from the settings screen as typed. A
      // program main never checked is not run: the app finds PowerShell itself until the
      // operator picks one again.
      const { powershellPath: _dropped, ...rest } = settings;
      settings = rest;
      this.options.onWarning?.(
        'The PowerShell program saved by an earlier version of the app is no longer used as typed. The app now finds PowerShell itself; to use a particular one, choose PowerShell again in Settings.',
      );
    }
    await this.signIn.configure(settings);
    return settings;
  }

  private createAuth(settings: AppSettings) {
    const ports = this.options.ports;
    if (ports === undefined) {
      // No sign-in in this runtime: an auth that only ever says "signed out".
      return {
        status: async () => ({ state: 'signed-out' as const }),
        signIn: async () => {
          throw new AppError('UNAVAILABLE', NO_SIGN_IN_HERE);
        },
        getToken: async () => {
          throw new AppError('UNAVAILABLE', NO_SIGN_IN_HERE);
        },
        signOut: async () => undefined,
      };
    }
    return createTenantAuth(settings, ports, {
      tokenCachePath: this.tokenCachePath(),
      ...(this.options.endpoints ? { endpoints: this.options.endpoints } : {}),
    });
  }

  private tokenCachePath(): string {
    return path.join(this.options.dataDir, 'auth', 'token-cache.bin');
  }

  private async view(settings: AppSettings | null): Promise<SettingsView> {
    const ports = this.options.ports;
    if (ports === undefined) {
      return {
        settings,
        signInAvailable: false,
        tokenStorage: { persisted: false, reason: NO_SIGN_IN_HERE },
      };
    }
    // Asks the same question the cache plugin asks before it writes anything.
    const persistence = await new EncryptedCachePlugin(
      ports.secureStorage,
      createCacheFile(this.tokenCachePath()),
    ).describePersistence();
    return {
      settings,
      signInAvailable: true,
      tokenStorage:
        persistence.mode === 'encrypted-file'
          ? { persisted: true }
          : { persisted: false, reason: persistence.reason },
    };
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function tenantsCompatible(configured: string, requested: string): boolean {
  const a = configured.trim().toLowerCase();
  const b = requested.trim().toLowerCase();
  if (a === b || b === '') return true;
  const isDomain = (t: string) => !GUID.test(t) && t !== 'organizations';
  return !(isDomain(a) && isDomain(b));
}
