import type { FindingDraft } from '../diagnosis/catalog';
import { list } from './evidence';
import type { ConditionalAccessPolicyInput, NamedLocationInput, WhatIfResultInput } from './graph-inputs';
import { ipInRange } from './ip-address';

export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/**
 * Sources disagree on whether OAuth EAS clients count as "Exchange ActiveSync clients" or as
 * "Mobile apps and desktop clients" (facts.md F10, §3). We evaluate both readings and say which
 * one a policy applies under.
 */
export type ClientAppReading = 'exchangeActiveSync' | 'mobileAppsAndDesktopClients';
export const CLIENT_APP_READINGS: readonly ClientAppReading[] = ['exchangeActiveSync', 'mobileAppsAndDesktopClients'];

/** Who signs in, from where, on what: every field optional, unknown conditions give "maybe". */
export interface SignInContext {
  userId?: string;
  /** Group and role ids of the user (transitive); undefined = not known. */
  groupIds?: readonly string[];
  roleIds?: readonly string[];
  isGuest?: boolean;
  /** Graph platform name: android, iOS, windows, windowsPhone, macOS, linux. */
  platform?: string;
  ipAddress?: string;
  /** Two-letter country code. */
  country?: string;
  deviceCompliant?: boolean;
}

/** What-If answers, one set per clientAppType the caller asked about. */
export interface WhatIfRun {
  clientAppType: string;
  results: readonly WhatIfResultInput[];
}

type Match = 'yes' | 'no' | 'maybe';

/** Platforms for which "EAS supported platforms" (easSupported) holds. */
const EAS_SUPPORTED_PLATFORMS = new Set(['android', 'ios', 'windowsphone']);
/** Grants a native mail app can never satisfy, per reading (legacy EAS cannot do MFA or terms of use). */
const UNSATISFIABLE: Readonly<Record<ClientAppReading, ReadonlySet<string>>> = {
  exchangeActiveSync: new Set(['block', 'mfa', 'approvedApplication', 'compliantApplication', 'passwordChange']),
  mobileAppsAndDesktopClients: new Set(['block', 'approvedApplication', 'compliantApplication']),
};

export interface PolicyVerdict {
  policy: ConditionalAccessPolicyInput;
  reading: ClientAppReading;
  applies: Match;
  blocks: Match;
  /** Where the verdict came from. */
  source: 'what-if' | 'local';
}

/** Evaluates every enabled or report-only policy under both client-app readings. */
export function evaluatePolicies(
  policies: readonly ConditionalAccessPolicyInput[],
  namedLocations: readonly NamedLocationInput[],
  context: SignInContext,
  whatIf: readonly WhatIfRun[] = [],
): PolicyVerdict[] {
  const verdicts: PolicyVerdict[] = [];
  for (const reading of CLIENT_APP_READINGS) {
    const run = whatIf.find((w) => w.clientAppType === reading);
    for (const policy of policies) {
      if (policy.state === 'disabled') continue;
      const answered = run?.results.find((r) => r.id === policy.id);
      const applies: Match = answered !== undefined ? (answered.policyApplies ? 'yes' : 'no') : appliesLocally(policy, namedLocations, context, reading);
      if (applies === 'no') continue;
      verdicts.push({ policy, reading, applies, blocks: grantBlocks(policy, reading, context), source: answered !== undefined ? 'what-if' : 'local' });
    }
  }
  return verdicts;
}

