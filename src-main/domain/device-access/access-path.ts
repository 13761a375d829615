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

/** The full decision with the path taken. */
export function decideAccessPath(
  device: AccessDevice,
  lists: AccessLists,
  policy: AccessPolicy,
  nowMs: number,
): AccessDecision {
  const path: AccessPathStep[] = [];
  const id = device.deviceId.toLowerCase();
  const has = (list: readonly string[]) => list.some((entry) => entry.toLowerCase() === id);
  const done = (
    state: DecidedAccessState,
    reason: string,
    step: AccessPathStep,
  ): AccessDecision => {
    path.push(step);
    return { state, reason, rule: null, matchedRule: null, decidedBy: step.check, path };
  };

  if (has(lists.blockedDeviceIds)) {
    return done('Blocked', 'Individual', {
      check: 'user-blocked-list',
      matched: true,
      detail: `The device ID ${device.deviceId} is on the user's blocked list (ActiveSyncBlockedDeviceIDs). This wins over everything else.`,
    });
  }
  path.push({ check: 'user-blocked-list', matched: false, detail: "Not on the user's blocked list." });

  if (device.autoBlock !== null && device.autoBlock.untilMs > nowMs) {
    return done('Blocked', device.autoBlock.reason, {
      check: 'auto-block',
      matched: true,
      detail: `Exchange blocked the phone automatically for misbehaving (${device.autoBlock.reason}) until ${new Date(device.autoBlock.untilMs).toISOString()}. This wins over the allowed list.`,
    });
  }
  path.push({ check: 'auto-block', matched: false, detail: 'No automatic block (throttling) is active.' });

  if (has(lists.allowedDeviceIds)) {
    return done('Allowed', 'Individual', {
      check: 'user-allowed-list',
      matched: true,
      detail: `The device ID ${device.deviceId} is on the user's allowed list (ActiveSyncAllowedDeviceIDs), so rules and the organisation default are not consulted.`,
    });
  }
  path.push({ check: 'user-allowed-list', matched: false, detail: "Not on the user's allowed list." });

  if (device.external !== 'none') {
    const external = {
      noncompliant: ['Quarantined', 'ExternalCompliance', 'Intune/Entra reports the phone as managed but not compliant.'],
      unmanaged: ['Quarantined', 'ExternalEnrollment', 'Intune/Entra reports the phone as not enrolled (unmanaged).'],
      compliant: ['Allowed', 'ExternallyManaged', 'Intune/Entra reports the phone as managed and compliant.'],
    } as const;
    const [state, reason, detail] = external[device.external];
    return done(state, reason, { check: 'external', matched: true, detail: `${detail} (Device-based access, F13.)` });
  }

  if (device.discovery) {
    return done('DeviceDiscovery', 'DeviceRule', {
      check: 'discovery',
      matched: true,
      detail: 'The phone has not sent its device information yet, so Exchange cannot test the device access rules (DeviceDiscovery).',
    });
  }

  const tail = decideByPolicy(device, policy);
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
): AccessDecision {
  const path: AccessPathStep[] = [];
  for (const characteristic of RULE_ORDER) {
    const value = characteristicOf(device, characteristic);
    const rule = policy.rules.find(
      (r) => r.characteristic === characteristic && r.queryString.toLowerCase() === value.toLowerCase(),
    );
    if (rule !== undefined) {
      path.push({
        check: 'rule',
        characteristic,
        matched: true,
        detail: `Rule "${rule.name}" matches ${characteristic} "${value}" and says ${rule.accessLevel}. The first matching rule wins; later characteristics are not tested.`,
      });
      return {
        state: LEVEL_TO_STATE[rule.accessLevel],
        reason: 'DeviceRule',
        rule: rule.name,
        matchedRule: rule,
        decidedBy: 'rule',
        path,
      };
    }
    path.push({
      check: 'rule',
      characteristic,
      matched: false,
      detail: `No rule for ${characteristic} "${value || '(empty)'}".`,
    });
  }
  path.push({
    check: 'org-default',
    matched: true,
    detail: `No rule matched, so the organisation default applies: ${policy.defaultAccessLevel}.`,
  });
  return {
    state: LEVEL_TO_STATE[policy.defaultAccessLevel],
    reason: 'Global',
    rule: null,
    matchedRule: null,
    decidedBy: 'org-default',
    path,
  };
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
