import type { FindingCode, FindingDraft } from './catalog';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';

/** Access problems a mailbox log shows that Exchange's own record of the phone can overrule. */
const ACCESS_CODES: ReadonlySet<FindingCode> = new Set(['DEVICE_QUARANTINED', 'DEVICE_BLOCKED', 'DEVICE_AUTO_BLOCKED', 'DEVICE_NOT_COMPLIANT', 'DEVICE_NOT_ENROLLED', 'DEVICE_NOT_PROVISIONABLE']);

/**
 * The log tells what Exchange answered at each request; Get-MobileDevice tells what Exchange
 * decides now. When Exchange now allows a phone whose last logged requests were refused (it was
 * released, unblocked or became compliant since), the log's refusal is the phone's history, not
 * the present cause: the phone simply has not come back since.
 */
export function settleLogAccessByExchange(logDrafts: readonly FindingDraft[], devices: readonly MobileDeviceInput[]): FindingDraft[] {
  return logDrafts.map((draft) => {
    if (!ACCESS_CODES.has(draft.code) || draft.history === true || draft.deviceId === undefined) return draft;
    const id = draft.deviceId.toLowerCase();
    const device = devices.find((d) => d.DeviceId.toLowerCase() === id);
    if (device?.DeviceAccessState !== 'Allowed') return draft;
    return {
      ...draft,
      history: true,
      detail: `${draft.detail} Exchange now reports the phone as allowed, so this happened before a change; the phone has not made a request since.`,
    };
  });
}

/**
 * The other way round: Get-MobileDevice shows a phone's EAS version, but only the log shows how
 * Exchange answered it. When the log found the old version not to be what stops the phone
 * (Exchange still answered it normally after the cut-off), the inventory's version finding for
 * that phone takes the log's milder severity instead of outranking it.
 */
export function settleVersionByLog(drafts: readonly FindingDraft[], logDrafts: readonly FindingDraft[]): FindingDraft[] {
  const mild = new Map<string, FindingDraft['severity']>();
  for (const d of logDrafts) {
    if (d.code === 'EAS_VERSION_UNSUPPORTED' && d.severity !== undefined && d.history !== true && d.deviceId !== undefined) mild.set(d.deviceId.toLowerCase(), d.severity);
  }
  if (mild.size === 0) return [...drafts];
  return drafts.map((d) => {
    const severity = d.code === 'EAS_VERSION_UNSUPPORTED' && d.deviceId !== undefined ? mild.get(d.deviceId.toLowerCase()) : undefined;
    return severity === undefined ? d : { ...d, severity };
  });
}
