import { judgeDebugLogging } from '../../../src-main/domain/judges/debug-logging';
import { describe, expect, it } from 'vitest';
import { evaluateCasMailbox } from '../../../src-main/domain/evaluators/cas-mailbox';
import { evaluateClientAccessRules } from '../../../src-main/domain/evaluators/client-access-rules';
import { catalogEntry } from '../../../src-main/domain/diagnosis/catalog';
import { evaluateDeviceAccess, predictDeviceAccess } from '../../../src-main/domain/evaluators/device-access';
import type { MobileDeviceInput } from '../../../src-main/domain/evaluators/exchange-inputs';
import { ipInRange } from '../../../src-main/domain/evaluators/ip-address';
import { evaluateProtocolVersion } from '../../../src-main/domain/evaluators/protocol-version';

const device = (over: Partial<MobileDeviceInput> = {}): MobileDeviceInput => ({
  DeviceId: 'ApplF2KQ7HZX1C9N',
  DeviceType: 'iPhone',
  DeviceModel: 'iPhone15C2',
  DeviceOS: 'iOS 17.4',
  DeviceUserAgent: 'Apple-iPhone15C2/2104.219',
  ClientType: 'EAS',
  ClientVersion: '16.1',
  ...over,
});
const codes = (drafts: Array<{ code: string }>) => drafts.map((d) => d.code);

