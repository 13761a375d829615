import type { FindingDraft } from '../diagnosis/catalog';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';

/**
 * Days without a single sync attempt after which a phone is taken not to be in use. A phone in
 * use tries many times a day (Direct Push waits end every few minutes; a refused phone keeps
 * retrying); an old, replaced or lost phone stops. How long a refused phone keeps retrying is not
 * documented, which is why a quiet phone only steps back while another of the user's phones is in
 * use, and never when the operator named it.
 */
export const QUIET_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * The user's phones that have not tried to sync for QUIET_DAYS while another of theirs has, when the
 * operator named no phone: by lower-case DeviceId, with the time of their last attempt (or last sync).
 * Their problems are not what the user is calling about now, unless the operator says so by naming one.
 */
export function quietPhones(devices: readonly MobileDeviceInput[], judgedAt: string | undefined, targetDeviceId: string | undefined): Map<string, string> {
  const quiet = new Map<string, string>();
  if (targetDeviceId !== undefined || judgedAt === undefined || devices.length < 2) return quiet;
  const now = Date.parse(judgedAt);
  let inUse = false;
  for (const device of devices) {
    const last = device.LastSyncAttemptTime ?? device.LastSuccessSync ?? undefined;
    const at = last === undefined ? Number.NaN : Date.parse(last);
    // No time at all: whether it is in use cannot be told, so it neither steps back nor counts as in use.
    if (Number.isNaN(at)) continue;
    if (now - at >= QUIET_DAYS * DAY_MS) quiet.set(device.DeviceId.toLowerCase(), last as string);
    else inUse = true;
  }
  return inUse ? quiet : new Map();
}

/** A quiet phone's finding: kept, as a note without a fixing action, with why it is not taken for the user's problem. */
export function asQuietPhoneNote(draft: FindingDraft, lastTry: string): FindingDraft {
  return {
    ...draft,
    notInUse: true,
    detail: `${draft.detail} This phone has not tried to sync since ${lastTry.slice(0, 10)}, while another of the user's phones has: it is probably an old, replaced or lost phone, not the one the user is calling about. If it is that phone, start the case again with its device ID.`,
  };
}
