import { z } from 'zod';

/**
 * What the operator configures before the first sign-in, and the first-run explanation the UI
 * shows next to it. Kept as data so the settings screen, the docs and the sign-in code all read
 * the same list of permissions.
 */

/** A GUID as Entra prints it (app ids, tenant ids). */
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/**
 * The tenant: a tenant id, a verified domain (contoso.onmicrosoft.com), or `organizations`.
 * `common` and `consumers` are refused because personal Microsoft accounts cannot manage Exchange.
 */
export const tenantSettingSchema = z.union([
  guid,
  z.literal('organizations'),
  z
    .string()
    .regex(
      /^(?=.{4,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i,
      'Enter a tenant id or a domain such as contoso.onmicrosoft.com',
    ),
]);

/** The sign-in settings the operator (or their admin) types in once. */
export const authSettingsSchema = z.object({
  /** Application (client) id of the app registration made for this tool. */
  clientId: guid,
  tenant: tenantSettingSchema,
  /** Optional fixed loopback port, when the app registration lists `http://localhost:<port>`. */
  redirectPort: z.number().int().min(1024).max(65535).optional(),
  /**
   * Also request Directory.Read.All. Graph documents a known issue where listing sign-ins needs it
   * next to AuditLog.Read.All; leave off unless sign-in evidence fails with a permission error.
   */
  requestDirectoryReadAll: z.boolean().default(false),
});
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export const permissionSchema = z.object({
  /** The API as the Entra portal lists it under "API permissions". */
  api: z.enum(['Microsoft Graph', 'Office 365 Exchange Online']),
  /** Permission name exactly as shown in the portal. */
  name: z.string(),
  type: z.literal('Delegated'),
  adminConsentRequired: z.boolean(),
  /** Why the tool needs it, in plain words. */
  why: z.string(),
  optional: z.boolean(),
});
export type PermissionRequirement = z.infer<typeof permissionSchema>;

export const roleRequirementSchema = z.object({
  system: z.enum(['Entra ID', 'Exchange Online']),
  /** Role names that each suffice; the first is the narrowest. */
  anyOf: z.array(z.string()).min(1),
  forWhat: z.string(),
});
export type RoleRequirement = z.infer<typeof roleRequirementSchema>;

/** The delegated permissions the app registration needs. */
export const REQUIRED_PERMISSIONS: readonly PermissionRequirement[] = [
  {
    api: 'Microsoft Graph',
    name: 'Policy.Read.All',
    type: 'Delegated',
    adminConsentRequired: true,
    why: 'Read Conditional Access policies and named locations, and run the What-If check that shows which policies would apply to the phone.',
    optional: false,
  },
  {
    api: 'Microsoft Graph',
    name: 'AuditLog.Read.All',
    type: 'Delegated',
    adminConsentRequired: true,
    why: "Read the user's sign-ins of the last 7 days to see whether Entra blocked the phone and why.",
    optional: false,
  },
  {
    api: 'Microsoft Graph',
    name: 'GroupMember.Read.All',
    type: 'Delegated',
    adminConsentRequired: true,
    why: "List the user's groups (including nested groups), because policies often include or exclude groups.",
    optional: false,
  },
  {
    api: 'Microsoft Graph',
    name: 'User.Read.All',
    type: 'Delegated',
    adminConsentRequired: true,
    why: "Look the user up by email address and read the user's directory roles.",
    optional: false,
  },
  {
    api: 'Microsoft Graph',
    name: 'Directory.Read.All',
    type: 'Delegated',
    adminConsentRequired: true,
    why: 'Only if sign-ins cannot be read with AuditLog.Read.All alone (a known Microsoft Graph issue). Turn on "Also request Directory.Read.All" in settings after granting it.',
    optional: true,
  },
  {
    api: 'Office 365 Exchange Online',
    name: 'Exchange.Manage',
    type: 'Delegated',
    adminConsentRequired: true,
    why: "Run the Exchange Online commands that read the user's phones, ActiveSync settings and mailbox logs.",
    optional: false,
  },
];

/** The roles the operator's own account needs. Permissions alone are not enough for delegated access. */
export const REQUIRED_ROLES: readonly RoleRequirement[] = [
  {
    system: 'Entra ID',
    anyOf: ['Security Reader', 'Global Reader', 'Conditional Access Administrator'],
    forWhat: 'Reading Conditional Access policies, named locations and the What-If result.',
  },
  {
    system: 'Entra ID',
    anyOf: ['Reports Reader', 'Security Reader', 'Global Reader'],
    forWhat: 'Reading sign-in logs (the tenant also needs Microsoft Entra ID P1 or P2).',
  },
  {
    system: 'Exchange Online',
    anyOf: [
      'ActiveSync Helpdesk (role group made by powershell/admin/New-EasHelpdeskRole.ps1, see the admin guide)',
      'Recipient Management (role group)',
      'Exchange Recipient Administrator',
      'Exchange Administrator',
    ],
    forWhat:
      'Reading and changing phone partnerships and ActiveSync settings, and turning on mailbox logging. The app checks the cmdlets and parameters your roles grant (Get-ManagementRoleEntry), not their names. Which built-in role entries cover mailbox logging is not confirmed by Microsoft documentation.',
  },
];

/** The first-run screen's explanation, paragraph by paragraph. */
export const FIRST_RUN_EXPLANATION: readonly string[] = [
  'This tool signs in as you and reads Exchange Online and Microsoft Entra data on your behalf. It needs its own app registration in your organisation, made once by an Entra administrator.',
  'In the Entra admin center, open App registrations and choose New registration. Give it a name such as "ActiveSync Troubleshooter" and choose "Accounts in this organizational directory only".',
  'Under Authentication, add the platform "Mobile and desktop applications" with the redirect URI http://localhost (and http://localhost:<port> if you set a fixed port here). Turn on "Allow public client flows" only if you want to use sign-in with a code.',
  'Under API permissions, add the delegated permissions listed below and grant admin consent.',
  'Copy the Application (client) ID and the Directory (tenant) ID into the fields on this screen.',
  'Your own account also needs the roles listed below. Without them, the matching evidence is shown as unavailable and the wizard goes on with the rest.',
];
