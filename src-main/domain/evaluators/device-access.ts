import type { EvidenceRef } from '../../shared/models/finding';
import { accessStateInWords, AUTO_BLOCK_REASONS, normaliseAccessReason } from '../eas/access-state';
import type { FindingDraft } from '../diagnosis/catalog';
import { list } from './evidence';
import {
  decideAccessPath,
  defaultRuleName,
  type AccessCheck,
  type AccessDecision as PathDecision,
  type AccessLevel,
  type AccessRule,
  type RuleCharacteristic,
} from '../device-access/access-path';
import type { ActiveSyncOrganizationSettingsInput, CasMailboxInput, DeviceAccessRuleInput, MobileDeviceInput, MobileDevicePolicyInput } from './exchange-inputs';

/** What Exchange's ABQ order says the device's access should be, and which step decided it. */
export interface AccessDecision {
  state: 'Allowed' | 'Blocked' | 'Quarantined';
  reason: string;
  /** Human account of the deciding step, e.g. "device ID is on the user's block list". */
  because: string;
  rule?: string;
}

export interface DeviceAccessInput {
  device: MobileDeviceInput;
  casMailbox?: CasMailboxInput;
  organizationSettings?: ActiveSyncOrganizationSettingsInput;
  deviceAccessRules?: readonly DeviceAccessRuleInput[];
  /** Get-MobileDeviceMailboxPolicy, to name the setting a Blocked / Policy phone cannot meet. */
  mobileDevicePolicies?: readonly MobileDevicePolicyInput[];
}

/**
 * Replays Exchange's ABQ order with the ONE access-state function (device-access/access-path.ts,
 * facts F12, F27): the user's blocked list → auto-block → the user's allowed list → Intune/Entra →
 * device access rules, first match in the order UserAgent → DeviceOS → DeviceModel → DeviceType →
 * organization default. `because` tells the path Exchange took in tier-1 words:
 * "not on the user's lists → device access rule "Samsung (DeviceType)" → Quarantine".
 */
export function predictDeviceAccess(input: DeviceAccessInput): AccessDecision {
  const { device, casMailbox } = input;
  const reported = normaliseAccessReason(device.DeviceAccessStateReason);
  const autoBlocked = device.DeviceAccessState === 'Blocked' && reported !== undefined && AUTO_BLOCK_REASONS.has(reported);
  const external = reported === 'ExternalCompliance' ? 'noncompliant' : reported === 'ExternalEnrollment' ? 'unmanaged' : reported === 'ExternallyManaged' ? 'compliant' : 'none';
  const decision = decideAccessPath(
    {
      deviceId: device.DeviceId,
      deviceType: device.DeviceType ?? '',
      deviceModel: device.DeviceModel ?? '',
      deviceOS: device.DeviceOS ?? '',
      userAgent: device.DeviceUserAgent ?? '',
      // Only the reported state tells of an auto-block; it lasts as long as Exchange says it is blocked.
      autoBlock: autoBlocked ? { reason: reported, untilMs: Number.POSITIVE_INFINITY } : null,
      external,
      // A device still in discovery is predicted by the rules it will meet once identified.
      discovery: false,
    },
    { allowedDeviceIds: list(casMailbox?.ActiveSyncAllowedDeviceIDs), blockedDeviceIds: list(casMailbox?.ActiveSyncBlockedDeviceIDs) },
    { rules: accessRules(input.deviceAccessRules ?? []), defaultAccessLevel: accessLevel(input.organizationSettings?.DefaultAccessLevel) ?? 'Allow' },
    0,
  );
  const state = decision.state === 'DeviceDiscovery' ? 'Allowed' : decision.state;
  return { state, reason: decision.reason, because: describePath(decision), ...(decision.rule !== null ? { rule: decision.rule } : {}) };
}

