/**
 * The detector's walk in its plain form (lists and filters), kept only as the reference the
 * one-pass rewrite (issue 14) is held to in property tests. The per-request predicates are
 * production's: the walk is what was rewritten.
 */
import type { LogEntry } from '../../../../../../src-main/domain/mailbox-log/entry-model';
import type { DeviceTimeline } from '../../../../../../src-main/domain/patterns/device-timeline';
import type { DevicePattern } from '../../../../../../src-main/domain/patterns/pattern';
import { healthyPattern, isFailure, isHealthy, wentThrough } from '../../../../../../src-main/domain/patterns/health';

/**
 * Normal push and sync cycles: Ping answered 1 (no changes) or 2 (changes; a long pending round
 * trip is normal), Sync/FolderSync answered with success, and the empty Sync answer (no changes).
 * Whether the device counts as healthy overall is decided by the diagnosis, which also sees the
 * problems.
 */
export function detectHealthyCycles(timeline: DeviceTimeline): DevicePattern[] {
  const good = timeline.entries.filter(isHealthy);
  if (good.length === 0) return [];
  return [healthyPattern(timeline, good, good.filter((e) => e.command === 'Ping').length, healthyAtTheEnd(timeline.entries))];
}

/**
 * Healthy now: the last answered request went through (a pending request at the end, usually the
 * last Ping, is not an answer yet: facts F29; a sync or push wait must be a normal one, while a
 * sent mail or a settings call only must not have failed), and if anything failed, a sync went
 * through after the last failure, so a log whose requests end in errors never reads as healthy.
 */
function healthyAtTheEnd(entries: readonly LogEntry[]): boolean {
  const answered = entries.filter((e) => !e.pending);
  const lastAnswer = answered[answered.length - 1];
  if (lastAnswer === undefined || !wentThrough(lastAnswer)) return false;
  let lastFailure = -1;
  answered.forEach((e, i) => {
    if (isFailure(e)) lastFailure = i;
  });
  return lastFailure < 0 || answered.slice(lastFailure + 1).some((e) => e.command !== 'Ping' && isHealthy(e));
}
