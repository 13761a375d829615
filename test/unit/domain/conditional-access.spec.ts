import { describe, expect, it } from 'vitest';
import { evaluateConditionalAccess, evaluatePolicies, EXCHANGE_ONLINE_APP_ID } from '../../../src-main/domain/evaluators/conditional-access';
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
const ctx = { userId: USER, groupIds: [GROUP], roleIds: [], platform: 'iOS', ipAddress: '198.51.100.7', country: 'US' };
const codes = (d: Array<{ code: string }>) => d.map((x) => x.code);

describe('conditional access evaluation', () => {
  it('an enabled EAS block policy blocks; report-only would block; disabled is ignored', () => {
    expect(codes(evaluateConditionalAccess([policy()], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(codes(evaluateConditionalAccess([policy({}, ['block'], 'enabledForReportingButNotEnforced')], [], ctx))).toEqual(['CA_REPORT_ONLY_WOULD_BLOCK']);
    expect(evaluateConditionalAccess([policy({}, ['block'], 'disabled')], [], ctx)).toEqual([]);
  });

  it('users: excluded user or group wins; included group applies; unknown groups are "maybe"', () => {
    const users = (u: object) => ({ users: { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...u } });
    expect(evaluateConditionalAccess([policy(users({ includeUsers: ['All'], excludeUsers: [USER] }))], [], ctx)).toEqual([]);
    expect(evaluateConditionalAccess([policy(users({ includeUsers: ['All'], excludeGroups: [GROUP] }))], [], ctx)).toEqual([]);
    expect(codes(evaluateConditionalAccess([policy(users({ includeGroups: [GROUP] }))], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy(users({ includeGroups: [GROUP] }))], [], { ...ctx, groupIds: undefined })[0]?.confidence).toBe('low');
    expect(evaluateConditionalAccess([policy(users({ includeUsers: ['None'] }))], [], ctx)).toEqual([]);
  });

  it('applications: Office365 group and the Exchange Online app id match; other apps do not', () => {
    expect(codes(evaluateConditionalAccess([policy({ applications: { includeApplications: ['Office365'] } })], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(codes(evaluateConditionalAccess([policy({ applications: { includeApplications: ['All'] } })], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy({ applications: { includeApplications: ['All'], excludeApplications: [EXCHANGE_ONLINE_APP_ID] } })], [], ctx)).toEqual([]);
    expect(evaluateConditionalAccess([policy({ applications: { includeApplications: ['00000003-0000-0ff1-ce00-000000000000'] } })], [], ctx)).toEqual([]);
  });

  it('client app types: both readings of EAS are evaluated and named', () => {
    const modern = evaluatePolicies([policy({ clientAppTypes: ['mobileAppsAndDesktopClients'] })], [], ctx);
    expect(modern.map((v) => v.reading)).toEqual(['mobileAppsAndDesktopClients']);
    const all = evaluateConditionalAccess([policy({ clientAppTypes: ['all'] })], [], ctx);
    expect(all[0]).toMatchObject({ code: 'CA_BLOCKS_EAS', confidence: 'high' });
    expect(all[0]?.detail).toContain('Exchange ActiveSync clients or Mobile apps and desktop clients');
    expect(evaluateConditionalAccess([policy({ clientAppTypes: ['browser'] })], [], ctx)).toEqual([]);
    expect(codes(evaluateConditionalAccess([policy({ clientAppTypes: ['easSupported'] })], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy({ clientAppTypes: ['easSupported'] })], [], { ...ctx, platform: 'windows' })).toEqual([]);
  });

  it('platforms: include/exclude, case-insensitive, unknown platform is "maybe"', () => {
    expect(evaluateConditionalAccess([policy({ platforms: { includePlatforms: ['all'], excludePlatforms: ['iOS'] } })], [], ctx)).toEqual([]);
    expect(codes(evaluateConditionalAccess([policy({ platforms: { includePlatforms: ['ios'] } })], [], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy({ platforms: { includePlatforms: ['android'] } })], [], { ...ctx, platform: undefined })[0]?.confidence).toBe('low');
  });

  it('locations through named locations: trusted IPv4/IPv6 ranges and countries', () => {
    const outsideTrusted = { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } };
    expect(codes(evaluateConditionalAccess([policy(outsideTrusted)], [hq], ctx))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy(outsideTrusted)], [hq], { ...ctx, ipAddress: '203.0.113.50' })).toEqual([]);
    expect(evaluateConditionalAccess([policy(outsideTrusted)], [hq], { ...ctx, ipAddress: '2001:db8:0:5::1' })).toEqual([]);
    expect(codes(evaluateConditionalAccess([policy({ locations: { includeLocations: ['eu'] } })], [countries], { ...ctx, country: 'DE' }))).toEqual(['CA_BLOCKS_EAS']);
    expect(evaluateConditionalAccess([policy({ locations: { includeLocations: ['eu'] } })], [countries], ctx)).toEqual([]);
  });

  it('grant controls: MFA blocks legacy EAS only; approved app blocks both; compliant device depends on the device', () => {
    const mfa = evaluatePolicies([policy({ clientAppTypes: ['all'] }, ['mfa'])], [], ctx);
    expect(mfa.filter((v) => v.blocks === 'yes').map((v) => v.reading)).toEqual(['exchangeActiveSync']);
    expect(evaluateConditionalAccess([policy({ clientAppTypes: ['all'] }, ['approvedApplication'])], [], ctx)[0]?.confidence).toBe('high');
    expect(evaluateConditionalAccess([policy({}, ['compliantDevice'])], [], { ...ctx, deviceCompliant: true })).toEqual([]);
    expect(codes(evaluateConditionalAccess([policy({}, ['compliantDevice'])], [], { ...ctx, deviceCompliant: false }))).toEqual(['CA_BLOCKS_EAS']);
    // OR with one satisfiable control does not block.
    expect(evaluateConditionalAccess([policy({}, ['mfa', 'compliantDevice'])], [], { ...ctx, deviceCompliant: true })).toEqual([]);
  });

  it('What-If answers override the local evaluation', () => {
    const p = policy({ users: { includeUsers: [], includeGroups: ['someone-else'] } });
    expect(evaluateConditionalAccess([p], [], ctx)).toEqual([]);
    const drafts = evaluateConditionalAccess([p], [], ctx, [{ clientAppType: 'exchangeActiveSync', results: [{ ...p, policyApplies: true }] }]);
    expect(drafts[0]).toMatchObject({ code: 'CA_BLOCKS_EAS', confidence: 'high' });
  });
});
