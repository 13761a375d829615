import type { List } from './evidence';

/**
 * Narrow views of Microsoft Graph JSON (eas-reference.md §6), with Graph's own property names so
 * raw responses (nulls included) or the shared zod-parsed models can be passed in unchanged.
 */

export interface ConditionalAccessPolicyInput {
  readonly id: string;
  readonly displayName: string;
  /** enabled, disabled or enabledForReportingButNotEnforced. */
  readonly state: string;
  /** When the policy was made and last changed: a sign-in after that met the policy as it is now. */
  readonly createdDateTime?: string | null;
  readonly modifiedDateTime?: string | null;
  readonly conditions: {
    readonly users?: {
      readonly includeUsers?: List<string>;
      readonly excludeUsers?: List<string>;
      readonly includeGroups?: List<string>;
      readonly excludeGroups?: List<string>;
      readonly includeRoles?: List<string>;
      readonly excludeRoles?: List<string>;
      readonly includeGuestsOrExternalUsers?: unknown;
      readonly excludeGuestsOrExternalUsers?: unknown;
    } | null;
    readonly applications?: { readonly includeApplications?: List<string>; readonly excludeApplications?: List<string>; readonly applicationFilter?: unknown } | null;
    readonly clientAppTypes?: List<string>;
    readonly platforms?: { readonly includePlatforms?: List<string>; readonly excludePlatforms?: List<string> } | null;
    readonly locations?: { readonly includeLocations?: List<string>; readonly excludeLocations?: List<string> } | null;
    readonly signInRiskLevels?: List<string>;
    readonly userRiskLevels?: List<string>;
    readonly servicePrincipalRiskLevels?: List<string>;
    readonly insiderRiskLevels?: unknown;
    readonly devices?: unknown;
    readonly clientApplications?: unknown;
    readonly times?: unknown;
    readonly authenticationFlows?: { readonly transferMethods?: string | null } | null;
  };
  readonly grantControls?: {
    readonly operator?: string | null;
    readonly builtInControls?: List<string>;
    readonly customAuthenticationFactors?: List<string>;
    readonly termsOfUse?: List<string>;
    readonly authenticationStrength?: unknown;
  } | null;
  /** Not evaluated; read for sign-in frequency only. */
  readonly sessionControls?: {
    readonly signInFrequency?: { readonly isEnabled?: boolean | null; readonly value?: number | null; readonly type?: string | null; readonly frequencyInterval?: string | null } | null;
  } | Readonly<Record<string, unknown>> | null;
}

export interface NamedLocationInput {
  readonly '@odata.type'?: string;
  readonly id: string;
  readonly displayName?: string;
  readonly isTrusted?: boolean | null;
  readonly ipRanges?: List<{ readonly cidrAddress: string }>;
  readonly countriesAndRegions?: List<string>;
  readonly includeUnknownCountriesAndRegions?: boolean | null;
}

export interface SignInInput {
  readonly id?: string;
  readonly createdDateTime?: string;
  readonly userPrincipalName?: string | null;
  readonly appId?: string | null;
  readonly appDisplayName?: string | null;
  readonly resourceId?: string | null;
  readonly clientAppUsed?: string | null;
  readonly ipAddress?: string | null;
  readonly isInteractive?: boolean | null;
  readonly conditionalAccessStatus?: string | null;
  readonly appliedConditionalAccessPolicies?: List<{
    readonly id?: string;
    readonly displayName?: string | null;
    readonly enforcedGrantControls?: List<string>;
    readonly enforcedSessionControls?: List<string>;
    readonly result?: string | null;
  }>;
  readonly status?: { readonly errorCode?: number | null; readonly failureReason?: string | null } | null;
  readonly deviceDetail?: { readonly deviceId?: string | null; readonly operatingSystem?: string | null; readonly isCompliant?: boolean | null; readonly isManaged?: boolean | null } | null;
  readonly location?: { readonly countryOrRegion?: string | null } | null;
}

/** One entry of the What-If (conditionalAccess/evaluate) answer: a policy plus whether it applies. */
export interface WhatIfResultInput extends ConditionalAccessPolicyInput {
  readonly policyApplies: boolean;
  /** Graph's flags string ("users,location") or the shared model's parsed list. */
  readonly analysisReasons?: string | readonly string[] | null;
}
