/**
 * How Exchange decides a phone's Allow/Block/Quarantine state, as ONE pure function shared by the
 * demo tenant's simulated shell, the Devices area ("why this state", the rules what-if) and,
 * later, the wizard's device explanation, so they cannot drift apart.
 *
 * Order (facts.md F12, F27; Exchange's Command.DetermineDeviceAccessState):
 *   1. the user's blocked list (Blocked / Individual);
 *   2. an active auto-block (throttling reasons);
 *   3. the user's allowed list (Allowed / Individual);
 *   4. device access rules, tested by characteristic in the order UserAgent → DeviceOS →
 *      DeviceModel → DeviceType; the FIRST match wins, not the most restrictive;
 *   5. the organisation's DefaultAccessLevel (Global).
 *
 * Entra/Intune device state (ExternalCompliance, ExternalEnrollment, ExternallyManaged) is
 * "evaluated on a separate path" whose place is not documented; like the simulator always did,
 * we take it after the user's lists and before the rules, and say so in the path. DeviceDiscovery
 * (the phone has not sent its device information yet) also comes before the rules, since rules
 * cannot be tested without the device's characteristics. No I/O, no clock: `nowMs` is passed in.
 */

export type AccessLevel = 'Allow' | 'Block' | 'Quarantine';
export type DecidedAccessState = 'Allowed' | 'Blocked' | 'Quarantined' | 'DeviceDiscovery';
export type RuleCharacteristic = 'UserAgent' | 'DeviceOS' | 'DeviceModel' | 'DeviceType' | 'XMSWLHeader';

/** The order Exchange tests rule characteristics in (F27). XMSWLHeader is not an EAS header Exchange Online sees; it is tested last and never matches a phone. */
export const RULE_ORDER: readonly RuleCharacteristic[] = ['UserAgent', 'DeviceOS', 'DeviceModel', 'DeviceType'];

export interface AccessRule {
  /** Exchange's name for the rule: "<QueryString> (<Characteristic>)" unless one was given. */
  name: string;
  queryString: string;
  characteristic: RuleCharacteristic;
  accessLevel: AccessLevel;
}

/** The tenant-wide part: the device access rules and the organisation default. */
export interface AccessPolicy {
  rules: readonly AccessRule[];
  defaultAccessLevel: AccessLevel;
}

/** What Exchange knows about the phone itself. */
export interface AccessDevice {
  deviceId: string;
  deviceType: string;
  deviceModel: string;
  deviceOS: string;
  userAgent: string;
  /** An auto-block (throttling) with the instant it ends; null when none. */
  autoBlock: { reason: string; untilMs: number } | null;
  /** Intune/Entra view of the device (F13). */
  external: 'none' | 'compliant' | 'noncompliant' | 'unmanaged';
  /** True while the phone has not sent Settings/DeviceInformation yet. */
  discovery: boolean;
}

/** The mailbox's own lists (ActiveSyncAllowedDeviceIDs / ActiveSyncBlockedDeviceIDs). */
export interface AccessLists {
  allowedDeviceIds: readonly string[];
  blockedDeviceIds: readonly string[];
}

export type AccessCheck =
  | 'user-blocked-list'
  | 'auto-block'
  | 'user-allowed-list'
  | 'external'
  | 'discovery'
  | 'rule'
  | 'org-default';

/** One stop on the way to the decision, in order; the last one (matched) decided. */
export interface AccessPathStep {
  check: AccessCheck;
  /** For rule steps: the characteristic tested. */
  characteristic?: RuleCharacteristic;
  matched: boolean;
  /** Plain words: what was looked at and what was found. */
  detail: string;
}

export interface AccessDecision {
  state: DecidedAccessState;
  /** DeviceAccessStateReason as Exchange reports it. */
  reason: string;
  /** DeviceAccessControlRule: the matching rule's name, or null. */
  rule: string | null;
  /** The rule itself when a rule decided. */
  matchedRule: AccessRule | null;
  decidedBy: AccessCheck;
  path: AccessPathStep[];
}

export const LEVEL_TO_STATE: Readonly<Record<AccessLevel, 'Allowed' | 'Blocked' | 'Quarantined'>> = {
  Allow: 'Allowed',
  Block: 'Blocked',
  Quarantine: 'Quarantined',
};

/** Exchange names a rule "<QueryString> (<Characteristic>)" unless it was given a name. */
export function defaultRuleName(queryString: string, characteristic: string): string {
  return `${queryString} (${characteristic})`;
}

/** Set `path: false` where only the outcome matters (the simulated shell deciding 20 000 devices). */
export interface DecideOptions {
  path?: boolean;
}

