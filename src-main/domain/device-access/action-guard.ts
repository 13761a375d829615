import type { WizardActionKind } from '../../shared/models/action-kinds';
import { AUTO_BLOCK_REASONS, normaliseAccessReason } from '../eas/access-state';
import { listHolds, sameName } from './exchange-names';

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
 * - Remove a partnership (Remove-MobileDevice) only to free a slot when the mailbox is at or near
 *   the 100-partnership limit (F35), counted from Get-MobileDevice (or status 177 in the log); never
 *   the phone being diagnosed, never while a wipe is pending for any of the user's phones (removing
 *   a partnership would drop the wipe with it), and only a stale one (no sync for STALE_DAYS).
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
  /** The phone as the operator knows it ("Galaxy S23 Ultra"), for confirmations. */
  name?: string | undefined;
  /** Get-MobileDeviceStatistics LastSuccessSync (ISO), or null when it never synced. */
  lastSuccessSync?: string | null | undefined;
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
  /** The phone being diagnosed (the operator's pick, or the case's subject): never removed. */
  targetDeviceId?: string | undefined;
  /** The case's "now" (ISO), for how stale a partnership is. */
  now?: string | undefined;
  /** The mailbox log shows status 177 (MaximumDevicesReached) for a request. */
  maxDevicesRefused?: boolean | undefined;
}

/** Exchange Online's limit of mobile device partnerships per mailbox (facts F35). */
export const PARTNERSHIP_LIMIT = 100;
/** From here on the wizard counts the mailbox as near the limit and offers the clean-up. */
export const NEAR_PARTNERSHIP_LIMIT = 90;
/** A partnership with no successful sync for this many days is stale (the user most likely replaced the phone). */
export const STALE_DAYS = 30;

/** Is the mailbox at or near the partnership limit, by the partnerships Exchange lists or a 177 in the log? */
export function nearPartnershipLimit(situation: Pick<ActionSituation, 'devices' | 'maxDevicesRefused'>): boolean {
  return situation.devices.length >= NEAR_PARTNERSHIP_LIMIT || situation.maxDevicesRefused === true;
}

/** Whether a partnership has not synced for STALE_DAYS before `now` (never synced counts as stale); undefined without a clock. */
export function isStale(device: Pick<GuardDevice, 'lastSuccessSync'>, now: string | undefined): boolean | undefined {
  if (now === undefined) return undefined;
  const last = device.lastSuccessSync == null ? NaN : Date.parse(device.lastSuccessSync);
  if (Number.isNaN(last)) return true;
  return Date.parse(now) - last >= STALE_DAYS * 86_400_000;
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

const DEVICE_KINDS: ReadonlySet<WizardActionKind> = new Set(['allow-device', 'block-device', 'unblock-device', 'remove-device']);


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
  const device = situation.devices.find((d) => sameName(d.deviceId, deviceId));
  if (device === undefined) return refuse(`No phone with the id ${deviceId} is known for this mailbox.`);
  if (device.wipePending) return refuse(WIPE_REFUSAL);
  if (kind === 'remove-device') return judgeRemove(device, situation);
  if (situation.mailbox === null) return refuse("The mailbox's allowed and blocked lists have not been read yet: run the Mailbox and devices step first.");
  const blockedListed = listHolds(situation.mailbox.blockedDeviceIds, device.deviceId);
  const state = device.accessState ?? '';
  const reason = normaliseAccessReason(device.accessStateReason) ?? '';

  switch (kind) {
    case 'unblock-device':
      return blockedListed
        ? { allowed: true }
        : refuse(`The phone ${device.deviceId} is not on the user's blocked list, so there is nothing to unblock here.${sameName(state, 'Blocked') ? ` ${blockedBecause(reason)}` : ''}`);
    case 'block-device':
      return blockedListed ? refuse(`The phone ${device.deviceId} is already on the user's blocked list.`) : { allowed: true };
    case 'allow-device':
      return judgeAllow(device, blockedListed, listHolds(situation.mailbox.allowedDeviceIds, device.deviceId));
    default:
      return refuse('This change needs a phone.');
  }
}

/** Remove-MobileDevice frees a slot at the partnership limit, and nothing else (see the file comment). */
function judgeRemove(device: GuardDevice, situation: ActionSituation): ActionVerdict {
  const refuse = (reason: string): ActionVerdict => ({ allowed: false, reason });
  if (situation.targetDeviceId !== undefined && sameName(device.deviceId, situation.targetDeviceId))
    return refuse(`The phone ${device.deviceId} is the one being diagnosed: removing its partnership would not fix it, and it would lose its sync state.`);
  const wiping = situation.devices.find((d) => d.wipePending);
  if (wiping !== undefined)
    return refuse(`A remote wipe is pending for the phone ${wiping.deviceId}. No partnership is removed while it waits (removing one drops its wipe): find out who ordered the wipe and why (Security / Messaging).`);
  if (!nearPartnershipLimit(situation))
    return refuse(`The mailbox has ${situation.devices.length} phone partnerships, well below the limit of ${PARTNERSHIP_LIMIT}: removing one would not help.`);
  const stale = isStale(device, situation.now);
  if (stale !== true)
    return refuse(`The phone ${device.deviceId} synced within the last ${STALE_DAYS} days (last sync ${device.lastSuccessSync ?? 'unknown'}): it may still be in use. Ask the user which phones they no longer use; they can remove them in Outlook on the web (Settings → Mobile devices).`);
  return { allowed: true };
}

