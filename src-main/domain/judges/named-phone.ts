import { distance } from 'fastest-levenshtein';
import type { FindingDraft } from '../diagnosis/catalog';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';
import { checkDraft, type CheckDraft } from './judgement';
import { EVIDENCE } from '../../shared/models/evidence-names';

/** How many of the mailbox's phones the finding names (the rest are in the Mailbox and devices step). */
const LISTED = 5;
/** At most this many characters changed, added or left out, a listed ID is taken for the one meant. */
const TYPO_EDITS = 3;

/**
 * The operator named a phone Exchange does not list for the mailbox: a mistyped ID, or a phone
 * whose requests have never reached the mailbox (Exchange records a phone at its first request,
 * even one it quarantines or blocks). Nothing about that phone could be checked, and saying so
 * comes before any "could not be checked".
 */
export function judgeNamedPhoneUnknown(named: string, devices: readonly MobileDeviceInput[], phoneName: (d: MobileDeviceInput) => string): { check: CheckDraft; finding: FindingDraft } {
  const closest = devices
    .map((device) => ({ device, edits: distance(named.toUpperCase(), device.DeviceId.toUpperCase()) }))
    .filter((c) => c.edits <= TYPO_EDITS)
    .sort((a, b) => a.edits - b.edits)[0];
  const listed = devices.slice(0, LISTED).map(phoneName).join('; ');
  const known = devices.length === 0 ? 'Exchange lists no phone at all for this mailbox.' : `Exchange lists ${devices.length} phone(s) for this mailbox: ${listed}${devices.length > LISTED ? '; …' : ''}.`;
  const meant = closest === undefined ? '' : ` ${phoneName(closest.device)} differs from it by ${closest.edits} character(s): it is probably the phone meant.`;
  const detail = `No phone with the device ID ${named} has a partnership with the mailbox. ${known}${meant}`;
  return {
    check: checkDraft('named-phone', `No phone with the device ID ${named} is known for this mailbox`, 'problem', detail, [EVIDENCE.mobileDevices]),
    finding: { code: 'NAMED_PHONE_NOT_FOUND', confidence: 'high', certainty: 'confirmed', detail, evidence: [{ step: 'devices', object: `device ${named}`, detail: 'Get-MobileDevice: no such partnership' }] },
  };
}
