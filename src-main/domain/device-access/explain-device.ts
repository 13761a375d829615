import { AUTO_BLOCK_REASONS } from '../eas/access-state';
import type { DeviceRow, DeviceWhy } from '../../shared/models/devices';
import { decideAccessPath, type AccessDevice, type AccessLists, type AccessPolicy } from './access-path';

/**
 * "Why is this phone in this state?" for tier-1: the path Exchange takes (decideAccessPath) with
 * the lists, rules and default as read now, compared with what Exchange reports. What Exchange
 * alone knows (an auto-block, Intune/Entra state, discovery) is taken from its report, because
 * there is no other source for it.
 */
export function explainDevice(row: DeviceRow, lists: AccessLists, policy: AccessPolicy, nowMs: number): Omit<DeviceWhy, 'row'> {
  const device: AccessDevice = {
    deviceId: row.deviceId,
    deviceType: row.deviceType,
    deviceModel: row.deviceModel,
    deviceOS: row.deviceOS,
    userAgent: row.userAgent,
    autoBlock: row.state === 'Blocked' && AUTO_BLOCK_REASONS.has(row.reason) ? { reason: row.reason, untilMs: Number.POSITIVE_INFINITY } : null,
    external: EXTERNAL_BY_REASON[row.reason] ?? 'none',
    discovery: row.state === 'DeviceDiscovery',
  };
  const decision = decideAccessPath(device, lists, policy, nowMs);
  const agrees = decision.state === row.state;
  const { summary, nextStep } = words(decision.decidedBy, decision.state, decision.reason, decision.rule, policy.defaultAccessLevel);
  return {
    reported: { state: row.state, reason: row.reason, rule: row.rule },
    computed: { state: decision.state, reason: decision.reason, rule: decision.rule },
    path: decision.path,
    agrees,
    summary: agrees
      ? summary
      : `Exchange reports ${row.state} (${row.reason}), but the lists and rules as they are now give ${decision.state}. Exchange judges a phone again when it next connects (facts F26), so the reported state is probably from before a recent change. ${summary}`,
    nextStep,
    lists: { allowed: [...lists.allowedDeviceIds], blocked: [...lists.blockedDeviceIds] },
    defaultAccessLevel: policy.defaultAccessLevel,
    rules: policy.rules.map((r) => ({ name: r.name, characteristic: r.characteristic, queryString: r.queryString, accessLevel: r.accessLevel })),
  };
}

const EXTERNAL_BY_REASON: Record<string, AccessDevice['external']> = {
  ExternalCompliance: 'noncompliant',
  ExternalEnrollment: 'unmanaged',
  ExternallyManaged: 'compliant',
};

function words(
  decidedBy: string,
  state: string,
  reason: string,
  rule: string | null,
  defaultLevel: string,
): { summary: string; nextStep: string } {
  switch (decidedBy) {
    case 'user-blocked-list':
      return {
        summary: "The phone is on the user's blocked list. That wins over every rule and approval.",
        nextStep: 'Someone blocked this phone on purpose. Check the ticket history before approving it; approving removes it from the blocked list.',
      };
    case 'auto-block':
      return {
        summary: `Exchange blocked the phone by itself because it misbehaved (${reason}). The block lifts on its own after a while.`,
        nextStep: 'Ask the user to update or reinstall the mail app and restart the phone. Approving does not lift an automatic block.',
      };
    case 'user-allowed-list':
      return {
        summary: "The phone is on the user's allowed list (it was approved), so rules and the organisation default do not apply to it.",
        nextStep: 'Nothing to do for access. If it still does not sync, open a wizard case for it.',
      };
    case 'external':
      return reason === 'ExternallyManaged'
        ? { summary: 'Intune manages the phone and reports it compliant, so Exchange allows it.', nextStep: 'Nothing to do for access.' }
        : {
            summary:
              reason === 'ExternalCompliance'
                ? 'Intune manages the phone but reports it as not compliant, so Exchange quarantines it.'
                : 'The phone is not enrolled in Intune, and the tenant requires it, so Exchange quarantines it.',
            nextStep: 'This is Intune’s decision, not an Exchange approval: send the user to the Company Portal app to fix compliance or enrol. Approving the phone in Exchange does not make it compliant.',
          };
    case 'discovery':
      return {
        summary: 'The phone has not yet told Exchange what it is, so the rules cannot be tested yet.',
        nextStep: 'Wait a few minutes for the phone to finish setting up, then look again.',
      };
    case 'rule':
      return {
        summary: `The device access rule "${rule ?? ''}" matches this phone and says ${state}. Rules are tested UserAgent, then DeviceOS, then DeviceModel, then DeviceType; the first match wins.`,
        nextStep:
          state === 'Allowed'
            ? 'Nothing to do for access.'
            : 'Approve the phone to let just this phone sync (it goes on the user’s allowed list). Changing the rule itself affects every matching phone and is for an Exchange admin.',
      };
    default:
      return {
        summary: `No device access rule matches this phone, so the organisation default applies: ${defaultLevel}.`,
        nextStep:
          state === 'Allowed'
            ? 'Nothing to do for access.'
            : 'Approve the phone if it belongs to the user (it goes on the user’s allowed list), or deny it (blocked list).',
      };
  }
}
