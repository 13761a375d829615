import { z } from 'zod';
import { permissionSchema, roleRequirementSchema, tenantSettingSchema } from './auth-setup';

/**
 * The app's settings as the operator types them, and what the settings screen shows about
 * sign-in. Shared by the main process (which validates again before saving) and the renderer
 * (which validates as the operator types), so both give the same messages.
 *
 * No field here ever holds a secret: the app registration is a public client, so the client id
 * and tenant are identifiers, and tokens live only in MSAL's (encrypted or in-memory) cache.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CLIENT_ID_MESSAGE =
  'The client id is a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0. Copy "Application (client) ID" from the app registration’s Overview page in the Entra admin center.';
export const TENANT_MESSAGE =
  'Enter the Directory (tenant) ID, or your tenant’s domain such as contoso.onmicrosoft.com.';
const PERSONAL_TENANT_MESSAGE =
  '"common" and "consumers" also let personal Microsoft accounts in, and those cannot manage Exchange. Enter your tenant’s id or domain.';
const PORT_MESSAGE = 'The port is a whole number from 1024 to 65535, or leave it empty.';
const POWERSHELL_INSTALL_MESSAGE =
  'Choose one of the PowerShell installs the app found, or "Find PowerShell automatically".';

/** An install id as main hands them out (see PowerShellInstalls): never a path. */
export const POWERSHELL_INSTALL_ID = /^ps-[0-9a-f]{16}$/;

/** Checked values of the settings; the main process stores exactly this. */
export const appSettingsSchema = z
  .object({
    clientId: z.string().trim().regex(GUID, CLIENT_ID_MESSAGE),
    tenant: z
      .string()
      .trim()
      .min(1, TENANT_MESSAGE)
      .max(253, TENANT_MESSAGE)
      .refine((value) => !/^(common|consumers)$/i.test(value), PERSONAL_TENANT_MESSAGE)
      .refine((value) => tenantSettingSchema.safeParse(value).success, TENANT_MESSAGE),
    redirectPort: z
      .number({ error: PORT_MESSAGE })
      .int(PORT_MESSAGE)
      .min(1024, PORT_MESSAGE)
      .max(65535, PORT_MESSAGE)
      .optional(),
    requestDirectoryReadAll: z.boolean().default(false),
    /** Which PowerShell to run, as an id from powershell:list-installs; absent: find it automatically. */
    powershellInstallId: z.string().regex(POWERSHELL_INSTALL_ID, POWERSHELL_INSTALL_MESSAGE).optional(),
    /**
     * The path main resolved that id to when saving. Written only by main (the draft has no such
     * field), shown read-only, and what the session runs.
     */
    powershellPath: z.string().max(4096).optional(),
  })
  .strict();
export type AppSettings = z.output<typeof appSettingsSchema>;

/**
 * What the settings screen sends: only the shapes are checked here, so a wrong value reaches
 * the settings service, which answers with the field's own tier-1 message.
 */
export const settingsDraftSchema = z
  .object({
    clientId: z.string().max(200),
    tenant: z.string().max(300),
    redirectPort: z.number().optional(),
    requestDirectoryReadAll: z.boolean().optional(),
    powershellInstallId: z.string().max(40).optional(),
  })
  .strict();
export type SettingsDraft = z.input<typeof settingsDraftSchema>;

export type SettingsField = keyof SettingsDraft;
export type SettingsFieldErrors = Partial<Record<SettingsField, string>>;

/**
 * Validates a draft as typed in the form: empty optional fields count as "not set". Answers the
 * checked settings or one message per field.
 */
export function validateSettingsDraft(
  draft: SettingsDraft,
): { ok: true; value: AppSettings } | { ok: false; errors: SettingsFieldErrors } {
  const cleaned = {
    ...draft,
    powershellInstallId: draft.powershellInstallId?.trim() ? draft.powershellInstallId : undefined,
  };
  // The path is main's to fill in from the id; a draft that carries one is refused.
  const parsed = appSettingsSchema.omit({ powershellPath: true }).safeParse(cleaned);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: SettingsFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SettingsField | undefined;
    if (field !== undefined) errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** A PowerShell main found (or the operator picked in main's dialog) and ran to read its version. */
export const powershellInstallViewSchema = z.object({
  id: z.string().regex(POWERSHELL_INSTALL_ID),
  path: z.string(),
  kind: z.enum(['pwsh', 'powershell']),
  version: z.string(),
  source: z.enum(['path', 'dotnet-tool', 'windows-powershell', 'setting', 'chosen']),
  label: z.string(),
});
export type PowerShellInstallView = z.infer<typeof powershellInstallViewSchema>;

/** How the sign-in is kept between starts, for the settings screen. */
export const tokenStorageViewSchema = z.discriminatedUnion('persisted', [
  z.object({ persisted: z.literal(true) }),
  z.object({ persisted: z.literal(false), reason: z.string() }),
]);

/** The settings screen's view of the stored settings. */
export const settingsViewSchema = z.object({
  /** Null until the operator (or their admin) has saved the app registration's details once. */
  settings: appSettingsSchema.nullable(),
  /** False where this runtime cannot sign in at all (the command line). */
  signInAvailable: z.boolean(),
  tokenStorage: tokenStorageViewSchema,
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** The first-run explanation and the exact permissions and roles, as data. */
export const setupRequirementsSchema = z.object({
  explanation: z.array(z.string()),
  permissions: z.array(permissionSchema),
  roles: z.array(roleRequirementSchema),
  /** The redirect URI(s) to register, derived from the saved port. */
  redirectUris: z.array(z.string()),
});
export type SetupRequirements = z.infer<typeof setupRequirementsSchema>;

export const signInMethodSchema = z.enum(['interactive', 'device-code']);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

export const deviceCodeViewSchema = z.object({
  userCode: z.string(),
  verificationUri: z.string(),
  message: z.string(),
  expiresOn: z.string(),
});
export type DeviceCodeView = z.infer<typeof deviceCodeViewSchema>;

/**
 * The operator's sign-in as the UI sees it. `problem` carries the last failure in tier-1 words
 * (sign-in runs in the background, so its failure arrives here rather than as a call's error).
 */
export const authStatusViewSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-configured') }),
  z.object({ state: z.literal('signed-out'), problem: z.string().optional() }),
  z.object({
    state: z.literal('signing-in'),
    method: signInMethodSchema,
    deviceCode: deviceCodeViewSchema.optional(),
  }),
  z.object({
    state: z.literal('signed-in'),
    account: z.object({ username: z.string(), name: z.string().optional(), tenantId: z.string() }),
  }),
]);
export type AuthStatusView = z.infer<typeof authStatusViewSchema>;

/** One line of "Test connection" on the Settings page, in plain words. */
export const connectionTestLineSchema = z.object({
  label: z.string(),
  outcome: z.enum(['ok', 'warning', 'problem', 'unavailable']),
  detail: z.string(),
});
export type ConnectionTestLine = z.infer<typeof connectionTestLineSchema>;
