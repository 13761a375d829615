import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EasApi } from '../../../src-main/shared/ipc/api';
import {
  validateSettingsDraft,
  type AuthStatusView,
  type ConnectionTestLine,
  type PowerShellInstallView,
  type SettingsDraft,
  type SettingsFieldErrors,
  type SettingsView,
  type SetupRequirements,
  type SignInMethod,
} from '../../../src-main/shared/models/settings';

export interface SettingsState {
  /** Whether the settings screen is showing. */
  open: boolean;
  loaded: boolean;
  view: SettingsView | null;
  requirements: SetupRequirements | null;
  auth: AuthStatusView;
  /** Why loading, saving or signing in failed, in the main process's words. */
  error: string | null;
  fieldErrors: SettingsFieldErrors;
  saving: boolean;
  /** Set after a successful save, for the status line. */
  savedAt: string | null;
  /** The PowerShell installs main found and checked; the form offers exactly these. */
  installs: PowerShellInstallView[];
  /** Why choosing another PowerShell failed (not PowerShell, or no dialog in this runtime). */
  installError: string | null;
  /** Asks main to show its file dialog for another PowerShell; the new install's id, or null. */
  chooseInstall(): Promise<string | null>;
  openSettings(): void;
  closeSettings(): void;
  /** Loads settings, requirements and sign-in state, and follows sign-in pushes. */
  load(): Promise<void>;
  /** Validates here first (same rules and words as the main process), then saves. */
  save(draft: SettingsDraft): Promise<boolean>;
  signIn(method: SignInMethod): Promise<void>;
  signOut(): Promise<void>;
  /** "Test connection": null before the first run; `running` while it runs. */
  connectionTest: { running: boolean; lines: ConnectionTestLine[] | null; error: string | null };
  testConnection(): Promise<void>;
}

/** The settings screen's state over the typed API; one per app, shared by the header and start screen. */
export function createSettingsStore(api: EasApi): StoreApi<SettingsState> {
  let subscribed = false;
  // Counts pushed statuses, so an answer that was overtaken by a push does not overwrite it.
  let pushes = 0;
  return createStore<SettingsState>()((set, get) => ({
    open: false,
    loaded: false,
    view: null,
    requirements: null,
    auth: { state: 'not-configured' },
    error: null,
    fieldErrors: {},
    saving: false,
    savedAt: null,
    installs: [],
    installError: null,
    chooseInstall: async () => {
      set({ installError: null });
      const chosen = await api.choosePowerShellInstall({});
      if (!chosen.ok) {
        set({ installError: chosen.error.message });
        return null;
      }
      const listed = await api.listPowerShellInstalls({});
      if (listed.ok) set({ installs: listed.value.installs });
      return chosen.value.install?.id ?? null;
    },
    openSettings: () => {
      set({ open: true });
      void get().load();
    },
    closeSettings: () => set({ open: false }),
    load: async () => {
      if (!subscribed) {
        subscribed = true;
        api.onAuthStatus((auth) => {
          pushes++;
          set({ auth });
        });
      }
      const [view, requirements, auth, installs] = await Promise.all([
        api.getSettings({}),
        api.getSetupRequirements({}),
        api.getAuthStatus({}),
        api.listPowerShellInstalls({}),
      ]);
      if (installs.ok) set({ installs: installs.value.installs });
      const failed = [view, requirements, auth].find((r) => !r.ok);
      set({
        loaded: true,
        ...(view.ok ? { view: view.value } : {}),
        ...(requirements.ok ? { requirements: requirements.value } : {}),
        ...(auth.ok ? { auth: auth.value } : {}),
        error: failed && !failed.ok ? failed.error.message : null,
      });
    },
    save: async (draft) => {
      const checked = validateSettingsDraft(draft);
      if (!checked.ok) {
        set({ fieldErrors: checked.errors, savedAt: null });
        return false;
      }
      set({ saving: true, fieldErrors: {}, error: null });
      const result = await api.saveSettings(draft);
      if (!result.ok) {
        set({ saving: false, error: result.error.message, savedAt: null });
        return false;
      }
      set({ saving: false, view: result.value, savedAt: new Date().toISOString() });
      const [requirements, auth] = await Promise.all([api.getSetupRequirements({}), api.getAuthStatus({})]);
      if (requirements.ok) set({ requirements: requirements.value });
      if (auth.ok) set({ auth: auth.value });
      return true;
    },
    signIn: async (method) => {
      set({ error: null });
      const before = pushes;
      const result = await api.signIn({ method });
      if (!result.ok) set({ error: result.error.message });
      else if (pushes === before) set({ auth: result.value });
    },
    connectionTest: { running: false, lines: null, error: null },
    testConnection: async () => {
      set({ connectionTest: { running: true, lines: null, error: null } });
      const result = await api.testConnection({});
      set({ connectionTest: result.ok ? { running: false, lines: result.value.lines, error: null } : { running: false, lines: null, error: result.error.message } });
    },
    signOut: async () => {
      const before = pushes;
      const result = await api.signOut({});
      if (!result.ok) set({ error: result.error.message });
      else if (pushes === before) set({ auth: result.value, error: null });
    },
  }));
}
