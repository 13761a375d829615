import {
  decideAccessPath,
  defaultRuleName,
  type AccessDecision,
  type AccessPolicy,
  type DecideOptions,
} from '../../../domain/device-access/access-path';
import type { Scenario, ScenarioMailbox, ScenarioMobileDevice } from '../scenario/scenario-schema';

export type { AccessDecision };

/**
 * Exchange's Allow/Block/Quarantine decision for one device of the demo tenant. The reasoning is
 * the domain's decideAccessPath (facts.md F12, F27), the same function the Devices area explains
 * with, so what the simulated shell reports and what the app explains cannot drift apart.
 */
export function decideAccess(
  device: ScenarioMobileDevice,
  mailbox: ScenarioMailbox,
  exchange: Scenario['exchange'],
  nowMs: number,
  options: DecideOptions = {},
): AccessDecision {
  const decision = decideAccessPath(
    {
      deviceId: device.deviceId,
      deviceType: device.deviceType,
      deviceModel: device.deviceModel,
      deviceOS: device.deviceOS,
      userAgent: device.deviceUserAgent,
      autoBlock: device.autoBlock ? { reason: device.autoBlock.reason, untilMs: Date.parse(device.autoBlock.until) } : null,
      external: device.external,
      discovery: device.discovery,
    },
    mailbox,
    accessPolicyOf(exchange),
    nowMs,
    options,
  );
  // Blocked / Policy comes from provisioning, outside the ABQ order; the user's blocked list and an auto-block still show first.
  if (device.policyBlocked && decision.decidedBy !== 'user-blocked-list' && decision.decidedBy !== 'auto-block') {
    return { ...decision, state: 'Blocked', reason: 'Policy', rule: null, matchedRule: null };
  }
  return decision;
}

/**
 * The scenario's rules and organisation default as the domain reads them. Cached per rules
 * array and default (the shell never changes either), so a 20 000-device listing builds it once.
 */
const policies = new WeakMap<object, { level: string; policy: AccessPolicy }>();
export function accessPolicyOf(exchange: Scenario['exchange']): AccessPolicy {
  const level = exchange.activeSyncOrganizationSettings.defaultAccessLevel;
  const cached = policies.get(exchange.deviceAccessRules);
  if (cached !== undefined && cached.level === level) return cached.policy;
  const policy = buildPolicy(exchange);
  policies.set(exchange.deviceAccessRules, { level, policy });
  return policy;
}

function buildPolicy(exchange: Scenario['exchange']): AccessPolicy {
  return {
    rules: exchange.deviceAccessRules.map((r) => ({
      name: ruleName(r),
      queryString: r.queryString,
      characteristic: r.characteristic,
      accessLevel: r.accessLevel,
    })),
    defaultAccessLevel: exchange.activeSyncOrganizationSettings.defaultAccessLevel,
  };
}

/** Exchange names a rule "<QueryString> (<Characteristic>)" unless it was given a name. */
export function ruleName(rule: Scenario['exchange']['deviceAccessRules'][number]): string {
  return rule.name ?? defaultRuleName(rule.queryString, rule.characteristic);
}
