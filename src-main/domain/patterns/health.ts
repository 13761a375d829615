import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, when } from './pattern';

/**
 * Normal push and sync cycles: Ping answered 1 (no changes) or 2 (changes; a long pending round
 * trip is normal), Sync/FolderSync answered with success. Whether the device counts as healthy
 * overall is decided by the diagnosis, which also sees the problems.
 */
export function detectHealthyCycles(timeline: DeviceTimeline): DevicePattern[] {
  const good = timeline.entries.filter(isHealthy);
  if (good.length === 0) return [];
  const pings = good.filter((e) => e.command === 'Ping').length;
  const syncs = good.length - pings;
  const last = good[good.length - 1] as LogEntry;
  return [{
    kind: 'healthy',
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${syncs} successful sync(s) and ${pings} normal push wait(s); last at ${when(last.requestTime)}.`,
    entries: citeEntries(good),
    from: good[0]?.requestTime,
    to: last.requestTime,
    ongoing: last === timeline.entries[timeline.entries.length - 1],
  }];
}

function isHealthy(e: LogEntry): boolean {
  if (e.httpStatus !== 200 || e.accessState === 'Blocked' || e.accessState === 'Quarantined') return false;
  if (e.command === 'Ping') return e.commandStatus?.code === 1 || e.commandStatus?.code === 2;
  if (e.command === 'Sync') return e.commandStatus === undefined && e.collectionStatuses.length > 0 && e.collectionStatuses.every((s) => s.code === 1);
  if (e.command === 'FolderSync') return e.commandStatus?.code === 1;
  return false;
}
