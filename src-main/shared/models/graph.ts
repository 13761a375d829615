import { z } from 'zod';

/**
 * Microsoft Graph (Entra ID) evidence as the wizard stores and shows it. Field names follow
 * Graph's own JSON so a case bundle can be compared with Graph Explorer output. Enum-like fields
 * are plain strings on purpose: Graph adds values over time (`unknownFutureValue`, report-only
 * results, beta-only reasons) and a new value must never make evidence unreadable.
 */

/** Exchange Online's application id, the app Conditional Access policies name for EAS. */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

const stringList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

export const caUsersConditionSchema = z.object({
  includeUsers: stringList,
  excludeUsers: stringList,
  includeGroups: stringList,
  excludeGroups: stringList,
  includeRoles: stringList,
  excludeRoles: stringList,
  /** Guest/external user type objects; kept so the evaluator can say "cannot tell" (facts F40). */
  includeGuestsOrExternalUsers: z.unknown().nullish(),
  excludeGuestsOrExternalUsers: z.unknown().nullish(),
});

export const caConditionsSchema = z.object({
  users: caUsersConditionSchema.nullish(),
  applications: z
    .object({ includeApplications: stringList, excludeApplications: stringList, applicationFilter: z.unknown().nullish() })
    .nullish(),
  clientAppTypes: stringList,
  platforms: z.object({ includePlatforms: stringList, excludePlatforms: stringList }).nullish(),
  locations: z.object({ includeLocations: stringList, excludeLocations: stringList }).nullish(),
  signInRiskLevels: stringList,
  userRiskLevels: stringList,
  // Conditions the local evaluator does not model are kept, not stripped, so it can say
  // "cannot tell" instead of silently treating them as met (facts F40).
  servicePrincipalRiskLevels: stringList,
  insiderRiskLevels: z.unknown().nullish(),
  devices: z.unknown().nullish(),
  clientApplications: z.unknown().nullish(),
  times: z.unknown().nullish(),
  authenticationFlows: z.looseObject({ transferMethods: z.string().nullish() }).nullish(),
});

export const conditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** `enabled`, `disabled` or `enabledForReportingButNotEnforced` (report-only). */
  state: z.string(),
  createdDateTime: z.string().nullish(),
  modifiedDateTime: z.string().nullish(),
  conditions: caConditionsSchema,
  grantControls: z
    .object({
      operator: z.string().nullish(),
      builtInControls: stringList,
      customAuthenticationFactors: stringList,
      termsOfUse: stringList,
      authenticationStrength: z.unknown().nullish(),
    })
    .nullish(),
  sessionControls: z.record(z.string(), z.unknown()).nullish(),
});
export type ConditionalAccessPolicy = z.infer<typeof conditionalAccessPolicySchema>;

export const namedLocationSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: z.string(),
  isTrusted: z.boolean().nullish(),
  ipRanges: z.array(z.object({ '@odata.type': z.string().optional(), cidrAddress: z.string() })).nullish(),
  countriesAndRegions: stringList,
  includeUnknownCountriesAndRegions: z.boolean().nullish(),
  countryLookupMethod: z.string().nullish(),
});
export type NamedLocation = z.infer<typeof namedLocationSchema>;

export const directoryUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** One entry of `transitiveMemberOf`: a group, a directory role or an administrative unit. */
export const directoryMembershipSchema = z.object({
  '@odata.type': z.string(),
  id: z.string(),
  displayName: z.string().nullish(),
  /** Directory roles carry the role template id, which CA policies reference in includeRoles. */
  roleTemplateId: z.string().nullish(),
  securityEnabled: z.boolean().nullish(),
});
export type DirectoryMembership = z.infer<typeof directoryMembershipSchema>;

export const userMembershipsSchema = z.object({
  user: directoryUserSchema,
  groups: z.array(directoryMembershipSchema),
  directoryRoles: z.array(directoryMembershipSchema),
});
export type UserMemberships = z.infer<typeof userMembershipsSchema>;

export const appliedCaPolicySchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  enforcedGrantControls: stringList,
  enforcedSessionControls: stringList,
  /** success, failure, notApplied, notEnabled, unknown, or reportOnly* (only with the Prefer header). */
  result: z.string(),
});

