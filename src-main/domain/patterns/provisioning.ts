import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, maxInWindow, type PatternKind, when } from './pattern';

/** Three "provision again" demands within an hour make a loop; one now and then is a normal policy refresh. */
export const PROVISIONING_LOOP_THRESHOLD = 3;
const HOUR = 3_600_000;
/** Statuses that ask the phone to provision again (DeviceNotProvisioned, PolicyRefresh, InvalidPolicyKey). */
export const PROVISIONING_DEMANDS: ReadonlySet<number> = new Set([142, 143, 144]);
/** Statuses that say the phone cannot meet the policy. */
export const NOT_PROVISIONABLE_STATUSES: ReadonlySet<number> = new Set([139, 141, 145]);

/** Provisioning loops, devices that cannot apply the policy, and pending remote wipes. */
export function detectProvisioning(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  // One pass for the three lists (a long log has hundreds of thousands of entries).
  const demands: LogEntry[] = [];
  const refused: LogEntry[] = [];
  const wipes: LogEntry[] = [];
  for (const e of timeline.entries) {
    const code = e.commandStatus?.code;
    if (e.httpStatus === 449 || (code !== undefined && PROVISIONING_DEMANDS.has(code))) demands.push(e);
    if (code !== undefined && NOT_PROVISIONABLE_STATUSES.has(code)) refused.push(e);
    if (e.remoteWipeRequested || code === 140) wipes.push(e);
  }
  const count = maxInWindow(demands.map((e) => e.requestTime ?? 0), HOUR);
  if (count >= PROVISIONING_LOOP_THRESHOLD) {
    patterns.push(make(timeline, 'provisioning-loop', demands, `Exchange asked the phone to download the security policy again ${demands.length} times (up to ${count} within one hour)`));
  }
  if (refused.length > 0) {
    const codes = [...new Set(refused.map((e) => `${e.commandStatus?.code} ${e.commandStatus?.name}`))].join(', ');
    patterns.push(make(timeline, 'not-provisionable', refused, `The policy could not be applied (${codes}) in ${refused.length} request(s)`));
  }
  if (wipes.length > 0) patterns.push(make(timeline, 'remote-wipe', wipes, `Exchange sent a remote wipe order in ${wipes.length} response(s)`));
  return patterns;
}

/** One provisioning pattern over its entries (exported for the reference walk in tests). */
export function make(timeline: DeviceTimeline, kind: PatternKind, entries: LogEntry[], text: string): DevicePattern {
  const first = entries[0] as LogEntry;
  const last = entries[entries.length - 1] as LogEntry;
  return {
    kind,
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${text}, first at ${when(first.requestTime)}, last at ${when(last.requestTime)}.`,
    entries: citeEntries(entries),
    from: first.requestTime,
    to: last.requestTime,
    ongoing: last === timeline.entries[timeline.entries.length - 1],
  };
}