/** The full decision with the path taken. */
export function decideAccessPath(
  device: AccessDevice,
  lists: AccessLists,
  policy: AccessPolicy,
  nowMs: number,
  options: DecideOptions = {},
): AccessDecision {
  const recording = options.path !== false;
  const path: AccessPathStep[] = [];
  // Details are built only when the path is wanted: they are words for a person.
  const note = (check: AccessCheck, matched: boolean, detail: () => string) => {
    if (recording) path.push({ check, matched, detail: detail() });
  };
  const id = device.deviceId.toLowerCase();
  const has = (list: readonly string[]) => list.some((entry) => entry.toLowerCase() === id);
  const done = (state: DecidedAccessState, reason: string, check: AccessCheck, detail: () => string): AccessDecision => {
    note(check, true, detail);
    return { state, reason, rule: null, matchedRule: null, decidedBy: check, path };
  };

  if (has(lists.blockedDeviceIds)) {
    return done('Blocked', 'Individual', 'user-blocked-list', () =>
      `The device ID ${device.deviceId} is on the user's blocked list (ActiveSyncBlockedDeviceIDs). This wins over everything else.`,
    );
  }
  note('user-blocked-list', false, () => "Not on the user's blocked list.");

  const autoBlock = device.autoBlock;
  if (autoBlock !== null && autoBlock.untilMs > nowMs) {
    return done('Blocked', autoBlock.reason, 'auto-block', () =>
      `Exchange blocked the phone automatically for misbehaving (${autoBlock.reason})${Number.isFinite(autoBlock.untilMs) ? ` until ${new Date(autoBlock.untilMs).toISOString()}` : ''}. This wins over the allowed list.`,
    );
  }
  note('auto-block', false, () => 'No automatic block (throttling) is active.');

  if (has(lists.allowedDeviceIds)) {
    return done('Allowed', 'Individual', 'user-allowed-list', () =>
      `The device ID ${device.deviceId} is on the user's allowed list (ActiveSyncAllowedDeviceIDs), so rules and the organisation default are not consulted.`,
    );
  }
  note('user-allowed-list', false, () => "Not on the user's allowed list.");

  if (device.external !== 'none') {
    const external = {
      noncompliant: ['Quarantined', 'ExternalCompliance', 'Intune/Entra reports the phone as managed but not compliant.'],
      unmanaged: ['Quarantined', 'ExternalEnrollment', 'Intune/Entra reports the phone as not enrolled (unmanaged).'],
      compliant: ['Allowed', 'ExternallyManaged', 'Intune/Entra reports the phone as managed and compliant.'],
    } as const;
    const [state, reason, detail] = external[device.external];
    return done(state, reason, 'external', () => `${detail} (Device-based access, F13.)`);
  }

  if (device.discovery) {
    return done('DeviceDiscovery', 'DeviceRule', 'discovery', () =>
      'The phone has not sent its device information yet, so Exchange cannot test the device access rules (DeviceDiscovery).',
    );
  }

  const tail = decideByPolicy(device, policy, options);
  path.push(...tail.path);
  return { ...tail, path };
}

/**
 * Steps 4 and 5 alone: the rules in characteristic order, then the organisation default. The
 * rules what-if re-runs only this part, because a change to rules or the default can only move
 * devices that got this far (reason DeviceRule or Global).
 */
export function decideByPolicy(
  device: Pick<AccessDevice, 'deviceType' | 'deviceModel' | 'deviceOS' | 'userAgent'>,
  policy: AccessPolicy,
  options: DecideOptions = {},
): AccessDecision {
  const recording = options.path !== false;
  const path: AccessPathStep[] = [];
  const lookup = compiled(policy);
  for (const characteristic of RULE_ORDER) {
    const value = characteristicOf(device, characteristic);
    const rule = lookup.get(`${characteristic}\u0000${value.toLowerCase()}`);
    if (rule !== undefined) {
      if (recording) {
        path.push({
          check: 'rule',
          characteristic,
          matched: true,
          detail: `Rule "${rule.name}" matches ${characteristic} "${value}" and says ${rule.accessLevel}. The first matching rule wins; later characteristics are not tested.`,
        });
      }
      return {
        state: LEVEL_TO_STATE[rule.accessLevel],
        reason: 'DeviceRule',
        rule: rule.name,
        matchedRule: rule,
        decidedBy: 'rule',
        path,
      };
    }
    if (recording) {
      path.push({ check: 'rule', characteristic, matched: false, detail: `No rule for ${characteristic} "${value || '(empty)'}".` });
    }
  }
  if (recording) {
    path.push({
      check: 'org-default',
      matched: true,
      detail: `No rule matched, so the organisation default applies: ${policy.defaultAccessLevel}.`,
    });
  }
  return {
    state: LEVEL_TO_STATE[policy.defaultAccessLevel],
    reason: 'Global',
    rule: null,
    matchedRule: null,
    decidedBy: 'org-default',
    path,
  };
}

/**
 * Rules by characteristic and lower-cased query string, built once per policy object: a tenant
 * listing decides 20 000 devices against the same rules. The first rule listed for a pair wins,
 * as the linear search did (Exchange allows only one rule per pair anyway).
 */
const compiledPolicies = new WeakMap<readonly AccessRule[], Map<string, AccessRule>>();
function compiled(policy: AccessPolicy): Map<string, AccessRule> {
  let lookup = compiledPolicies.get(policy.rules);
  if (lookup === undefined) {
    lookup = new Map();
    for (const rule of policy.rules) {
      const key = `${rule.characteristic}\u0000${rule.queryString.toLowerCase()}`;
      if (!lookup.has(key)) lookup.set(key, rule);
    }
    compiledPolicies.set(policy.rules, lookup);
  }
  return lookup;
}

function characteristicOf(
  device: Pick<AccessDevice, 'deviceType' | 'deviceModel' | 'deviceOS' | 'userAgent'>,
  characteristic: RuleCharacteristic,
): string {
  switch (characteristic) {
    case 'UserAgent':
      return device.userAgent;
    case 'DeviceOS':
      return device.deviceOS;
    case 'DeviceModel':
      return device.deviceModel;
    case 'DeviceType':
      return device.deviceType;
    default:
      return '';
  }
}