export const signInSchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  userPrincipalName: z.string().nullish(),
  userId: z.string().nullish(),
  appId: z.string().nullish(),
  appDisplayName: z.string().nullish(),
  resourceId: z.string().nullish(),
  resourceDisplayName: z.string().nullish(),
  clientAppUsed: z.string().nullish(),
  ipAddress: z.string().nullish(),
  isInteractive: z.boolean().nullish(),
  correlationId: z.string().nullish(),
  conditionalAccessStatus: z.string().nullish(),
  appliedConditionalAccessPolicies: z
    .array(appliedCaPolicySchema)
    .nullish()
    .transform((v) => v ?? []),
  status: z
    .object({
      errorCode: z.number(),
      failureReason: z.string().nullish(),
      additionalDetails: z.string().nullish(),
    })
    .nullish(),
  deviceDetail: z
    .object({
      deviceId: z.string().nullish(),
      displayName: z.string().nullish(),
      operatingSystem: z.string().nullish(),
      browser: z.string().nullish(),
      isCompliant: z.boolean().nullish(),
      isManaged: z.boolean().nullish(),
      trustType: z.string().nullish(),
    })
    .nullish(),
  location: z
    .object({
      city: z.string().nullish(),
      state: z.string().nullish(),
      countryOrRegion: z.string().nullish(),
    })
    .nullish(),
});
export type SignIn = z.infer<typeof signInSchema>;

/** The two `clientAppUsed` values a phone's mail app shows up as (legacy EAS and modern auth). */
export const EAS_CLIENT_APPS = ['Exchange ActiveSync', 'Mobile Apps and Desktop clients'] as const;

export const signInEvidenceSchema = z.object({
  /** Start of the window searched (ISO). */
  since: z.string(),
  signIns: z.array(signInSchema),
  /**
   * Whether the non-interactive sign-ins (token refreshes, where OAuth mail apps fail after a
   * password change, facts F33) were read. They come from Graph beta with a filter whose syntax is
   * unverified on a real tenant, so a reading is marked as such; absent in cases saved before.
   */
  nonInteractive: z
    .discriminatedUnion('read', [
      z.object({ read: z.literal(true), count: z.number().int(), unverified: z.literal(true) }),
      z.object({ read: z.literal(false), reason: z.string() }),
    ])
    .optional(),
});
export type SignInEvidence = z.infer<typeof signInEvidenceSchema>;

/**
 * `analysisReasons` is a Graph flags enum: one comma-separated string on the wire ("users,location").
 * Normalised to a list here; unknown values are kept, never dropped.
 */
const analysisReasonsSchema = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => {
    if (v == null) return [];
    const parts = Array.isArray(v) ? v : v.split(',');
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
  });

export const whatIfPolicyResultSchema = conditionalAccessPolicySchema.extend({
  policyApplies: z.boolean(),
  analysisReasons: analysisReasonsSchema,
});
export type WhatIfPolicyResult = z.infer<typeof whatIfPolicyResultSchema>;

/** The client-app type a What-If run simulated. */
export const whatIfClientAppTypeSchema = z.enum(['exchangeActiveSync', 'mobileAppsAndDesktopClients']);
export type WhatIfClientAppType = z.infer<typeof whatIfClientAppTypeSchema>;

export const whatIfEvidenceSchema = z.object({
  clientAppType: whatIfClientAppTypeSchema,
  /** Which Graph version answered; sources disagree whether the action exists in v1.0. */
  apiVersion: z.enum(['v1.0', 'beta']),
  /** The sign-in conditions What-If was asked about (platform, IP address, country, device). */
  conditions: z.record(z.string(), z.unknown()).optional(),
  results: z.array(whatIfPolicyResultSchema),
});
export type WhatIfEvidence = z.infer<typeof whatIfEvidenceSchema>;

export const conditionalAccessEvidenceSchema = z.object({
  policies: z.array(conditionalAccessPolicySchema),
  namedLocations: z.array(namedLocationSchema),
});
export type ConditionalAccessEvidence = z.infer<typeof conditionalAccessEvidenceSchema>;

/** Why a piece of evidence could not be read. */
export const unavailableKindSchema = z.enum([
  'missing-permission',
  'licence-required',
  'sign-in-required',
  'throttled',
  'not-found',
  'service-error',
]);
export type UnavailableKind = z.infer<typeof unavailableKindSchema>;

/**
 * Evidence is either there, or unavailable with a reason the operator can act on. The wizard
 * always goes on: missing evidence narrows the diagnosis but never stops it.
 */
export const evidenceSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('available'), collectedAt: z.string(), data }),
    z.object({
      status: z.literal('unavailable'),
      collectedAt: z.string(),
      kind: unavailableKindSchema,
      /** Tier-1 wording: what is missing and what to do. */
      reason: z.string(),
      missingPermission: z.string().optional(),
      missingRoles: z.array(z.string()).optional(),
    }),
  ]);

export type Evidence<T> =
  | { status: 'available'; collectedAt: string; data: T }
  | {
      status: 'unavailable';
      collectedAt: string;
      kind: UnavailableKind;
      reason: string;
      missingPermission?: string;
      missingRoles?: string[];
    };
