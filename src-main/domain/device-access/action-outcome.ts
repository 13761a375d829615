import type { WizardActionKind } from '../../shared/models/action-kinds';
import type { ActionSituation } from './action-guard';
import { listHolds, sameName } from './exchange-names';

/** What the case knew before an action and after the re-read: Exchange's answers and the findings' titles. */
export interface OutcomeSnapshot {
  situation: ActionSituation;
  /** Titles of the findings about the action's target (its phone, or the mailbox), by code. */
  findings: ReadonlyArray<{ code: string; title: string }>;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * The audit's account of what an action changed, read back from Exchange after it ran (not what
 * the app meant to do): the lists and the phone's state before → after, and whether the findings
 * it was meant to fix are gone. Exchange decides a phone's state again on its next request
 * (facts F26), so a state that has not moved yet is said as such.
 */
export function describeActionOutcome(kind: WizardActionKind, deviceId: string | undefined, before: OutcomeSnapshot, after: OutcomeSnapshot): string {
  // Debug logging has its own read-back (the Debug logging step shows it).
  if (kind === 'enable-debug-logging' || kind === 'disable-debug-logging') return '';
  const parts: string[] = [];
  if (kind === 'remove-device' && deviceId !== undefined) {
    // Remove-MobileDevice: the partnership is gone or it is not, and the count says how far from the limit.
    const gone = !after.situation.devices.some((d) => sameName(d.deviceId, deviceId));
    parts.push(
      `Read back: Get-MobileDevice lists ${before.situation.devices.length} → ${after.situation.devices.length} partnerships; ${gone ? `the phone ${deviceId} is no longer listed` : `the phone ${deviceId} is still listed`}.`,
    );
  } else if (deviceId !== undefined) {
    const was = before.situation.devices.find((d) => sameName(d.deviceId, deviceId));
    const now = after.situation.devices.find((d) => sameName(d.deviceId, deviceId));
    const mailboxBefore = before.situation.mailbox;
    const mailboxAfter = after.situation.mailbox;
    if (mailboxAfter !== null) {
      parts.push(
        `Read back: on the allowed list ${yesNo(listHolds(mailboxBefore?.allowedDeviceIds, deviceId))} → ${yesNo(listHolds(mailboxAfter.allowedDeviceIds, deviceId))}, on the blocked list ${yesNo(listHolds(mailboxBefore?.blockedDeviceIds, deviceId))} → ${yesNo(listHolds(mailboxAfter.blockedDeviceIds, deviceId))}.`,
      );
    } else parts.push('The mailbox lists could not be read back.');
    const state = (d: typeof was) => (d === undefined ? 'unknown' : `${d.accessState ?? 'unknown'}${d.accessStateReason != null ? ` (${String(d.accessStateReason)})` : ''}`);
    if (now === undefined) parts.push('The phone is no longer listed by Get-MobileDevice.');
    else if (state(was) === state(now)) parts.push(`DeviceAccessState is still ${state(now)}: Exchange decides again on the phone's next request.`);
    else parts.push(`DeviceAccessState ${state(was)} → ${state(now)}.`);
  } else if (kind === 'enable-activesync') {
    const enabled = (s: OutcomeSnapshot) => (s.situation.mailbox === null ? 'unknown' : String(s.situation.mailbox.activeSyncEnabled));
    parts.push(`Read back: ActiveSyncEnabled ${enabled(before)} → ${enabled(after)}.`);
  }
  const afterCodes = new Set(after.findings.map((f) => f.code));
  const gone = before.findings.filter((f) => !afterCodes.has(f.code));
  const still = before.findings.filter((f) => afterCodes.has(f.code));
  if (gone.length > 0) parts.push(`Gone after re-checking: ${gone.map((f) => f.title).join('; ')}.`);
  if (still.length > 0) parts.push(`Still found: ${still.map((f) => f.title).join('; ')}.`);
  const nowAllowed = deviceId !== undefined && after.situation.devices.some((d) => sameName(d.deviceId, deviceId) && (d.accessState ?? '').toLowerCase() === 'allowed');
  if (still.length > 0 && nowAllowed) {
    // The log keeps the refusals it recorded; only the phone's next request can show the change.
    parts.push('Exchange now allows the phone; what is still found comes from the requests logged before the change. Ask the user to open Mail and pull to refresh, then fetch the log again.');
  }
  return parts.join(' ');
}
