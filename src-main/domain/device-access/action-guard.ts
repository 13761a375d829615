import type { WizardActionKind } from '../../shared/models/action-kinds';
import { AUTO_BLOCK_REASONS, normaliseAccessReason } from '../eas/access-state';

/**
 * Which tier-1 actions fit the situation, as ONE pure function the engine enforces (preview and
 * run) and the case view exposes (the renderer offers only these). The point is that no button can
 * undo a security control by accident:
 *
 * - Allow adds the id to ActiveSyncAllowedDeviceIDs, and Exchange then REMOVES it from the blocked
 *   list (facts F26). So Allow only releases a quarantine decided by a rule or the organisation
 *   default (reason DeviceRule or Global, state Quarantined). Never for a phone on the user's
 *   blocked list (perhaps reported lost), a Block rule, a Block default, an automatic block, or an
 *   Intune decision (ExternalCompliance / ExternalEnrollment: Company Portal or the Intune team).
 * - Unblock only when the id is on ActiveSyncBlockedDeviceIDs; the phone is then judged again on
 *   its next request and may be quarantined (F26).
 * - Nothing that lets a phone back in (allow, unblock, enable ActiveSync) and no block (it would
 *   stop the wipe from being delivered) while a remote wipe is pending (F36).
 * - Enable ActiveSync only when it is off for this mailbox, and not when it is off by policy (F38).
 */

/** An automatic (throttling) block reason (F28); anything else is an admin, rule or policy decision. */
export function isAutoBlockReason(reason: string | number | null | undefined): boolean {
  const name = normaliseAccessReason(reason);
  return name !== undefined && AUTO_BLOCK_REASONS.has(name);
}

export interface GuardDevice {
  deviceId: string;
  accessState?: string | null | undefined;
  /** A name, or the enum number some serialisations give. */
  accessStateReason?: string | number | null | undefined;
  /** Get-MobileDeviceStatistics says a wipe is ordered and not yet delivered (see wipePendingFrom). */
  wipePending: boolean;
}

export interface GuardMailbox {
  activeSyncEnabled: boolean | null;
  allowedDeviceIds: readonly string[];
  blockedDeviceIds: readonly string[];
}

export interface ActionSituation {
  /** Get-CASMailbox as read; null when it has not been read (the lists are then unknown). */
  mailbox: GuardMailbox | null;
  devices: readonly GuardDevice[];
  /**
   * Why ActiveSync being off is an organisation decision rather than a fault (F38: the CAS mailbox
   * plan, or most mailboxes off); undefined when nothing says so or it could not be read.
   */
  activeSyncOffByPolicy?: string | undefined;
}

export type ActionVerdict = { allowed: true } | { allowed: false; reason: string };

/** The wipe fields of one Get-MobileDeviceStatistics row (F36). */
export interface WipeStatistics {
  Status?: string | null | undefined;
  DeviceWipeRequestTime?: unknown;
  DeviceWipeAckTime?: unknown;
  AccountOnlyDeviceWipeRequestTime?: unknown;
  AccountOnlyDeviceWipeAckTime?: unknown;
}

/** A wipe is pending when Exchange says so, or a wipe was requested and the phone has not acknowledged it. */
export function wipePendingFrom(stats: WipeStatistics | undefined): boolean {
  if (stats === undefined) return false;
  const requested = (at: unknown, ack: unknown) => typeof at === 'string' && at !== '' && (ack === null || ack === undefined || ack === '');
  return (
    stats.Status === 'DeviceWipePending' ||
    requested(stats.DeviceWipeRequestTime, stats.DeviceWipeAckTime) ||
    requested(stats.AccountOnlyDeviceWipeRequestTime, stats.AccountOnlyDeviceWipeAckTime)
  );
}

const WIPE_REFUSAL =
  'A remote wipe is pending for this phone. Nothing is changed while it waits: allowing or unblocking could let the phone escape the wipe, blocking would stop it from being delivered. Find out who ordered the wipe and why (Security / Messaging).';

const DEVICE_KINDS: ReadonlySet<WizardActionKind> = new Set(['allow-device', 'block-device', 'unblock-device']);

