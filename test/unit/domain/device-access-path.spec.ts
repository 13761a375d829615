import { describe, expect, it } from 'vitest';
import {
  decideAccessPath,
  type AccessDevice,
  type AccessPolicy,
  type AccessRule,
} from '../../../src-main/domain/device-access/access-path';
import {
  adminCommandFor,
  applyPolicyChange,
  whatIfPolicy,
  type FleetDevice,
} from '../../../src-main/domain/device-access/rules-what-if';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const phone: AccessDevice = {
  deviceId: 'ABC123',
  deviceType: 'iPhone',
  deviceModel: 'iPhone15C2',
  deviceOS: 'iOS 18.1',
  userAgent: 'Apple-iPhone15C2/2201.100',
  autoBlock: null,
  external: 'none',
  discovery: false,
};
const noLists = { allowedDeviceIds: [], blockedDeviceIds: [] };
const rule = (queryString: string, characteristic: AccessRule['characteristic'], accessLevel: AccessRule['accessLevel']): AccessRule => ({
  name: `${queryString} (${characteristic})`,
  queryString,
  characteristic,
  accessLevel,
});

describe('decideAccessPath (facts F12, F26, F27)', () => {
  it('falls through to the organisation default with every check on the path', () => {
    const d = decideAccessPath(phone, noLists, { rules: [], defaultAccessLevel: 'Quarantine' }, NOW);
    expect(d).toMatchObject({ state: 'Quarantined', reason: 'Global', rule: null, decidedBy: 'org-default' });
    expect(d.path.map((s) => s.characteristic ?? s.check)).toEqual([
      'user-blocked-list',
      'auto-block',
      'user-allowed-list',
      'UserAgent',
      'DeviceOS',
      'DeviceModel',
      'DeviceType',
      'org-default',
    ]);
    expect(d.path.filter((s) => s.matched)).toHaveLength(1);
  });

  it('tests rules by characteristic UserAgent → DeviceOS → DeviceModel → DeviceType, first match wins, whatever the list order', () => {
    const policy: AccessPolicy = {
      // Listed most-restrictive first and DeviceType first: neither order may matter.
      rules: [rule('iPhone', 'DeviceType', 'Block'), rule('iPhone15C2', 'DeviceModel', 'Quarantine'), rule('iOS 18.1', 'DeviceOS', 'Allow')],
      defaultAccessLevel: 'Block',
    };
    const d = decideAccessPath(phone, noLists, policy, NOW);
    expect(d).toMatchObject({ state: 'Allowed', reason: 'DeviceRule', rule: 'iOS 18.1 (DeviceOS)', decidedBy: 'rule' });
    expect(d.path.at(-1)).toMatchObject({ characteristic: 'DeviceOS', matched: true });
    // DeviceModel and DeviceType were never tested.
    expect(d.path.some((s) => s.characteristic === 'DeviceType')).toBe(false);
    const withAgent = { ...policy, rules: [...policy.rules, rule('apple-iphone15c2/2201.100', 'UserAgent', 'Quarantine')] };
    expect(decideAccessPath(phone, noLists, withAgent, NOW)).toMatchObject({ state: 'Quarantined', rule: 'apple-iphone15c2/2201.100 (UserAgent)' });
  });

  it('puts the user blocked list above an auto-block, and an auto-block above the allowed list', () => {
    const lists = { allowedDeviceIds: ['abc123'], blockedDeviceIds: ['ABC123'] };
    const blocked = { ...phone, autoBlock: { reason: 'CommandFrequency', untilMs: NOW + 60_000 } };
    const policy: AccessPolicy = { rules: [], defaultAccessLevel: 'Allow' };
    expect(decideAccessPath(blocked, lists, policy, NOW)).toMatchObject({ state: 'Blocked', reason: 'Individual', decidedBy: 'user-blocked-list' });
    const allowOnly = { allowedDeviceIds: ['ABC123'], blockedDeviceIds: [] };
    expect(decideAccessPath(blocked, allowOnly, policy, NOW)).toMatchObject({ state: 'Blocked', reason: 'CommandFrequency', decidedBy: 'auto-block' });
    // An auto-block that has run out no longer counts; the allowed list then wins over a blocking rule.
    const expired = { ...blocked, autoBlock: { reason: 'CommandFrequency', untilMs: NOW - 1 } };
    const blockingRule: AccessPolicy = { rules: [rule('iPhone', 'DeviceType', 'Block')], defaultAccessLevel: 'Block' };
    expect(decideAccessPath(expired, allowOnly, blockingRule, NOW)).toMatchObject({ state: 'Allowed', reason: 'Individual', decidedBy: 'user-allowed-list' });
  });

  it('reports Intune/Entra state and device discovery before the rules', () => {
    const policy: AccessPolicy = { rules: [rule('iPhone', 'DeviceType', 'Allow')], defaultAccessLevel: 'Allow' };
    expect(decideAccessPath({ ...phone, external: 'noncompliant' }, noLists, policy, NOW)).toMatchObject({ state: 'Quarantined', reason: 'ExternalCompliance' });
    expect(decideAccessPath({ ...phone, external: 'unmanaged' }, noLists, policy, NOW)).toMatchObject({ state: 'Quarantined', reason: 'ExternalEnrollment' });
    expect(decideAccessPath({ ...phone, discovery: true }, noLists, policy, NOW)).toMatchObject({ state: 'DeviceDiscovery', reason: 'DeviceRule' });
  });
});

