import { list } from './evidence';
import type { ConditionalAccessPolicyInput, NamedLocationInput, WhatIfResultInput } from './graph-inputs';
import { ipInRange } from './ip-address';

export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/**
 * The two client-app types a phone's mail app can be classed as. A native mail app that signs in
 * with Microsoft sign-in (OAuth) is "Mobile apps and desktop clients"; only the password path
 * ("Configure manually") is "Exchange ActiveSync", and Exchange Online refuses that path anyway
 * (facts F1, F22). Which one applies is read from the phone's own sign-ins by the judge.
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
  /** The phone runs Outlook mobile (which can meet app-protection grants), not a native mail app. */
  outlookMobile?: boolean;
  /**
   * The case's "now" (ISO). "Require approved client app" is no longer enforced after March 2026
   * (facts F24); a case judged before then sees it enforced.
   */
  judgedAt?: string;
}

/** What-If answers, one set per clientAppType the caller asked about. */
export interface WhatIfRun {
  clientAppType: string;
  /** Which Graph version answered. */
  apiVersion?: string;
  results: readonly WhatIfResultInput[];
}

export type Match = 'yes' | 'no' | 'maybe';

/** Entra stopped enforcing "Require approved client app" after March 2026 (facts F24). */
export const APPROVED_APP_RETIRED_AT = '2026-04-01T00:00:00Z';
/** What-If reasons that mean "could not evaluate", not "does not apply" (facts F39). */
const CANNOT_EVALUATE = new Set(['notenoughinformation', 'invalidcondition']);
/** Platforms for which "EAS supported platforms" (easSupported) holds. */
const EAS_SUPPORTED_PLATFORMS = new Set(['android', 'ios', 'windowsphone']);

export interface PolicyVerdict {
  policy: ConditionalAccessPolicyInput;
  reading: ClientAppReading;
  applies: Match;
  blocks: Match;
  /** Where `applies` came from: What-If's answer, or the app's own reading of the policy. */
  source: 'what-if' | 'local';
  /** Why the verdict is "maybe": the conditions or grants the wizard cannot tell (tier-1 words). */
  unknowns: string[];
  /** Why the grant blocks (e.g. "a phone can never be hybrid joined"), when it does. */
  because: string[];
  /** What-If answered "could not evaluate" for this policy (facts F39). */
  whatIfCouldNotEvaluate: boolean;
}

/**
 * Evaluates every enabled or report-only policy under the given client-app readings. A What-If
 * answer decides whether a policy applies unless What-If said it could not evaluate, in which case
 * the local reading decides and cannot say more than "maybe" unless it rules the policy out.
 */
export function evaluatePolicies(
  policies: readonly ConditionalAccessPolicyInput[],
  namedLocations: readonly NamedLocationInput[],
  context: SignInContext,
  whatIf: readonly WhatIfRun[] = [],
  readings: readonly ClientAppReading[] = CLIENT_APP_READINGS,
): PolicyVerdict[] {
  const verdicts: PolicyVerdict[] = [];
  for (const reading of readings) {
    const run = whatIf.find((w) => w.clientAppType === reading);
    for (const policy of policies) {
      if (policy.state === 'disabled') continue;
      const unknowns: string[] = [];
      const local = appliesLocally(policy, namedLocations, context, reading, unknowns);
      const answered = run?.results.find((r) => r.id === policy.id);
      const couldNotEvaluate = answered !== undefined && !answered.policyApplies && reasonsOf(answered).some((r) => CANNOT_EVALUATE.has(r.toLowerCase()));
      let applies: Match;
      let source: PolicyVerdict['source'] = 'local';
      if (answered !== undefined && !couldNotEvaluate) {
        applies = answered.policyApplies ? 'yes' : 'no';
        source = 'what-if';
      } else if (couldNotEvaluate) {
        applies = local === 'no' ? 'no' : 'maybe';
        if (applies === 'maybe') unknowns.push(`What-If could not evaluate it (${reasonsOf(answered!).join(', ')})`);
      } else applies = local;
      if (applies === 'no') continue;
      const because: string[] = [];
      const blocks = grantBlocks(policy, reading, context, unknowns, because);
      verdicts.push({ policy, reading, applies, blocks, source, unknowns: [...new Set(unknowns)], because, whatIfCouldNotEvaluate: couldNotEvaluate });
    }
  }
  return verdicts;
}