/** CA_BLOCKS_EAS / CA_REPORT_ONLY_WOULD_BLOCK drafts, one per policy, naming the reading(s). */
export function evaluateConditionalAccess(
  policies: readonly ConditionalAccessPolicyInput[],
  namedLocations: readonly NamedLocationInput[],
  context: SignInContext,
  whatIf: readonly WhatIfRun[] = [],
): FindingDraft[] {
  const byPolicy = new Map<string, PolicyVerdict[]>();
  for (const v of evaluatePolicies(policies, namedLocations, context, whatIf)) {
    if (v.blocks === 'no') continue;
    byPolicy.set(v.policy.id, [...(byPolicy.get(v.policy.id) ?? []), v]);
  }
  const drafts: FindingDraft[] = [];
  for (const verdicts of byPolicy.values()) {
    const policy = (verdicts[0] as PolicyVerdict).policy;
    const reportOnly = policy.state === 'enabledForReportingButNotEnforced';
    const certain = verdicts.filter((v) => v.applies === 'yes' && v.blocks === 'yes');
    const readings = verdicts.map((v) => (v.reading === 'exchangeActiveSync' ? 'Exchange ActiveSync clients' : 'Mobile apps and desktop clients'));
    const confidence = certain.length === CLIENT_APP_READINGS.length || certain.some((v) => v.source === 'what-if') ? 'high' : certain.length > 0 ? 'medium' : 'low';
    const controls = list(policy.grantControls?.builtInControls).join(', ') || 'custom controls';
    drafts.push({
      code: reportOnly ? 'CA_REPORT_ONLY_WOULD_BLOCK' : 'CA_BLOCKS_EAS',
      detail: `Policy "${policy.displayName}" (${reportOnly ? 'report-only' : 'on'}) applies when the phone counts as ${readings.join(' or ')}, and its grant (${controls}) cannot be met by the phone's mail app.${certain.length === 0 ? ' Some conditions could not be checked (user groups, platform or location unknown).' : ''}`,
      evidence: [{ step: 'conditional-access', object: `policy ${policy.displayName}`, detail: `state = ${policy.state}; grant = ${controls}; evaluated by ${verdicts[0]?.source === 'what-if' ? 'What-If' : 'the app'}` }],
      confidence,
    });
  }
  return drafts;
}

function appliesLocally(policy: ConditionalAccessPolicyInput, locations: readonly NamedLocationInput[], context: SignInContext, reading: ClientAppReading): Match {
  const checks = [usersMatch(policy, context), appsMatch(policy), clientAppsMatch(policy, reading, context), platformsMatch(policy, context), locationsMatch(policy, locations, context)];
  if (checks.includes('no')) return 'no';
  return checks.includes('maybe') ? 'maybe' : 'yes';
}

function usersMatch(policy: ConditionalAccessPolicyInput, ctx: SignInContext): Match {
  const u = policy.conditions.users;
  if (u == null) return 'yes';
  const inSet = (ids: readonly string[] | undefined, wanted: readonly string[]): Match =>
    wanted.length === 0 ? 'no' : ids === undefined ? 'maybe' : wanted.some((w) => ids.includes(w)) ? 'yes' : 'no';
  const includeUsers = list(u.includeUsers);
  if (includeUsers.includes('None')) return 'no';
  const excluded = [
    ctx.userId !== undefined && list(u.excludeUsers).includes(ctx.userId) ? 'yes' : 'no',
    list(u.excludeUsers).includes('GuestsOrExternalUsers') ? (ctx.isGuest === undefined ? 'maybe' : ctx.isGuest ? 'yes' : 'no') : 'no',
    inSet(ctx.groupIds, list(u.excludeGroups)),
    inSet(ctx.roleIds, list(u.excludeRoles)),
  ];
  if (excluded.includes('yes')) return 'no';
  const included: Match[] = [
    includeUsers.includes('All') || (ctx.userId !== undefined && includeUsers.includes(ctx.userId)) ? 'yes' : ctx.userId === undefined && includeUsers.length > 0 ? 'maybe' : 'no',
    includeUsers.includes('GuestsOrExternalUsers') ? (ctx.isGuest === undefined ? 'maybe' : ctx.isGuest ? 'yes' : 'no') : 'no',
    inSet(ctx.groupIds, list(u.includeGroups)),
    inSet(ctx.roleIds, list(u.includeRoles)),
  ];
  const verdict: Match = included.includes('yes') ? 'yes' : included.includes('maybe') ? 'maybe' : 'no';
  return verdict === 'yes' && excluded.includes('maybe') ? 'maybe' : verdict;
}

function appsMatch(policy: ConditionalAccessPolicyInput): Match {
  const a = policy.conditions.applications;
  if (a == null) return 'no';
  const hits = (ids: readonly string[]): boolean => ids.includes(EXCHANGE_ONLINE_APP_ID) || ids.includes('Office365');
  if (hits(list(a.excludeApplications))) return 'no';
  const include = list(a.includeApplications);
  return include.includes('All') || hits(include) ? 'yes' : 'no';
}

