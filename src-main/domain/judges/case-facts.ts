import type { DiagnosisInput } from '../diagnosis/diagnose';
import { isUnavailable, type Evidence } from '../evaluators/evidence';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';
import type { SignInInput } from '../evaluators/graph-inputs';
import { phoneSignIns, type PhoneSignIns } from './phone-sign-ins';
import { sameName } from '../device-access/exchange-names';
import { isOutlookMobile } from '../evaluators/protocol-version';

export function present<T>(evidence: Evidence<T>): T | undefined {
  return isUnavailable(evidence) ? undefined : evidence;
}

/** The partnerships the case is about: the phone the operator picked, or all of the user's. */
export function targetDevices(input: DiagnosisInput): MobileDeviceInput[] {
  const devices = present(input.mobileDevices) ?? [];
  const wanted = input.targetDeviceId?.toLowerCase();
  return wanted === undefined ? [...devices] : devices.filter((d) => d.DeviceId.toLowerCase() === wanted);
}

/** Get-MobileDevice was read and lists no phone: no phone's request has ever reached the mailbox. */
export function hasNoPartnership(input: DiagnosisInput): boolean {
  return present(input.mobileDevices)?.length === 0;
}

/** The operator named a phone, and Get-MobileDevice (read) lists no partnership with that device ID. */
export function namedPhoneUnknown(input: DiagnosisInput): boolean {
  const devices = present(input.mobileDevices);
  const named = input.targetDeviceId;
  return named !== undefined && devices !== undefined && !devices.some((d) => sameName(d.DeviceId, named));
}

/**
 * Get-MobileDevice (read) shows no ActiveSync log to fetch for the case: no partnership at all, none
 * with the device ID named, or only Outlook mobile, which does not speak ActiveSync (facts F21).
 */
export function noLogToFetch(input: DiagnosisInput): boolean {
  const devices = present(input.mobileDevices);
  if (devices === undefined) return false;
  const named = input.targetDeviceId;
  const relevant = named === undefined ? devices : devices.filter((d) => sameName(d.DeviceId, named));
  return relevant.every(isOutlookMobile);
}

/** The user's sign-ins split into the phone's and others' (facts F34), or undefined when unread. */
export function signInSplit(input: DiagnosisInput): PhoneSignIns | undefined {
  const signIns = present(input.signIns) as readonly SignInInput[] | undefined;
  return signIns === undefined ? undefined : phoneSignIns(signIns, targetDevices(input));
}

/**
 * Whether the mailbox log shows the phone's requests reaching Exchange: true or false once the
 * log was fetched, undefined before (or when it could not be read). A Conditional Access or
 * sign-in block stops a request before Exchange logs it.
 */
export function requestsReachedMailbox(input: DiagnosisInput, deviceId: string | undefined = input.targetDeviceId): boolean | undefined {
  const log = present(input.mailboxLog);
  if (log === undefined) return undefined;
  if (deviceId === undefined) return log.devices.length > 0;
  return log.devices.some((d) => d.deviceId?.toLowerCase() === deviceId.toLowerCase());
}

/**
 * The last time Exchange saw the phone sync successfully: its LastSuccessSync, or its last logged
 * request when the mailbox log ends with it syncing normally. A sign-in failure long enough before
 * that (see TOKEN_LIFETIME_MS) did not stop the phone, which signed in again and synced after it.
 * Undefined when neither is known.
 */
export function lastSyncedAt(input: DiagnosisInput, device: MobileDeviceInput): number | undefined {
  const times = [device.LastSuccessSync ? Date.parse(device.LastSuccessSync) : Number.NaN];
  const log = present(input.mailboxLog);
  const id = device.DeviceId.toLowerCase();
  if (log?.drafts.some((d) => d.code === 'HEALTHY_SYNC' && d.history !== true && d.deviceId?.toLowerCase() === id)) {
    const last = log.devices.find((d) => d.deviceId?.toLowerCase() === id)?.lastRequest;
    if (last !== undefined) times.push(Date.parse(last));
  }
  const known = times.filter((t) => !Number.isNaN(t));
  return known.length === 0 ? undefined : Math.max(...known);
}

/** The time by which every phone of the case had synced successfully (the earliest of their last syncs). */
export function allSyncedAt(input: DiagnosisInput): number | undefined {
  const devices = targetDevices(input);
  const times = devices.map((d) => lastSyncedAt(input, d));
  return devices.length === 0 || times.includes(undefined) ? undefined : Math.min(...(times as number[]));
}

/** "at 08:44" style time for details; the ISO text itself when it is not a date. */
export function when(iso: string | undefined): string {
  return iso ?? 'an unknown time';
}
