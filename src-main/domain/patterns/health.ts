import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, lastAnsweredIndex, when } from './pattern';

/**
 * Normal push and sync cycles: Ping answered 1 (no changes) or 2 (changes; a long pending round
 * trip is normal), Sync/FolderSync answered with success, and the empty Sync answer (no changes).
 * Whether the device counts as healthy overall is decided by the diagnosis, which also sees the
 * problems.
 */
export function detectHealthyCycles(timeline: DeviceTimeline): DevicePattern[] {
  // One pass, no intermediate lists: a long log is mostly healthy entries.
  const good: LogEntry[] = [];
  let pings = 0;
  for (const e of timeline.entries) {
    if (!isHealthy(e)) continue;
    good.push(e);
    if (e.command === 'Ping') pings++;
  }
  if (good.length === 0) return [];
  return [healthyPattern(timeline, good, pings, healthyAtTheEnd(timeline.entries))];
}

/** The healthy pattern over the normal answers (in order), `pings` of them push waits. */
export function healthyPattern(timeline: DeviceTimeline, good: readonly LogEntry[], pings: number, ongoing: boolean): DevicePattern {
  const last = good[good.length - 1] as LogEntry;
  return {
    kind: 'healthy',
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${good.length - pings} successful sync(s) and ${pings} normal push wait(s); last at ${when(last.requestTime)}.`,
    entries: citeEntries(good),
    from: good[0]?.requestTime,
    to: last.requestTime,
    ongoing,
  };
}

/**
 * Healthy now: the last answered request went through (a pending request at the end, usually the
 * last Ping, is not an answer yet: facts F29; a sync or push wait must be a normal one, while a
 * sent mail or a settings call only must not have failed), and if anything failed, a sync went
 * through after the last failure, so a log whose requests end in errors never reads as healthy.
 */
function healthyAtTheEnd(entries: readonly LogEntry[]): boolean {
  const lastAnswered = lastAnsweredIndex(entries);
  if (lastAnswered < 0 || !wentThrough(entries[lastAnswered] as LogEntry)) return false;
  // Walking back over the answered requests: a good sync (not a Ping) before any failure means a
  // sync went through after the last failure; a failure first means none did. (No entry is both.)
  for (let i = lastAnswered; i >= 0; i--) {
    const e = entries[i] as LogEntry;
    if (e.pending) continue;
    if (isFailure(e)) return false;
    if (e.command !== 'Ping' && isHealthy(e)) return true;
  }
  return true;
}

/** Sync commands must have answered normally; any other command only must not have failed. */
export function wentThrough(e: LogEntry): boolean {
  if (SYNC_CYCLE_COMMANDS.has(e.command ?? '')) return isHealthy(e);
  return !isFailure(e) && e.accessState !== 'Blocked' && e.accessState !== 'Quarantined';
}

/** The commands whose normal answer `isHealthy` knows. */
const SYNC_CYCLE_COMMANDS: ReadonlySet<string> = new Set(['Sync', 'FolderSync', 'Ping']);

/** A request Exchange refused or failed (HTTP error, or a global status 100+). */
export function isFailure(e: LogEntry): boolean {
  return (e.httpStatus !== undefined && e.httpStatus >= 400) || (e.commandStatus !== undefined && e.commandStatus.code >= 100);
}

/** Exchange answered the request normally: a Sync, FolderSync or Ping that went through. */
export function isHealthy(e: LogEntry): boolean {
  if (e.httpStatus !== 200 || e.accessState === 'Blocked' || e.accessState === 'Quarantined') return false;
  if (e.command === 'Ping') return e.commandStatus?.code === 1 || e.commandStatus?.code === 2;
  if (e.command === 'Sync') return e.commandStatus === undefined && (isEmptySyncAnswer(e) || (e.collectionStatuses.length > 0 && e.collectionStatuses.every((s) => s.code === 1)));
  if (e.command === 'FolderSync') return e.commandStatus?.code === 1;
  return false;
}

/**
 * MS-ASCMD 2.2.1.21.2: a Sync answered with HTTP 200 and no XML at all means "no changes on the
 * server". Phones that push with Sync + HeartbeatInterval/Wait instead of Ping get one after
 * every quiet wait, so a log of them is a healthy log.
 */
function isEmptySyncAnswer(e: LogEntry): boolean {
  return !e.pending && !e.responseBodyPresent && e.collectionStatuses.length === 0;
}