function clientAppsMatch(policy: ConditionalAccessPolicyInput, reading: ClientAppReading, ctx: SignInContext): Match {
  const types = list(policy.conditions.clientAppTypes);
  if (types.length === 0 || types.includes('all')) return 'yes';
  if (reading === 'mobileAppsAndDesktopClients') return types.includes('mobileAppsAndDesktopClients') ? 'yes' : 'no';
  // easUnsupported is deprecated in favour of exchangeActiveSync, which covers both.
  if (types.includes('exchangeActiveSync') || types.includes('easUnsupported')) return 'yes';
  if (types.includes('easSupported')) {
    if (ctx.platform === undefined) return 'maybe';
    return EAS_SUPPORTED_PLATFORMS.has(ctx.platform.toLowerCase()) ? 'yes' : 'no';
  }
  return 'no';
}

function platformsMatch(policy: ConditionalAccessPolicyInput, ctx: SignInContext): Match {
  const p = policy.conditions.platforms;
  if (p == null) return 'yes';
  const include = list(p.includePlatforms).map((x) => x.toLowerCase());
  const exclude = list(p.excludePlatforms).map((x) => x.toLowerCase());
  if (include.length === 0 && exclude.length === 0) return 'yes';
  if (ctx.platform === undefined) return 'maybe';
  const platform = ctx.platform.toLowerCase();
  if (exclude.includes(platform)) return 'no';
  return include.includes('all') || include.includes(platform) ? 'yes' : 'no';
}

function locationsMatch(policy: ConditionalAccessPolicyInput, locations: readonly NamedLocationInput[], ctx: SignInContext): Match {
  const l = policy.conditions.locations;
  if (l == null) return 'yes';
  const include = list(l.includeLocations);
  const exclude = list(l.excludeLocations);
  if (include.length === 0 && exclude.length === 0) return 'yes';
  const inLocation = (id: string): Match => {
    if (id === 'All') return 'yes';
    const targets = id === 'AllTrusted' ? locations.filter((n) => n.isTrusted === true) : locations.filter((n) => n.id === id);
    if (targets.length === 0) return id === 'AllTrusted' ? 'no' : 'maybe';
    const results = targets.map((n) => inNamedLocation(n, ctx));
    return results.includes('yes') ? 'yes' : results.includes('maybe') ? 'maybe' : 'no';
  };
  const excluded = exclude.map(inLocation);
  if (excluded.includes('yes')) return 'no';
  const included = include.length === 0 ? ['yes' as Match] : include.map(inLocation);
  const verdict: Match = included.includes('yes') ? 'yes' : included.includes('maybe') ? 'maybe' : 'no';
  return verdict === 'yes' && excluded.includes('maybe') ? 'maybe' : verdict;
}

function inNamedLocation(location: NamedLocationInput, ctx: SignInContext): Match {
  const ranges = list(location.ipRanges);
  if (ranges.length > 0) {
    if (ctx.ipAddress === undefined) return 'maybe';
    return ranges.some((r) => ipInRange(ctx.ipAddress as string, r.cidrAddress)) ? 'yes' : 'no';
  }
  const countries = list(location.countriesAndRegions);
  if (countries.length > 0 || location.includeUnknownCountriesAndRegions) {
    if (ctx.country === undefined) return 'maybe';
    return countries.some((c) => c.toUpperCase() === (ctx.country as string).toUpperCase()) ? 'yes' : 'no';
  }
  return 'no';
}

function grantBlocks(policy: ConditionalAccessPolicyInput, reading: ClientAppReading, ctx: SignInContext): Match {
  const g = policy.grantControls;
  if (g == null) return 'no';
  const unsatisfiable = UNSATISFIABLE[reading];
  const verdicts: Match[] = list(g.builtInControls).map((c) => {
    if (unsatisfiable.has(c)) return 'yes';
    if (c === 'compliantDevice' || c === 'domainJoinedDevice') return ctx.deviceCompliant === undefined ? 'maybe' : ctx.deviceCompliant ? 'no' : 'yes';
    return 'no';
  });
  // Terms of use and custom controls cannot be shown to a legacy EAS client.
  if (reading === 'exchangeActiveSync') {
    for (const _ of [...list(g.termsOfUse), ...list(g.customAuthenticationFactors)]) verdicts.push('yes');
    if (g.authenticationStrength != null) verdicts.push('yes');
  }
  if (verdicts.length === 0) return 'no';
  if (list(g.builtInControls).includes('block')) return 'yes';
  const and = (g.operator ?? 'OR').toUpperCase() === 'AND';
  if (and) return verdicts.includes('yes') ? 'yes' : verdicts.includes('maybe') ? 'maybe' : 'no';
  return verdicts.every((v) => v === 'yes') ? 'yes' : verdicts.includes('no') ? 'no' : 'maybe';
}