/** What the phone's mobile device mailbox policy demands that a phone may not meet, in plain words. */
function policyDemands(device: MobileDeviceInput, policies: readonly MobileDevicePolicyInput[] | undefined): string {
  if (policies === undefined || policies.length === 0) return '';
  const applied = device.DevicePolicyApplied?.toLowerCase();
  const policy = policies.find((p) => applied !== undefined && p.Name?.toLowerCase() === applied) ?? policies.find((p) => p.IsDefault === true) ?? policies[0]!;
  const demands = [
    policy.AllowNonProvisionableDevices === false && 'phones that cannot apply every setting are refused (AllowNonProvisionableDevices False)',
    policy.RequireDeviceEncryption === true && 'the phone must be encrypted (RequireDeviceEncryption)',
    policy.PasswordEnabled === true && `a screen lock password is required${policy.MinPasswordLength ? ` of at least ${policy.MinPasswordLength} characters` : ''} (PasswordEnabled)`,
  ].filter((d): d is string => typeof d === 'string');
  if (demands.length === 0) return ` The policy "${policy.Name ?? 'default'}" demands nothing the wizard can name; Messaging should check it.`;
  return ` The mobile device mailbox policy "${policy.Name ?? 'default'}" says: ${demands.join('; ')}.`;
}

/** The path in short steps: what was passed over, then what decided. */
function describePath(decision: PathDecision): string {
  const passed: string[] = [];
  const checks = decision.path.filter((step) => !step.matched).map((step) => step.check);
  const listsPassed = checks.includes('user-blocked-list') && checks.includes('user-allowed-list');
  if (listsPassed) passed.push("not on the user's lists");
  else if (checks.includes('user-blocked-list')) passed.push("not on the user's blocked list");
  if (checks.includes('auto-block')) passed.push('no automatic block');
  const level = decision.matchedRule?.accessLevel;
  const decided: Record<AccessCheck, string> = {
    'user-blocked-list': "the device ID is on the user's block list (ActiveSyncBlockedDeviceIDs)",
    'auto-block': `Exchange auto-blocked the device (${decision.reason})`,
    'user-allowed-list': "the device ID is on the user's allow list (ActiveSyncAllowedDeviceIDs)",
    external: `Intune/Entra decides (${decision.reason})`,
    discovery: 'the phone has not identified itself yet (DeviceDiscovery)',
    rule: `device access rule "${decision.rule ?? ''}" (${decision.matchedRule?.characteristic ?? 'rule'}, the first match in the order UserAgent, DeviceOS, DeviceModel, DeviceType) → ${level ?? decision.state}`,
    'org-default': `no device access rule matched → the organization default access level is ${levelOf(decision.state)}`,
  };
  return [...passed, decided[decision.decidedBy]].join(' → ');
}

function levelOf(state: string): string {
  return state === 'Blocked' ? 'Block' : state === 'Quarantined' ? 'Quarantine' : 'Allow';
}

function accessLevel(value: string | null | undefined): AccessLevel | undefined {
  const level = (value ?? '').toLowerCase();
  return level === 'allow' ? 'Allow' : level === 'block' ? 'Block' : level === 'quarantine' ? 'Quarantine' : undefined;
}

const CHARACTERISTICS: readonly RuleCharacteristic[] = ['UserAgent', 'DeviceOS', 'DeviceModel', 'DeviceType', 'XMSWLHeader'];

function accessRules(rules: readonly DeviceAccessRuleInput[]): AccessRule[] {
  return rules.flatMap((rule) => {
    const characteristic = CHARACTERISTICS.find((c) => c.toLowerCase() === rule.Characteristic.toLowerCase());
    const level = accessLevel(rule.AccessLevel);
    if (characteristic === undefined || level === undefined) return [];
    return [{ name: rule.Name ?? defaultRuleName(rule.QueryString, characteristic), queryString: rule.QueryString, characteristic, accessLevel: level }];
  });
}

/** Blocked or quarantined as Exchange last decided, though the user's allowed list now decides for it. */
function isReleased(state: string | undefined, predicted: AccessDecision): boolean {
  return (state === 'Blocked' || state === 'Quarantined') && predicted.state === 'Allowed' && predicted.reason === 'Individual';
}

/** Whether Exchange still reports its old block or quarantine for a phone the user's allowed list now lets in (F26). */
export function awaitsNextRequest(input: DeviceAccessInput): boolean {
  return isReleased(input.device.DeviceAccessState ?? undefined, predictDeviceAccess(input));
}

