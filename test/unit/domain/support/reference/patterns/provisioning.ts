/**
 * The detector's walk as it was before it was rewritten for speed (issue 14), kept only as the
 * reference the rewritten one is held to in property tests. What it builds per request or pattern
 * is production's: the walk is what was rewritten.
 */
import type { DeviceTimeline } from '../../../../../../src-main/domain/patterns/device-timeline';
import { make, NOT_PROVISIONABLE_STATUSES, PROVISIONING_DEMANDS, PROVISIONING_LOOP_THRESHOLD } from '../../../../../../src-main/domain/patterns/provisioning';
import { type DevicePattern, maxInWindow } from '../../../../../../src-main/domain/patterns/pattern';

const HOUR = 3_600_000;

/** Provisioning loops, devices that cannot apply the policy, and pending remote wipes. */
export function detectProvisioning(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  const demands = timeline.entries.filter((e) => e.httpStatus === 449 || (e.commandStatus !== undefined && PROVISIONING_DEMANDS.has(e.commandStatus.code)));
  const count = maxInWindow(demands.map((e) => e.requestTime ?? 0), HOUR);
  if (count >= PROVISIONING_LOOP_THRESHOLD) {
    patterns.push(make(timeline, 'provisioning-loop', demands, `Exchange asked the phone to download the security policy again ${demands.length} times (up to ${count} within one hour)`));
  }
  const refused = timeline.entries.filter((e) => e.commandStatus !== undefined && NOT_PROVISIONABLE_STATUSES.has(e.commandStatus.code));
  if (refused.length > 0) {
    const codes = [...new Set(refused.map((e) => `${e.commandStatus?.code} ${e.commandStatus?.name}`))].join(', ');
    patterns.push(make(timeline, 'not-provisionable', refused, `The policy could not be applied (${codes}) in ${refused.length} request(s)`));
  }
  const wipes = timeline.entries.filter((e) => e.remoteWipeRequested || e.commandStatus?.code === 140);
  if (wipes.length > 0) patterns.push(make(timeline, 'remote-wipe', wipes, `Exchange sent a remote wipe order in ${wipes.length} response(s)`));
  return patterns;
}
