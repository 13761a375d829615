import {
  decideByPolicy,
  defaultRuleName,
  type AccessDevice,
  type AccessLevel,
  type AccessPolicy,
  type AccessRule,
  type RuleCharacteristic,
} from './access-path';

/**
 * "If I add rule X / change the default, which devices change state?", computed locally before
 * anything is changed. Only devices that reached the rules stage (reason DeviceRule or Global,
 * not in DeviceDiscovery) can move: the user's lists, auto-blocks and Intune/Entra decide before
 * the rules (F27), so a rule or default change never touches them. Those devices are re-decided
 * with decideByPolicy, the same code that decides them in the first place.
 */

export type PolicyChange =
  | { kind: 'add-rule'; queryString: string; characteristic: RuleCharacteristic; accessLevel: AccessLevel }
  | { kind: 'remove-rule'; name: string }
  | { kind: 'set-default'; accessLevel: AccessLevel };

export interface FleetDevice extends Pick<AccessDevice, 'deviceType' | 'deviceModel' | 'deviceOS' | 'userAgent'> {
  /** Stable key of the row (the partnership's identity). */
  key: string;
  state: string;
  reason: string;
  rule: string | null;
}

export interface StateChange {
  key: string;
  from: { state: string; reason: string; rule: string | null };
  to: { state: string; reason: string; rule: string | null };
}

export interface WhatIfResult {
  changes: StateChange[];
  /** Devices the change could reach (reason DeviceRule or Global). */
  considered: number;
  /** Devices decided before the rules (lists, auto-block, Intune/Entra, discovery). */
  untouched: number;
}

/** The policy after one change; a rule with the same characteristic and query string is replaced, as Exchange allows only one. */
export function applyPolicyChange(policy: AccessPolicy, change: PolicyChange): AccessPolicy {
  switch (change.kind) {
    case 'set-default':
      return { ...policy, defaultAccessLevel: change.accessLevel };
    case 'remove-rule':
      return { ...policy, rules: policy.rules.filter((r) => r.name.toLowerCase() !== change.name.toLowerCase()) };
    case 'add-rule': {
      const rule: AccessRule = {
        name: defaultRuleName(change.queryString, change.characteristic),
        queryString: change.queryString,
        characteristic: change.characteristic,
        accessLevel: change.accessLevel,
      };
      const same = (r: AccessRule) =>
        r.characteristic === rule.characteristic && r.queryString.toLowerCase() === rule.queryString.toLowerCase();
      return { ...policy, rules: [...policy.rules.filter((r) => !same(r)), rule] };
    }
  }
}

export function whatIfPolicy(devices: readonly FleetDevice[], proposed: AccessPolicy): WhatIfResult {
  const changes: StateChange[] = [];
  let considered = 0;
  for (const device of devices) {
    if (!reachesRules(device)) continue;
    considered++;
    const next = decideByPolicy(device, proposed, { path: false });
    if (next.state !== device.state) {
      changes.push({
        key: device.key,
        from: { state: device.state, reason: device.reason, rule: device.rule },
        to: { state: next.state, reason: next.reason, rule: next.rule },
      });
    }
  }
  return { changes, considered, untouched: devices.length - considered };
}

/** Whether a rule or default change can move this device at all. */
export function reachesRules(device: Pick<FleetDevice, 'state' | 'reason'>): boolean {
  return (device.reason === 'DeviceRule' || device.reason === 'Global') && device.state !== 'DeviceDiscovery';
}

/**
 * The command an Exchange admin runs to make the change. Tier-1 never runs these: rules and the
 * default are tenant-wide. Values are quoted as PowerShell single-quoted strings (' doubled).
 */
export function adminCommandFor(change: PolicyChange): string {
  switch (change.kind) {
    case 'set-default':
      return `Set-ActiveSyncOrganizationSettings -DefaultAccessLevel ${change.accessLevel}`;
    case 'remove-rule':
      return `Remove-ActiveSyncDeviceAccessRule -Identity ${quote(change.name)} -Confirm:$true`;
    case 'add-rule':
      return `New-ActiveSyncDeviceAccessRule -QueryString ${quote(change.queryString)} -Characteristic ${change.characteristic} -AccessLevel ${change.accessLevel}`;
  }
}

function quote(text: string): string {
  return `'${text.replace(/['‘’‚‛]/g, "''")}'`;
}