describe('device access (ABQ precedence)', () => {
  const rules = [{ Name: 'iPhone (DeviceType)', QueryString: 'iPhone', Characteristic: 'DeviceType', AccessLevel: 'Block' }];

  it('block list beats everything, even the allow list and rules', () => {
    const d = predictDeviceAccess({ device: device(), casMailbox: { ActiveSyncBlockedDeviceIDs: ['applf2kq7hzx1c9n'], ActiveSyncAllowedDeviceIDs: ['ApplF2KQ7HZX1C9N'] }, deviceAccessRules: rules });
    expect(d).toMatchObject({ state: 'Blocked', reason: 'Individual' });
  });

  it('auto-block beats the allow list', () => {
    const d = predictDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'CommandFrequency' }), casMailbox: { ActiveSyncAllowedDeviceIDs: ['ApplF2KQ7HZX1C9N'] } });
    expect(d).toMatchObject({ state: 'Blocked', reason: 'CommandFrequency' });
  });

  it('allow list beats device rules, rules beat the organization default', () => {
    expect(predictDeviceAccess({ device: device(), casMailbox: { ActiveSyncAllowedDeviceIDs: ['ApplF2KQ7HZX1C9N'] }, deviceAccessRules: rules })).toMatchObject({ state: 'Allowed', reason: 'Individual' });
    expect(predictDeviceAccess({ device: device(), deviceAccessRules: rules, organizationSettings: { DefaultAccessLevel: 'Allow' } })).toMatchObject({ state: 'Blocked', reason: 'DeviceRule', rule: 'iPhone (DeviceType)' });
    expect(predictDeviceAccess({ device: device(), organizationSettings: { DefaultAccessLevel: 'Quarantine' } })).toMatchObject({ state: 'Quarantined', reason: 'Global' });
  });

  it("tests rules in Exchange's order and takes the first match, not the most restrictive (F27), and tells the path", () => {
    const both = [
      { QueryString: 'iPhone', Characteristic: 'DeviceType', AccessLevel: 'Block' },
      { Name: 'iOS Mail', QueryString: 'Apple-iPhone15C2/2104.219', Characteristic: 'UserAgent', AccessLevel: 'Allow' },
    ];
    const d = predictDeviceAccess({ device: device(), deviceAccessRules: both, organizationSettings: { DefaultAccessLevel: 'Quarantine' } });
    expect(d).toMatchObject({ state: 'Allowed', reason: 'DeviceRule', rule: 'iOS Mail' });
    expect(d.because).toBe(`not on the user's lists → no automatic block → device access rule "iOS Mail" (UserAgent, the first match in the order UserAgent, DeviceOS, DeviceModel, DeviceType) → Allow`);
    expect(predictDeviceAccess({ device: device(), organizationSettings: { DefaultAccessLevel: 'Quarantine' } }).because).toMatch(/no device access rule matched → the organization default access level is Quarantine$/);
  });

  it('reads Blocked / Policy as a phone that cannot meet the device policy, not an admin block', () => {
    const [finding] = evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'Policy' }) });
    expect(finding).toMatchObject({ code: 'DEVICE_NOT_PROVISIONABLE' });
    expect(finding?.detail).toMatch(/not an administrator's block/);
    const policies = [
      { Name: 'Default', IsDefault: true, AllowNonProvisionableDevices: true },
      { Name: 'Strict', AllowNonProvisionableDevices: false, RequireDeviceEncryption: true },
    ];
    const [named] = evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'Policy', DevicePolicyApplied: 'Strict' }), mobileDevicePolicies: policies });
    expect(named?.detail).toContain('The mobile device mailbox policy "Strict" says: phones that cannot apply every setting are refused (AllowNonProvisionableDevices False); the phone must be encrypted (RequireDeviceEncryption).');
  });

  it('a quarantined or blocked phone already on the allowed list is released: its own warning to refresh, not the block or quarantine whose next step is to allow it (F26)', () => {
    const allowed = { ActiveSyncAllowedDeviceIDs: ['applf2kq7hzx1c9n'] };
    const [quarantined] = evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' }), casMailbox: allowed, organizationSettings: { DefaultAccessLevel: 'Quarantine' } });
    expect(quarantined).toMatchObject({ code: 'DEVICE_RELEASED_AWAITING_PHONE' });
    expect(quarantined?.detail).toContain("the phone is on the user's allowed list");
    expect(catalogEntry('DEVICE_RELEASED_AWAITING_PHONE')).toMatchObject({ severity: 'warning' });
    expect(catalogEntry('DEVICE_RELEASED_AWAITING_PHONE').nextSteps.filter((step) => step.action !== undefined)).toEqual([]);
    expect(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'DeviceRule' }), casMailbox: allowed, deviceAccessRules: rules })[0]).toMatchObject({ code: 'DEVICE_RELEASED_AWAITING_PHONE' });
    // On both lists the blocked list wins: still the blocker; so is an auto-block, which comes before the allowed list.
    expect(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'Individual' }), casMailbox: { ...allowed, ActiveSyncBlockedDeviceIDs: ['ApplF2KQ7HZX1C9N'] } })[0]?.severity).toBeUndefined();
    expect(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'CommandFrequency' }), casMailbox: allowed })[0]).toMatchObject({ code: 'DEVICE_AUTO_BLOCKED' });
  });

  it('reports Intune states as compliance/enrollment, not as ABQ', () => {
    expect(codes(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'ExternalCompliance' }) }))).toEqual(['DEVICE_NOT_COMPLIANT']);
    expect(codes(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 53 }) }))).toEqual(['DEVICE_NOT_ENROLLED']);
  });

  it('explains a block with the deciding setting, and predicts for a device not yet decided', () => {
    const [blocked] = evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'DeviceRule', DeviceAccessControlRule: 'iPhone (DeviceType)' }), deviceAccessRules: rules });
    expect(blocked).toMatchObject({ code: 'DEVICE_BLOCKED', confidence: 'high' });
    expect(blocked?.detail).toContain('device access rule "iPhone (DeviceType)"');
    expect(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'DeviceDiscovery' }), organizationSettings: { DefaultAccessLevel: 'Quarantine' } })[0]).toMatchObject({ code: 'DEVICE_QUARANTINED', confidence: 'medium' });
    expect(evaluateDeviceAccess({ device: device({ DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' }) })).toEqual([]);
  });
});

describe('CAS mailbox, protocol version', () => {
  it('ActiveSyncEnabled False is a blocker; debug logging on says when it ends', () => {
    expect(codes(evaluateCasMailbox({ ActiveSyncEnabled: false }))).toEqual(['EAS_DISABLED_FOR_MAILBOX']);
    expect(judgeDebugLogging({ ActiveSyncDebugLogging: true }, '2026-03-10T08:00:00Z').findings[0]?.detail).toContain('2026-03-12 08:00 UTC');
    expect(judgeDebugLogging({ ActiveSyncDebugLogging: false }, undefined).findings).toEqual([]);
    expect(evaluateCasMailbox({ ActiveSyncEnabled: true, ActiveSyncDebugLogging: true })).toEqual([]);
  });

  it('ClientVersion below 16.1 is flagged for EAS partnerships only', () => {
    expect(codes(evaluateProtocolVersion(device({ ClientVersion: '14.1' })))).toEqual(['EAS_VERSION_UNSUPPORTED']);
    expect(evaluateProtocolVersion(device({ ClientVersion: '16.1' }))).toEqual([]);
    expect(evaluateProtocolVersion(device({ ClientVersion: '14.1', ClientType: 'REST', Identity: 'alex\\ExchangeActiveSyncDevices\\REST§Outlook§5eec' }))).toEqual([]);
  });

});

describe('client access rules', () => {
  const deny = { Name: 'Block EAS outside HQ', Priority: 1, Enabled: true, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeActiveSync'], ExceptAnyOfClientIPAddressesOrRanges: ['203.0.113.0/24', '2001:db8::/48'] };
  const allowAdmins = { Name: 'Allow admins', Priority: 0, Enabled: true, Action: 'AllowAccess', UsernameMatchesAnyOfPatterns: ['contoso\\admin*'] };

  it('retired cmdlet gives the retired note, not a block', () => {
    expect(codes(evaluateClientAccessRules({ cmdletAvailable: false }))).toEqual(['CLIENT_ACCESS_RULES_RETIRED']);
  });

  it('first matching rule in priority order decides; IPv4 and IPv6 exceptions apply', () => {
    expect(codes(evaluateClientAccessRules([deny, allowAdmins], { ipAddress: '198.51.100.7', username: 'contoso\\alex' }))).toEqual(['CAR_DENIES_EAS']);
    expect(evaluateClientAccessRules([deny, allowAdmins], { ipAddress: '198.51.100.7', username: 'contoso\\admin.alex' })).toEqual([]);
    expect(evaluateClientAccessRules([deny], { ipAddress: '203.0.113.9' })).toEqual([]);
    expect(evaluateClientAccessRules([deny], { ipAddress: '2001:db8:0:1::5' })).toEqual([]);
    expect(evaluateClientAccessRules([{ ...deny, Enabled: false }], { ipAddress: '198.51.100.7' })).toEqual([]);
    expect(evaluateClientAccessRules([{ ...deny, AnyOfProtocols: ['OutlookWebApp'] }], { ipAddress: '198.51.100.7' })).toEqual([]);
  });

  it('unknown IP gives a low-confidence "may match"', () => {
    expect(evaluateClientAccessRules([deny])[0]).toMatchObject({ code: 'CAR_DENIES_EAS', confidence: 'low' });
  });

  it('authentication types: a Basic-only deny rule may or may not hit an unknown client', () => {
    const basicOnly = { Name: 'No basic', Priority: 0, Action: 'DenyAccess', AnyOfAuthenticationTypes: ['BasicAuthentication'] };
    expect(evaluateClientAccessRules([basicOnly])[0]?.confidence).toBe('low');
    expect(evaluateClientAccessRules([basicOnly], { authenticationTypes: ['OAuthAuthentication'] })).toEqual([]);
    expect(evaluateClientAccessRules([basicOnly], { authenticationTypes: ['BasicAuthentication'] })[0]?.confidence).toBe('high');
  });

  it('IP ranges: single, a-b, CIDR, IPv6 compressed and mapped forms', () => {
    expect(ipInRange('10.0.0.5', '10.0.0.5')).toBe(true);
    expect(ipInRange('10.0.0.5', '10.0.0.1-10.0.0.9')).toBe(true);
    expect(ipInRange('10.0.1.5', '10.0.0.1-10.0.0.9')).toBe(false);
    expect(ipInRange('10.0.0.5', '10.0.0.0/30')).toBe(false);
    expect(ipInRange('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipInRange('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(ipInRange('::ffff:10.0.0.5', '::ffff:10.0.0.0/120')).toBe(true);
    expect(ipInRange('10.0.0.5', '2001:db8::/32')).toBe(false);
    expect(ipInRange('not-an-ip', '0.0.0.0/0')).toBe(false);
  });
});
