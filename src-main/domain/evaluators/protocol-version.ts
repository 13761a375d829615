import type { FindingDraft } from '../diagnosis/catalog';
import { EXO_MINIMUM_SINCE, formatProtocolVersion, isBelowExoMinimum, MINIMUM_EXO_PROTOCOL } from '../eas/protocol-version';
import type { MobileDeviceInput } from './exchange-inputs';

/**
 * ClientVersion below 16.1 for an EAS partnership (Microsoft's own filter: ClientType EAS and
 * ClientVersion < 16.1). Outlook mobile partnerships (ClientType REST/Outlook, identity `REST§Outlook§…`)
 * are not EAS and are skipped (facts.md F21).
 */
export function evaluateProtocolVersion(device: MobileDeviceInput, judgedAt?: string): FindingDraft[] {
  if (isOutlookMobile(device) || !isBelowExoMinimum(device.ClientVersion)) return [];
  const version = formatProtocolVersion(device.ClientVersion);
  // A case captured before the cut-off is judged as it stood then: the phone still synced, but was about to stop.
  const minimum = judgedAt !== undefined && Date.parse(judgedAt) < Date.parse(EXO_MINIMUM_SINCE)
    ? `Exchange Online refuses versions below ${MINIMUM_EXO_PROTOCOL} from ${EXO_MINIMUM_SINCE}, after this case was captured`
    : `minimum ${MINIMUM_EXO_PROTOCOL} since ${EXO_MINIMUM_SINCE}`;
  return [{
    code: 'EAS_VERSION_UNSUPPORTED',
    detail: `Get-MobileDevice shows ClientVersion ${version} (${minimum}); user agent ${device.DeviceUserAgent ?? 'unknown'}.`,
    evidence: [{ step: 'devices', object: `device ${device.DeviceId}`, detail: `ClientVersion = ${device.ClientVersion}` }],
    confidence: device.ClientType == null ? 'medium' : 'high',
    deviceId: device.DeviceId,
  }];
}

export function isOutlookMobile(device: MobileDeviceInput): boolean {
  const type = (device.ClientType ?? '').toLowerCase();
  return type === 'rest' || type === 'outlook' || /\\?REST§Outlook§/i.test(device.Identity ?? '');
}