/** Graph sends analysisReasons as a flags string ("users,location"); the shared model parses it to a list. */
export function reasonsOf(result: WhatIfResultInput): string[] {
  const raw = result.analysisReasons;
  if (raw == null) return [];
  const parts = typeof raw === 'string' ? raw.split(',') : [...raw];
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function appliesLocally(policy: ConditionalAccessPolicyInput, locations: readonly NamedLocationInput[], context: SignInContext, reading: ClientAppReading, unknowns: string[]): Match {
  const checks = [
    usersMatch(policy, context, unknowns),
    appsMatch(policy, unknowns),
    clientAppsMatch(policy, reading, context),
    platformsMatch(policy, context, unknowns),
    locationsMatch(policy, locations, context, unknowns),
    unmodelled(policy, unknowns),
  ];
  if (checks.includes('no')) return 'no';
  return checks.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * Conditions the evaluator does not model are "cannot tell", never "match" (facts F40). An
 * authentication-flow condition (device code, authentication transfer) never matches a mail
 * app's sign-in, so such a policy does not apply at all.
 */
function unmodelled(policy: ConditionalAccessPolicyInput, unknowns: string[]): Match {
  const c = policy.conditions;
  if ((c.authenticationFlows?.transferMethods ?? '').trim() !== '') return 'no';
  const found: string[] = [];
  if (list(c.signInRiskLevels).length > 0) found.push('sign-in risk');
  if (list(c.userRiskLevels).length > 0) found.push('user risk');
  if (list(c.servicePrincipalRiskLevels).length > 0) found.push('service principal risk');
  if (c.insiderRiskLevels != null && c.insiderRiskLevels !== '') found.push('insider risk');
  if (c.devices != null) found.push('a device filter');
  if (c.clientApplications != null) found.push('a client application filter');
  if (c.applications?.applicationFilter != null) found.push('an application filter');
  if (c.times != null) found.push('times of day');
  unknowns.push(...found);
  return found.length > 0 ? 'maybe' : 'yes';
}

function usersMatch(policy: ConditionalAccessPolicyInput, ctx: SignInContext, unknowns: string[]): Match {
  const u = policy.conditions.users;
  if (u == null) return 'yes';
  const inSet = (ids: readonly string[] | undefined, wanted: readonly string[]): Match =>
    wanted.length === 0 ? 'no' : ids === undefined ? 'maybe' : wanted.some((w) => ids.includes(w)) ? 'yes' : 'no';
  const includeUsers = list(u.includeUsers);
  if (includeUsers.includes('None')) return 'no';
  const guest = (ctx.isGuest === undefined ? 'maybe' : ctx.isGuest ? 'yes' : 'no') as Match;
  const excluded: Match[] = [
    ctx.userId !== undefined && list(u.excludeUsers).includes(ctx.userId) ? 'yes' : 'no',
    list(u.excludeUsers).includes('GuestsOrExternalUsers') ? guest : 'no',
    // Guest/external user types are not modelled (facts F40).
    u.excludeGuestsOrExternalUsers != null ? 'maybe' : 'no',
    inSet(ctx.groupIds, list(u.excludeGroups)),
    inSet(ctx.roleIds, list(u.excludeRoles)),
  ];
  if (excluded.includes('yes')) return 'no';
  const included: Match[] = [
    includeUsers.includes('All') || (ctx.userId !== undefined && includeUsers.includes(ctx.userId)) ? 'yes' : ctx.userId === undefined && includeUsers.length > 0 ? 'maybe' : 'no',
    includeUsers.includes('GuestsOrExternalUsers') ? guest : 'no',
    u.includeGuestsOrExternalUsers != null ? 'maybe' : 'no',
    inSet(ctx.groupIds, list(u.includeGroups)),
    inSet(ctx.roleIds, list(u.includeRoles)),
  ];
  const verdict: Match = included.includes('yes') ? 'yes' : included.includes('maybe') ? 'maybe' : 'no';
  const result = verdict === 'yes' && excluded.includes('maybe') ? 'maybe' : verdict;
  if (result === 'maybe') unknowns.push(ctx.groupIds === undefined ? "the user's groups and roles (not read)" : 'guest or external user types');
  return result;
}

function appsMatch(policy: ConditionalAccessPolicyInput, unknowns: string[]): Match {
  const a = policy.conditions.applications;
  if (a == null) return 'no';
  const hits = (ids: readonly string[]): boolean => ids.includes(EXCHANGE_ONLINE_APP_ID) || ids.includes('Office365');
  if (hits(list(a.excludeApplications))) return 'no';
  const include = list(a.includeApplications);
  const verdict: Match = include.includes('All') || hits(include) ? 'yes' : 'no';
  if (verdict === 'yes' && a.applicationFilter != null) unknowns.push('an application filter');
  return verdict;
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

function platformsMatch(policy: ConditionalAccessPolicyInput, ctx: SignInContext, unknowns: string[]): Match {
  const p = policy.conditions.platforms;
  if (p == null) return 'yes';
  const include = list(p.includePlatforms).map((x) => x.toLowerCase());
  const exclude = list(p.excludePlatforms).map((x) => x.toLowerCase());
  if (include.length === 0 && exclude.length === 0) return 'yes';
  if (ctx.platform === undefined) {
    unknowns.push("the phone's platform");
    return 'maybe';
  }
  const platform = ctx.platform.toLowerCase();
  if (exclude.includes(platform)) return 'no';
  return include.includes('all') || include.includes(platform) ? 'yes' : 'no';
}

function locationsMatch(policy: ConditionalAccessPolicyInput, locations: readonly NamedLocationInput[], ctx: SignInContext, unknowns: string[]): Match {
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
  const result = verdict === 'yes' && excluded.includes('maybe') ? 'maybe' : verdict;
  if (result === 'maybe') unknowns.push("the phone's IP address or country");
  return result;
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

/**
 * Whether the grant stops the phone's mail app under a reading. A password (legacy EAS) client
 * can meet nothing interactive (MFA, terms of use, custom controls, authentication strength);
 * an OAuth mail app can do MFA. No phone can be hybrid joined (F25). App protection
 * (compliantApplication) only Outlook-class apps can meet. "Approved client app" is treated as not
 * selected once Entra stopped enforcing it (F24).
 */
function grantBlocks(policy: ConditionalAccessPolicyInput, reading: ClientAppReading, ctx: SignInContext, unknowns: string[], because: string[]): Match {
  const g = policy.grantControls;
  if (g == null) return 'no';
  const controls = list(g.builtInControls);
  if (controls.includes('block')) {
    because.push('it blocks access');
    return 'yes';
  }
  const approvedEnforced = ctx.judgedAt !== undefined && Date.parse(ctx.judgedAt) < Date.parse(APPROVED_APP_RETIRED_AT);
  const legacy = reading === 'exchangeActiveSync';
  const verdicts: Match[] = [];
  const add = (m: Match, why?: string) => {
    verdicts.push(m);
    if (m === 'yes' && why) because.push(why);
    if (m === 'maybe' && why) unknowns.push(why);
  };
  for (const c of controls) {
    switch (c) {
      case 'mfa':
        add(legacy ? 'yes' : 'no', 'a password-based client cannot do MFA');
        break;
      case 'domainJoinedDevice':
        add('yes', 'it requires a Microsoft Entra hybrid joined device, which a phone can never be');
        break;
      case 'approvedApplication':
        // Entra treats it as not selected after March 2026; before, a native mail app could not meet it.
        if (approvedEnforced) add(ctx.outlookMobile ? 'no' : 'yes', 'it requires an approved client app such as Outlook mobile');
        break;
      case 'compliantApplication':
        add(ctx.outlookMobile ? 'maybe' : 'yes', ctx.outlookMobile ? 'whether Outlook has an app protection policy' : 'it requires an app protection policy, which only apps such as Outlook mobile can meet');
        break;
      case 'compliantDevice':
        add(ctx.deviceCompliant === undefined ? 'maybe' : ctx.deviceCompliant ? 'no' : 'yes', ctx.deviceCompliant === undefined ? 'whether the phone is compliant in Intune' : 'it requires a compliant device and this phone is not');
        break;
      case 'passwordChange':
        add(legacy ? 'yes' : 'maybe', legacy ? 'a password-based client cannot change the password' : 'whether the user risk asks for a password change');
        break;
      default:
        add('maybe', `the grant "${c}"`);
    }
  }
  if (legacy) {
    for (const _ of [...list(g.termsOfUse), ...list(g.customAuthenticationFactors)]) add('yes', 'a password-based client cannot accept terms of use or custom controls');
    if (g.authenticationStrength != null) add('yes', 'a password-based client cannot meet an authentication strength');
  }
  if (verdicts.length === 0) return 'no';
  const and = (g.operator ?? 'OR').toUpperCase() === 'AND';
  if (and) return verdicts.includes('yes') ? 'yes' : verdicts.includes('maybe') ? 'maybe' : 'no';
  return verdicts.every((v) => v === 'yes') ? 'yes' : verdicts.includes('no') ? 'no' : 'maybe';
}

/** The sign-in frequency a policy sets, in words ("every 8 hours"), when it sets one. */
export function signInFrequency(policy: ConditionalAccessPolicyInput): string | undefined {
  const sessionControls = policy.sessionControls as { signInFrequency?: { isEnabled?: boolean | null; value?: number | null; type?: string | null; frequencyInterval?: string | null } | null } | null | undefined;
  const f = sessionControls?.signInFrequency;
  if (f == null || f.isEnabled === false) return undefined;
  if (f.frequencyInterval === 'everyTime') return 'every time';
  if (f.value == null) return undefined;
  return `every ${f.value} ${f.type ?? 'hours'}`;
}