describe('rules what-if', () => {
  const fleet: FleetDevice[] = [
    { key: 'a', deviceType: 'iPhone', deviceModel: 'm1', deviceOS: 'iOS 18', userAgent: 'ua1', state: 'Quarantined', reason: 'Global', rule: null },
    { key: 'b', deviceType: 'Android', deviceModel: 'm2', deviceOS: 'Android 14', userAgent: 'ua2', state: 'Quarantined', reason: 'Global', rule: null },
    // Allow-listed: a rule change cannot move it even though it is an iPhone.
    { key: 'c', deviceType: 'iPhone', deviceModel: 'm1', deviceOS: 'iOS 18', userAgent: 'ua1', state: 'Allowed', reason: 'Individual', rule: null },
    { key: 'd', deviceType: 'iPhone', deviceModel: 'm1', deviceOS: 'iOS 18', userAgent: 'ua1', state: 'DeviceDiscovery', reason: 'DeviceRule', rule: null },
  ];
  const current: AccessPolicy = { rules: [], defaultAccessLevel: 'Quarantine' };

  it('moves only devices decided by rules or the default', () => {
    const proposed = applyPolicyChange(current, { kind: 'add-rule', queryString: 'iphone', characteristic: 'DeviceType', accessLevel: 'Allow' });
    const result = whatIfPolicy(fleet, proposed);
    expect(result.changes).toEqual([
      { key: 'a', from: { state: 'Quarantined', reason: 'Global', rule: null }, to: { state: 'Allowed', reason: 'DeviceRule', rule: 'iphone (DeviceType)' } },
    ]);
    expect(result).toMatchObject({ considered: 2, untouched: 2 });
  });

  it('a default change moves every unruled device; removing the rule moves it back', () => {
    const withRule = applyPolicyChange(current, { kind: 'add-rule', queryString: 'iPhone', characteristic: 'DeviceType', accessLevel: 'Allow' });
    expect(whatIfPolicy(fleet, applyPolicyChange(withRule, { kind: 'set-default', accessLevel: 'Allow' })).changes.map((c) => c.key)).toEqual(['a', 'b']);
    const allowedFleet = fleet.map((d) => (d.key === 'a' ? { ...d, state: 'Allowed', reason: 'DeviceRule', rule: 'iPhone (DeviceType)' } : d));
    const removed = applyPolicyChange(withRule, { kind: 'remove-rule', name: 'iPhone (DeviceType)' });
    expect(whatIfPolicy(allowedFleet, removed).changes).toEqual([
      { key: 'a', from: { state: 'Allowed', reason: 'DeviceRule', rule: 'iPhone (DeviceType)' }, to: { state: 'Quarantined', reason: 'Global', rule: null } },
    ]);
  });

  it('writes the admin command with quoted values', () => {
    expect(adminCommandFor({ kind: 'add-rule', queryString: "O'Brien phone", characteristic: 'DeviceModel', accessLevel: 'Block' })).toBe(
      "New-ActiveSyncDeviceAccessRule -QueryString 'O''Brien phone' -Characteristic DeviceModel -AccessLevel Block",
    );
    expect(adminCommandFor({ kind: 'set-default', accessLevel: 'Quarantine' })).toBe('Set-ActiveSyncOrganizationSettings -DefaultAccessLevel Quarantine');
  });
});