/** Findings from the device's reported access state, explained with the predicted deciding step. */
export function evaluateDeviceAccess(input: DeviceAccessInput): FindingDraft[] {
  const { device } = input;
  const state = device.DeviceAccessState ?? undefined;
  const reason = normaliseAccessReason(device.DeviceAccessStateReason);
  const predicted = predictDeviceAccess(input);
  const object = `device ${device.DeviceId}${device.DeviceType ? ` (${device.DeviceType})` : ''}`;
  const seen = `DeviceAccessState = ${state ?? 'unknown'}, reason ${reason ?? 'unknown'}${device.DeviceAccessControlRule ? `, rule "${device.DeviceAccessControlRule}"` : ''}`;
  // Words first for tier 1; the raw values follow for tier 2 (and stay in the captured evidence).
  const words = accessStateInWords(state, reason, device.DeviceAccessControlRule);
  const evidence: EvidenceRef[] = [{ step: 'device-access', object, detail: `${words} (${seen})` }];
  const base = { evidence, deviceId: device.DeviceId };
  const why = predicted.state === state ? ` The settings agree: ${predicted.because}.` : state === undefined ? '' : ` By the current settings the deciding step would be: ${predicted.because}; the state may not have been re-evaluated yet.`;

  if (state === 'Quarantined' && reason === 'ExternalCompliance') {
    return [{ ...base, code: 'DEVICE_NOT_COMPLIANT', confidence: 'high', detail: `${words} (Exchange reports ${seen}).` }];
  }
  if (state === 'Quarantined' && reason === 'ExternalEnrollment') {
    return [{ ...base, code: 'DEVICE_NOT_ENROLLED', confidence: 'high', detail: `${words} (Exchange reports ${seen}).` }];
  }
  if (state === 'Blocked' && reason === 'Policy') {
    // Blocked / Policy is not an administrator's block: the phone cannot meet the mobile device mailbox policy.
    return [{ ...base, code: 'DEVICE_NOT_PROVISIONABLE', confidence: 'high', detail: `Exchange reports ${seen}: the phone cannot meet the mobile device mailbox policy (for example it cannot be provisioned, or cannot apply the password or encryption rules). This is not an administrator's block, and allowing the phone would not change it.${policyDemands(device, input.mobileDevicePolicies)}` }];
  }
  if (state === 'Blocked' && reason !== undefined && AUTO_BLOCK_REASONS.has(reason)) {
    return [{ ...base, code: 'DEVICE_AUTO_BLOCKED', confidence: 'high', detail: `${words} (Exchange reports ${seen}).` }];
  }
  // Already on the user's allowed list, which comes before rules and the default (F27): Exchange
  // judges the phone again at its next request (F26) and shows the old state until then.
  // Its own code, not the block's or the quarantine's: their next step (allow it) is done already.
  if (isReleased(state, predicted)) {
    return [{ ...base, code: 'DEVICE_RELEASED_AWAITING_PHONE', confidence: 'high', detail: `${words} (Exchange reports ${seen}), and the phone is on the user's allowed list (ActiveSyncAllowedDeviceIDs).` }];
  }
  if (state === 'Blocked') return [{ ...base, code: 'DEVICE_BLOCKED', confidence: 'high', detail: `${words} (Exchange reports ${seen}).${why}` }];
  if (state === 'Quarantined') return [{ ...base, code: 'DEVICE_QUARANTINED', confidence: 'high', detail: `${words} (Exchange reports ${seen}).${why}` }];
  if (state === undefined || state === 'Unknown' || state === 'DeviceDiscovery') {
    // No decided state yet: the prediction is all we have.
    if (predicted.state === 'Blocked') return [{ ...base, code: 'DEVICE_BLOCKED', confidence: 'medium', detail: `No access state is recorded yet, but ${predicted.because}, so Exchange will block it.` }];
    if (predicted.state === 'Quarantined') return [{ ...base, code: 'DEVICE_QUARANTINED', confidence: 'medium', detail: `No access state is recorded yet, but ${predicted.because}, so Exchange will quarantine it.` }];
  }
  return [];
}
