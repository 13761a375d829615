import type { FindingCode, FindingDraft } from './catalog';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';
import { isBelowExoMinimum, parseProtocolVersion } from '../eas/protocol-version';
import type { DeviceSummary } from './analyze-mailbox-log';

/** Access problems a mailbox log shows that Exchange's own record of the phone can overrule. */
const ACCESS_CODES: ReadonlySet<FindingCode> = new Set(['DEVICE_QUARANTINED', 'DEVICE_BLOCKED', 'DEVICE_AUTO_BLOCKED', 'DEVICE_NOT_COMPLIANT', 'DEVICE_NOT_ENROLLED', 'DEVICE_NOT_PROVISIONABLE']);

/**
 * The log tells what Exchange answered at each request; Get-MobileDevice tells what Exchange
 * decides now. When Exchange now allows a phone whose last logged requests were refused (it was
 * approved, unblocked, its automatic block ran out, or it became compliant since), the log's
 * refusal is the phone's past, and what is left is that the phone has not connected since: a
 * DEVICE_RELEASED_AWAITING_PHONE per phone says so and leads. The same holds for a phone now on the
 * user's allowed list (`releasedIds`, lower case), which comes before the rules and the default:
 * the refusals came before it was added, and its next request is let in.
 */
export function settleLogAccessByExchange(
  logDrafts: readonly FindingDraft[],
  devices: readonly MobileDeviceInput[],
  releasedIds: ReadonlySet<string> = new Set(),
  logDevices: readonly DeviceSummary[] = [],
): FindingDraft[] {
  const settled: FindingDraft[] = [];
  const awaiting = new Map<string, FindingDraft>();
  for (const draft of logDrafts) {
    if (!ACCESS_CODES.has(draft.code) || draft.history === true || draft.deviceId === undefined) {
      settled.push(draft);
      continue;
    }
    const id = draft.deviceId.toLowerCase();
    const device = devices.find((d) => d.DeviceId.toLowerCase() === id);
    const allowedNow = device?.DeviceAccessState === 'Allowed';
    if (!allowedNow && !releasedIds.has(id)) {
      settled.push(draft);
      continue;
    }
    const change = allowedNow ? 'Exchange now reports the phone as allowed, so this happened before a change' : "The phone is now on the user's allowed list, so this happened before it was added";
    // Exchange saw a successful sync after the log's last request: the log ends early, the phone is back.
    const syncedAfter = syncedAfterLog(device, logDevices.find((d) => d.deviceId?.toLowerCase() === id));
    if (syncedAfter !== undefined) {
      settled.push({ ...draft, history: true, detail: `${draft.detail} ${change}, and the phone synced successfully at ${syncedAfter}, after the last request in this log.` });
      continue;
    }
    settled.push({ ...draft, history: true, detail: `${draft.detail} ${change}; the phone has not made a request since.` });
    if (!awaiting.has(id)) awaiting.set(id, awaitingPhone(draft, allowedNow));
  }
  return [...settled, ...awaiting.values()];
}

/** Exchange's LastSuccessSync when it is later than the phone's last logged request, else undefined. */
function syncedAfterLog(device: MobileDeviceInput | undefined, logged: DeviceSummary | undefined): string | undefined {
  const synced = device?.LastSuccessSync;
  if (synced == null || logged?.lastRequest === undefined) return undefined;
  return Date.parse(synced) > Date.parse(logged.lastRequest) ? synced : undefined;
}

/** What is left of a refusal the settings have since lifted: the phone has not come back since. */
function awaitingPhone(draft: FindingDraft, allowedNow: boolean): FindingDraft {
  const now = allowedNow ? 'Exchange now reports the phone as allowed' : "the phone is now on the user's allowed list";
  const again = draft.code === 'DEVICE_AUTO_BLOCKED' ? ' If Exchange blocks it again by itself, the phone is still misbehaving: follow the steps for an automatic block (update the mail app, remove and add the account again).' : '';
  return {
    code: 'DEVICE_RELEASED_AWAITING_PHONE',
    deviceId: draft.deviceId,
    confidence: 'medium',
    certainty: 'inferred',
    detail: `The mailbox log shows the phone refused up to its last request, and ${now}: the phone has not connected since.${again}`,
    evidence: draft.evidence,
    explains: [draft.code],
  };
}

/**
 * The other way round: Get-MobileDevice shows the EAS version Exchange recorded for a phone, but
 * the log shows what the phone sends now. When the log found the old version not to be what stops
 * the phone (Exchange still answered it normally after the cut-off), the inventory's version
 * finding takes the log's milder severity instead of outranking it. When the phone's latest logged
 * requests already use a supported version, its mail app was updated after Exchange recorded the
 * old one: the inventory's finding is the phone's past, not the present cause.
 */
export function settleVersionByLog(drafts: readonly FindingDraft[], logDrafts: readonly FindingDraft[], logDevices: readonly DeviceSummary[] = []): FindingDraft[] {
  const mild = new Map<string, FindingDraft['severity']>();
  for (const d of logDrafts) {
    if (d.code === 'EAS_VERSION_UNSUPPORTED' && d.severity !== undefined && d.history !== true && d.deviceId !== undefined) mild.set(d.deviceId.toLowerCase(), d.severity);
  }
  const supported = new Map<string, DeviceSummary>();
  for (const d of logDevices) {
    if (d.deviceId !== undefined && parseProtocolVersion(d.protocolVersion) !== undefined && !isBelowExoMinimum(d.protocolVersion)) supported.set(d.deviceId.toLowerCase(), d);
  }
  return drafts.map((d) => {
    if (d.code !== 'EAS_VERSION_UNSUPPORTED' || d.deviceId === undefined) return d;
    const id = d.deviceId.toLowerCase();
    const now = supported.get(id);
    if (now !== undefined) {
      const last = now.lastRequest === undefined ? '' : `, up to its last one at ${now.lastRequest}`;
      return {
        ...d,
        history: true,
        detail: `${d.detail} The phone's own requests in the mailbox log use version ${now.protocolVersion}${last}: its mail app was updated after Exchange recorded the old version, so the version no longer stops it.`,
      };
    }
    const severity = mild.get(id);
    return severity === undefined ? d : { ...d, severity };
  });
}
