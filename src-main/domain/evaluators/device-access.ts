import type { EvidenceRef } from '../../shared/models/finding';
import { accessStateInWords, AUTO_BLOCK_REASONS, normaliseAccessReason } from '../eas/access-state';
import type { FindingDraft } from '../diagnosis/catalog';
import { list } from './evidence';
import type { ActiveSyncOrganizationSettingsInput, CasMailboxInput, DeviceAccessRuleInput, MobileDeviceInput } from './exchange-inputs';

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
}

const RESTRICTIVENESS: Readonly<Record<string, number>> = { Block: 3, Quarantine: 2, Allow: 1 };
const STATE_BY_LEVEL: Readonly<Record<string, AccessDecision['state']>> = { Block: 'Blocked', Quarantine: 'Quarantined', Allow: 'Allowed' };

/**
 * Replays Exchange's ABQ precedence (facts.md F12, from Exchange code): per-user block list →
 * auto-block → (datacenter rules, not visible to us) → per-user allow list → device access rules →
 * organization default. Intune states (External*) are decided on a separate path and reported as is.
 */
export function predictDeviceAccess(input: DeviceAccessInput): AccessDecision {
  const { device, casMailbox } = input;
  const id = device.DeviceId.toLowerCase();
  if (list(casMailbox?.ActiveSyncBlockedDeviceIDs).some((d) => d.toLowerCase() === id)) {
    return { state: 'Blocked', reason: 'Individual', because: "the device ID is on the user's block list (ActiveSyncBlockedDeviceIDs)" };
  }
  const currentReason = normaliseAccessReason(device.DeviceAccessStateReason);
  if (device.DeviceAccessState === 'Blocked' && currentReason !== undefined && AUTO_BLOCK_REASONS.has(currentReason)) {
    return { state: 'Blocked', reason: currentReason, because: `Exchange auto-blocked the device (${currentReason})` };
  }
  if (list(casMailbox?.ActiveSyncAllowedDeviceIDs).some((d) => d.toLowerCase() === id)) {
    return { state: 'Allowed', reason: 'Individual', because: "the device ID is on the user's allow list (ActiveSyncAllowedDeviceIDs)" };
  }
  const rule = matchingRule(device, input.deviceAccessRules ?? []);
  if (rule !== undefined) {
    const name = rule.Name ?? `${rule.QueryString} (${rule.Characteristic})`;
    return { state: STATE_BY_LEVEL[rule.AccessLevel] ?? 'Allowed', reason: 'DeviceRule', rule: name, because: `device access rule "${name}" (${rule.AccessLevel})` };
  }
  const level = input.organizationSettings?.DefaultAccessLevel ?? 'Allow';
  return { state: STATE_BY_LEVEL[level] ?? 'Allowed', reason: 'Global', because: `the organization default access level is ${level}` };
}

/**
 * Device access rules match one characteristic exactly (case-insensitive). When several match we
 * take the most restrictive; Exchange's tie-break is not in the reference [unverified].
 */
function matchingRule(device: MobileDeviceInput, rules: readonly DeviceAccessRuleInput[]): DeviceAccessRuleInput | undefined {
  const values: Readonly<Record<string, string | null | undefined>> = {
    DeviceType: device.DeviceType,
    DeviceModel: device.DeviceModel,
    DeviceOS: device.DeviceOS,
    UserAgent: device.DeviceUserAgent,
  };
  const matches = rules.filter((r) => {
    const value = values[r.Characteristic];
    return value != null && value.toLowerCase() === r.QueryString.toLowerCase();
  });
  return matches.sort((a, b) => (RESTRICTIVENESS[b.AccessLevel] ?? 0) - (RESTRICTIVENESS[a.AccessLevel] ?? 0))[0];
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
  if (state === 'Blocked' && reason !== undefined && AUTO_BLOCK_REASONS.has(reason)) {
    return [{ ...base, code: 'DEVICE_AUTO_BLOCKED', confidence: 'high', detail: `${words} (Exchange reports ${seen}).` }];
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