function onList(list: readonly string[], deviceId: string): boolean {
  const id = deviceId.toLowerCase();
  return list.some((entry) => entry.toLowerCase() === id);
}

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** Whether one action fits the situation, and if not, why in plain words. */
export function judgeAction(kind: WizardActionKind, deviceId: string | undefined, situation: ActionSituation): ActionVerdict {
  const refuse = (reason: string): ActionVerdict => ({ allowed: false, reason });
  if (kind === 'enable-debug-logging' || kind === 'disable-debug-logging') return { allowed: true };

  if (kind === 'enable-activesync') {
    const wiping = situation.devices.find((d) => d.wipePending);
    if (wiping !== undefined) return refuse(`A remote wipe is pending for the phone ${wiping.deviceId}. ActiveSync is not turned back on while it waits: find out who ordered the wipe and why (Security / Messaging).`);
    if (situation.mailbox === null) return refuse('The mailbox settings have not been read yet: run the Mailbox and devices step first.');
    if (situation.mailbox.activeSyncEnabled !== false) return refuse('ActiveSync is already allowed for this mailbox; turning it on changes nothing.');
    if (situation.activeSyncOffByPolicy !== undefined)
      return refuse(`ActiveSync is off on purpose here (${situation.activeSyncOffByPolicy}). Turning it back on for one mailbox is a policy decision: ask the messaging team.`);
    return { allowed: true };
  }

  if (!DEVICE_KINDS.has(kind) || deviceId === undefined) return refuse('This change needs a phone.');
  const device = situation.devices.find((d) => same(d.deviceId, deviceId));
  if (device === undefined) return refuse(`No phone with the id ${deviceId} is known for this mailbox.`);
  if (device.wipePending) return refuse(WIPE_REFUSAL);
  if (situation.mailbox === null) return refuse("The mailbox's allowed and blocked lists have not been read yet: run the Mailbox and devices step first.");
  const blockedListed = onList(situation.mailbox.blockedDeviceIds, device.deviceId);
  const state = device.accessState ?? '';
  const reason = normaliseAccessReason(device.accessStateReason) ?? '';

  switch (kind) {
    case 'unblock-device':
      return blockedListed
        ? { allowed: true }
        : refuse(`The phone ${device.deviceId} is not on the user's blocked list, so there is nothing to unblock here.${same(state, 'Blocked') ? ` ${blockedBecause(reason)}` : ''}`);
    case 'block-device':
      return blockedListed ? refuse(`The phone ${device.deviceId} is already on the user's blocked list.`) : { allowed: true };
    case 'allow-device':
      return judgeAllow(device, blockedListed, onList(situation.mailbox.allowedDeviceIds, device.deviceId));
    default:
      return refuse('This change needs a phone.');
  }
}

/** Allow is a quarantine release, nothing more (see the file comment). */
function judgeAllow(device: GuardDevice, blockedListed: boolean, allowListed: boolean): ActionVerdict {
  const refuse = (reason: string): ActionVerdict => ({ allowed: false, reason });
  const reason = normaliseAccessReason(device.accessStateReason) ?? '';
  if (blockedListed)
    return refuse(
      `The phone ${device.deviceId} is on the user's blocked list: someone blocked it on purpose (for example because it was reported lost). Allowing it would silently take it off that list. Find out who blocked it and why; if it may sync again, unblock it instead.`,
    );
  if (same(reason, 'ExternalCompliance') || same(reason, 'ExternalEnrollment'))
    return refuse('Intune decides about this phone, not Exchange: the user enrolls it or makes it compliant in Company Portal, or the Intune team helps. Allowing it in Exchange would bypass that.');
  if (same(device.accessState, 'Blocked')) return refuse(blockedBecause(reason));
  if (same(device.accessState, 'Allowed') || allowListed) return refuse(`The phone ${device.deviceId} is already allowed.`);
  if (same(device.accessState, 'Quarantined') && (same(reason, 'Global') || same(reason, 'DeviceRule'))) return { allowed: true };
  if (same(device.accessState, 'Quarantined')) return refuse(`The phone is in quarantine for a reason Allow does not release (${reason || 'unknown'}).`);
  return refuse(`Allow only releases a phone from quarantine; this phone is ${device.accessState || 'in an unknown state'}.`);
}

function blockedBecause(reason: string): string {
  if (isAutoBlockReason(reason)) return `Exchange blocked the phone by itself for misbehaving (${reason}); the block ends on its own, and allowing would only hide the cause.`;
  if (same(reason, 'DeviceRule')) return 'A device access rule blocks this phone model: that is the organisation\'s decision. Ask the messaging team whether the model is approved.';
  if (same(reason, 'Global')) return "The organisation's default blocks phones that no rule allows: that is the organisation's decision. Ask the messaging team.";
  if (same(reason, 'Policy')) return 'The phone cannot meet the mobile device mailbox policy (Blocked / Policy): this is not an admin block, and allowing it would not make the phone meet the policy.';
  return `The phone is blocked (reason ${reason || 'unknown'}); allowing it would bypass that decision.`;
}

/** The actions a case offers: per phone, and for the mailbox as a whole. */
export interface OfferedActions {
  mailbox: WizardActionKind[];
  devices: Array<{ deviceId: string; actions: WizardActionKind[] }>;
}

const MAILBOX_KINDS: readonly WizardActionKind[] = ['enable-activesync'];
const PHONE_KINDS: readonly WizardActionKind[] = ['allow-device', 'unblock-device', 'block-device'];

export function offeredActions(situation: ActionSituation): OfferedActions {
  return {
    mailbox: MAILBOX_KINDS.filter((kind) => judgeAction(kind, undefined, situation).allowed),
    devices: situation.devices.map((device) => ({
      deviceId: device.deviceId,
      actions: PHONE_KINDS.filter((kind) => judgeAction(kind, device.deviceId, situation).allowed),
    })),
  };
}