/** Allow is a quarantine release, nothing more (see the file comment). */
function judgeAllow(device: GuardDevice, blockedListed: boolean, allowListed: boolean): ActionVerdict {
  const refuse = (reason: string): ActionVerdict => ({ allowed: false, reason });
  const reason = normaliseAccessReason(device.accessStateReason) ?? '';
  if (blockedListed)
    return refuse(
      `The phone ${device.deviceId} is on the user's blocked list: someone blocked it on purpose (for example because it was reported lost). Allowing it would silently take it off that list. Find out who blocked it and why; if it may sync again, unblock it instead.`,
    );
  if (sameName(reason, 'ExternalCompliance') || sameName(reason, 'ExternalEnrollment'))
    return refuse('Intune decides about this phone, not Exchange: the user enrolls it or makes it compliant in Company Portal, or the Intune team helps. Allowing it in Exchange would bypass that.');
  if (sameName(device.accessState, 'Blocked')) return refuse(blockedBecause(reason));
  if (sameName(device.accessState, 'Allowed') || allowListed) return refuse(`The phone ${device.deviceId} is already allowed.`);
  if (sameName(device.accessState, 'Quarantined') && (sameName(reason, 'Global') || sameName(reason, 'DeviceRule'))) return { allowed: true };
  if (sameName(device.accessState, 'Quarantined')) return refuse(`The phone is in quarantine for a reason Allow does not release (${reason || 'unknown'}).`);
  return refuse(`Allow only releases a phone from quarantine; this phone is ${device.accessState || 'in an unknown state'}.`);
}

function blockedBecause(reason: string): string {
  if (isAutoBlockReason(reason)) return `Exchange blocked the phone by itself for misbehaving (${reason}); the block ends on its own, and allowing would only hide the cause.`;
  if (sameName(reason, 'DeviceRule')) return 'A device access rule blocks this phone model: that is the organisation\'s decision. Ask the messaging team whether the model is approved.';
  if (sameName(reason, 'Global')) return "The organisation's default blocks phones that no rule allows: that is the organisation's decision. Ask the messaging team.";
  if (sameName(reason, 'Policy')) return 'The phone cannot meet the mobile device mailbox policy (Blocked / Policy): this is not an admin block, and allowing it would not make the phone meet the policy.';
  return `The phone is blocked (reason ${reason || 'unknown'}); allowing it would bypass that decision.`;
}

/** The actions a case offers: per phone, and for the mailbox as a whole. */
export interface OfferedActions {
  mailbox: WizardActionKind[];
  devices: Array<{ deviceId: string; actions: WizardActionKind[] }>;
  /** The partnerships that may be removed to free a slot, oldest last sync first (absent when none). */
  removable?: Array<{ deviceId: string; label: string }>;
}

const MAILBOX_KINDS: readonly WizardActionKind[] = ['enable-activesync'];
const PHONE_KINDS: readonly WizardActionKind[] = ['allow-device', 'unblock-device', 'block-device', 'remove-device'];

/** "Galaxy S8 (3F9A77C1), last sync 2025-01-02" — how a confirmation and a button name a partnership. */
export function partnershipLabel(device: Pick<GuardDevice, 'deviceId' | 'name' | 'lastSuccessSync'>): string {
  const last = device.lastSuccessSync ? `last sync ${device.lastSuccessSync.slice(0, 10)}` : 'never synced';
  return `${device.name ? `${device.name} (${device.deviceId})` : device.deviceId}, ${last}`;
}

export function offeredActions(situation: ActionSituation): OfferedActions {
  const devices = situation.devices.map((device) => ({
    deviceId: device.deviceId,
    actions: PHONE_KINDS.filter((kind) => judgeAction(kind, device.deviceId, situation).allowed),
  }));
  const time = (d: GuardDevice) => (d.lastSuccessSync ? Date.parse(d.lastSuccessSync) || 0 : 0);
  const removable = situation.devices
    .filter((d) => devices.some((o) => o.deviceId === d.deviceId && o.actions.includes('remove-device')))
    .sort((a, b) => time(a) - time(b))
    .map((d) => ({ deviceId: d.deviceId, label: partnershipLabel(d) }));
  return {
    mailbox: MAILBOX_KINDS.filter((kind) => judgeAction(kind, undefined, situation).allowed),
    devices,
    ...(removable.length > 0 ? { removable } : {}),
  };
}
