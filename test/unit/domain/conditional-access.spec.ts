import { describe, expect, it } from 'vitest';
import { evaluatePolicies, EXCHANGE_ONLINE_APP_ID, type ClientAppReading, type SignInContext } from '../../../src-main/domain/evaluators/conditional-access';
import type { ConditionalAccessPolicyInput, NamedLocationInput } from '../../../src-main/domain/evaluators/graph-inputs';

const USER = '11111111-1111-1111-1111-111111111111';
const GROUP = '22222222-2222-2222-2222-222222222222';

function policy(over: Partial<ConditionalAccessPolicyInput['conditions']> = {}, grant: string[] = ['block'], state = 'enabled'): ConditionalAccessPolicyInput {
  return {
    id: `p-${Math.random()}`,
    displayName: 'Block EAS',
    state,
    conditions: {
      users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] },
      applications: { includeApplications: [EXCHANGE_ONLINE_APP_ID], excludeApplications: [] },
      clientAppTypes: ['exchangeActiveSync'],
      platforms: null,
      locations: null,
      ...over,
    },
    grantControls: { operator: 'OR', builtInControls: grant, customAuthenticationFactors: [], termsOfUse: [] },
  };
}
const hq: NamedLocationInput = { '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'hq', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }, { cidrAddress: '2001:db8::/48' }] };
const countries: NamedLocationInput = { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'eu', countriesAndRegions: ['DE', 'FR'] };
const ctx: SignInContext = { userId: USER, groupIds: [GROUP], roleIds: [], platform: 'iOS', ipAddress: '198.51.100.7', country: 'US' };
const OAUTH: ClientAppReading[] = ['mobileAppsAndDesktopClients'];
const EAS: ClientAppReading[] = ['exchangeActiveSync'];

/** "yes"/"maybe" when the policy applies and blocks (worst of applies/blocks), "no" otherwise, per reading. */
function verdict(p: ConditionalAccessPolicyInput, context: SignInContext = ctx, readings: ClientAppReading[] = EAS, locations: NamedLocationInput[] = []): string {
  const v = evaluatePolicies([p], locations, context, [], readings);
  if (v.length === 0) return 'no';
  const one = v[0]!;
  if (one.blocks === 'no') return 'no';
  return one.applies === 'yes' && one.blocks === 'yes' ? 'yes' : 'maybe';
}

describe('conditional access local evaluation', () => {
  it('an enabled block applies; disabled policies are skipped', () => {
    expect(verdict(policy())).toBe('yes');
    expect(verdict(policy({}, ['block'], 'disabled'))).toBe('no');
  });

  it('users: excluded user or group wins; included group applies; unknown groups are "maybe"', () => {
    const users = (u: object) => ({ users: { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...u } });
    expect(verdict(policy(users({ includeUsers: ['All'], excludeUsers: [USER] })))).toBe('no');
    expect(verdict(policy(users({ includeUsers: ['All'], excludeGroups: [GROUP] })))).toBe('no');
    expect(verdict(policy(users({ includeGroups: [GROUP] })))).toBe('yes');
    expect(verdict(policy(users({ includeGroups: [GROUP] })), { ...ctx, groupIds: undefined })).toBe('maybe');
    expect(verdict(policy(users({ includeUsers: ['None'] })))).toBe('no');
  });

  it('applications: Office365 group and the Exchange Online app id match; other apps do not', () => {
    expect(verdict(policy({ applications: { includeApplications: ['Office365'] } }))).toBe('yes');
    expect(verdict(policy({ applications: { includeApplications: ['All'], excludeApplications: [EXCHANGE_ONLINE_APP_ID] } }))).toBe('no');
    expect(verdict(policy({ applications: { includeApplications: ['00000003-0000-0ff1-ce00-000000000000'] } }))).toBe('no');
  });

  it('client app types: each reading is evaluated on its own; easSupported depends on the platform', () => {
    expect(verdict(policy({ clientAppTypes: ['exchangeActiveSync', 'other'] }), ctx, OAUTH)).toBe('no');
    expect(verdict(policy({ clientAppTypes: ['mobileAppsAndDesktopClients'] }), ctx, OAUTH)).toBe('yes');
    expect(verdict(policy({ clientAppTypes: ['all'] }), ctx, OAUTH)).toBe('yes');
    expect(verdict(policy({ clientAppTypes: ['browser'] }))).toBe('no');
    expect(verdict(policy({ clientAppTypes: ['easSupported'] }))).toBe('yes');
    expect(verdict(policy({ clientAppTypes: ['easSupported'] }), { ...ctx, platform: 'windows' })).toBe('no');
  });

  it('platforms and named locations (IPv4/IPv6 ranges, countries) use what is known of the phone', () => {
    expect(verdict(policy({ platforms: { includePlatforms: ['all'], excludePlatforms: ['iOS'] } }))).toBe('no');
    expect(verdict(policy({ platforms: { includePlatforms: ['android'] } }), { ...ctx, platform: undefined })).toBe('maybe');
    const outsideTrusted = { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } };
    expect(verdict(policy(outsideTrusted), ctx, EAS, [hq])).toBe('yes');
    expect(verdict(policy(outsideTrusted), { ...ctx, ipAddress: '2001:db8:0:5::1' }, EAS, [hq])).toBe('no');
    expect(verdict(policy(outsideTrusted), { ...ctx, ipAddress: undefined }, EAS, [hq])).toBe('maybe');
    expect(verdict(policy({ locations: { includeLocations: ['eu'] } }), { ...ctx, country: 'DE' }, EAS, [countries])).toBe('yes');
    expect(verdict(policy({ locations: { includeLocations: ['eu'] } }), ctx, EAS, [countries])).toBe('no');
    expect(verdict(policy({ locations: { includeLocations: ['eu'] } }), { ...ctx, country: undefined }, EAS, [countries])).toBe('maybe');
  });

  it('unmodelled conditions are "cannot tell", never "match" (facts F40)', () => {
    expect(verdict(policy({ signInRiskLevels: ['high'] }))).toBe('maybe');
    expect(verdict(policy({ userRiskLevels: ['high'] }))).toBe('maybe');
    expect(verdict(policy({ devices: { deviceFilter: { mode: 'include', rule: 'device.isCompliant -ne True' } } }))).toBe('maybe');
    expect(verdict(policy({ clientApplications: { includeServicePrincipals: ['x'] } }))).toBe('maybe');
    expect(verdict(policy({ users: { includeUsers: ['All'], excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'b2bCollaborationGuest' } } }))).toBe('maybe');
    const risky = evaluatePolicies([policy({ signInRiskLevels: ['high'] })], [], ctx, [], EAS)[0]!;
    expect(risky.unknowns).toContain('sign-in risk');
  });

  it('an authentication-flows condition (device code) never matches a mail sign-in', () => {
    const deviceCode = policy({ clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, authenticationFlows: { transferMethods: 'deviceCodeFlow' } });
    expect(verdict(deviceCode, ctx, OAUTH)).toBe('no');
    expect(verdict(deviceCode, ctx, EAS)).toBe('no');
  });

  it('grants: MFA stops only a password client; a phone can never be hybrid joined (F25)', () => {
    const all = { clientAppTypes: ['all'] };
    expect(verdict(policy(all, ['mfa']), ctx, EAS)).toBe('yes');
    expect(verdict(policy(all, ['mfa']), ctx, OAUTH)).toBe('no');
    expect(verdict(policy(all, ['domainJoinedDevice']), ctx, OAUTH)).toBe('yes');
    expect(verdict(policy(all, ['domainJoinedDevice']), { ...ctx, deviceCompliant: true }, OAUTH)).toBe('yes');
    // The template "compliant or hybrid joined or MFA": an OAuth mail app can do MFA.
    expect(verdict(policy(all, ['compliantDevice', 'domainJoinedDevice', 'mfa']), ctx, OAUTH)).toBe('no');
    expect(verdict(policy(all, ['compliantDevice']), { ...ctx, deviceCompliant: true }, OAUTH)).toBe('no');
    expect(verdict(policy(all, ['compliantDevice']), { ...ctx, deviceCompliant: false }, OAUTH)).toBe('yes');
    expect(verdict(policy(all, ['compliantDevice']), ctx, OAUTH)).toBe('maybe');
    expect(verdict(policy(all, ['compliantApplication']), ctx, OAUTH)).toBe('yes');
    expect(verdict(policy(all, ['compliantApplication']), { ...ctx, outlookMobile: true }, OAUTH)).toBe('maybe');
  });

  it('"Require approved client app" is not enforced after March 2026 (F24), but was before', () => {
    const approved = policy({ clientAppTypes: ['mobileAppsAndDesktopClients'] }, ['approvedApplication']);
    expect(verdict(approved, { ...ctx, judgedAt: '2026-11-26T09:00:00Z' }, OAUTH)).toBe('no');
    expect(verdict(approved, { ...ctx, judgedAt: '2025-06-01T09:00:00Z' }, OAUTH)).toBe('yes');
    expect(verdict(policy({ clientAppTypes: ['all'] }, ['approvedApplication', 'compliantApplication']), { ...ctx, judgedAt: '2026-11-26T09:00:00Z' }, OAUTH)).toBe('yes');
  });

  it('What-If answers override the local evaluation; "not enough information" is "could not evaluate" (F39)', () => {
    const p = policy({ users: { includeUsers: [], includeGroups: ['someone-else'] } });
    expect(verdict(p)).toBe('no');
    const answered = evaluatePolicies([p], [], ctx, [{ clientAppType: 'exchangeActiveSync', results: [{ ...p, policyApplies: true }] }], EAS);
    expect(answered[0]).toMatchObject({ applies: 'yes', blocks: 'yes', source: 'what-if' });
    const all = policy({ locations: { includeLocations: ['eu'] } });
    const unsure = evaluatePolicies([all], [countries], { ...ctx, country: undefined }, [{ clientAppType: 'exchangeActiveSync', results: [{ ...all, policyApplies: false, analysisReasons: 'notEnoughInformation' }] }], EAS);
    expect(unsure[0]).toMatchObject({ applies: 'maybe', whatIfCouldNotEvaluate: true });
    // When the app can rule the policy out itself, "could not evaluate" does not revive it.
    const ruledOut = evaluatePolicies([all], [countries], ctx, [{ clientAppType: 'exchangeActiveSync', results: [{ ...all, policyApplies: false, analysisReasons: ['invalidCondition'] }] }], EAS);
    expect(ruledOut).toEqual([]);
    const block = policy();
    const notApplying = evaluatePolicies([block], [], ctx, [{ clientAppType: 'exchangeActiveSync', results: [{ ...block, policyApplies: false, analysisReasons: 'users' }] }], EAS);
    expect(notApplying).toEqual([]);
  });
});
