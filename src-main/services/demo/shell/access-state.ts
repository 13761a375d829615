import type { Scenario, ScenarioMailbox, ScenarioMobileDevice } from '../scenario/scenario-schema';

export interface AccessDecision {
  state: 'Allowed' | 'Blocked' | 'Quarantined' | 'DeviceDiscovery';
  reason: string;
  rule: string | null;
}

/**
 * Exchange's Allow/Block/Quarantine decision for one device, in the order Exchange's own code
 * applies it (facts.md F12): the user's blocked list, an active auto-block, the user's allowed
 * list, device access rules, then the organisation default. Written independently of the
 * analysis code it helps to test.
 *
 * Entra/Intune device state is "evaluated on a separate path" in Exchange; where exactly is not
 * documented. We take the reading that it applies after the user's lists and auto-block and before
 * device access rules, so an allow-listed device is let through and a rule cannot hide a
 * compliance problem.
 */
export function decideAccess(
  device: ScenarioMobileDevice,
  mailbox: ScenarioMailbox,
  exchange: Scenario['exchange'],
  nowMs: number,
): AccessDecision {
  const has = (list: string[]) => list.some((id) => id.toLowerCase() === device.deviceId.toLowerCase());
  if (has(mailbox.blockedDeviceIds)) return { state: 'Blocked', reason: 'Individual', rule: null };
  if (device.autoBlock && Date.parse(device.autoBlock.until) > nowMs) {
    return { state: 'Blocked', reason: device.autoBlock.reason, rule: null };
  }
  if (has(mailbox.allowedDeviceIds)) return { state: 'Allowed', reason: 'Individual', rule: null };
  if (device.external === 'noncompliant')
    return { state: 'Quarantined', reason: 'ExternalCompliance', rule: null };
  if (device.external === 'unmanaged')
    return { state: 'Quarantined', reason: 'ExternalEnrollment', rule: null };
  if (device.external === 'compliant') return { state: 'Allowed', reason: 'ExternallyManaged', rule: null };
  if (device.discovery) return { state: 'DeviceDiscovery', reason: 'DeviceRule', rule: null };
  const rule = exchange.deviceAccessRules.find(
    (r) => r.queryString.toLowerCase() === characteristicOf(device, r.characteristic).toLowerCase(),
  );
  if (rule) {
    return { state: LEVEL_TO_STATE[rule.accessLevel], reason: 'DeviceRule', rule: ruleName(rule) };
  }
  return {
    state: LEVEL_TO_STATE[exchange.activeSyncOrganizationSettings.defaultAccessLevel],
    reason: 'Global',
    rule: null,
  };
}

const LEVEL_TO_STATE = { Allow: 'Allowed', Block: 'Blocked', Quarantine: 'Quarantined' } as const;

/** Exchange names a rule "<QueryString> (<Characteristic>)" unless it was given a name. */
export function ruleName(rule: Scenario['exchange']['deviceAccessRules'][number]): string {
  return rule.name ?? `${rule.queryString} (${rule.characteristic})`;
}

function characteristicOf(device: ScenarioMobileDevice, characteristic: string): string {
  switch (characteristic) {
    case 'DeviceType':
      return device.deviceType;
    case 'DeviceModel':
      return device.deviceModel;
    case 'DeviceOS':
      return device.deviceOS;
    case 'UserAgent':
      return device.deviceUserAgent;
    default:
      return '';
  }
}
