import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, maxInWindow, when } from './pattern';

/** Three resets of one folder make a loop; fewer are ordinary recovery. */
export const SYNC_KEY_LOOP_THRESHOLD = 3;
/** Three "folder list changed" answers within an hour make a loop. */
export const HIERARCHY_LOOP_THRESHOLD = 3;
const HOUR = 3_600_000;

const HIERARCHY = 'folder list';
const NO_KEYS: readonly never[] = [];

/**
 * Sync-key trouble per folder. An event is Exchange rejecting the key (Sync collection Status 3,
 * FolderSync Status 9) or the phone dropping back to SyncKey 0 on its own after it had a real key.
 * The first SyncKey 0 of a folder is the normal initial sync and never counts.
 */
export function detectSyncKeyProblems(timeline: DeviceTimeline): DevicePattern[] {
  const lastKey = new Map<string, string>();
  const rejectedLast = new Set<string>();
  const events = new Map<string, LogEntry[]>();
  const record = (folder: string, entry: LogEntry): void => {
    const list = events.get(folder) ?? [];
    if (list[list.length - 1] !== entry) list.push(entry);
    events.set(folder, list);
  };
  for (const entry of timeline.entries) {
    const keys = entry.command === 'FolderSync' && entry.folderSyncKey !== undefined
      ? [{ collectionId: HIERARCHY, requestSyncKey: entry.folderSyncKey.request, responseSyncKey: entry.folderSyncKey.response, status: entry.commandStatus?.code }]
      : entry.command === 'Sync' ? entry.syncKeys : NO_KEYS;
    const rejectCode = entry.command === 'FolderSync' ? 9 : 3;
    for (const k of keys) {
      const folder = k.collectionId;
      if (k.requestSyncKey === '0' && (lastKey.get(folder) ?? '0') !== '0' && !rejectedLast.has(folder)) record(folder, entry);
      if (k.status === rejectCode) {
        record(folder, entry);
        rejectedLast.add(folder);
      } else if (k.requestSyncKey !== undefined) rejectedLast.delete(folder);
      const next = k.responseSyncKey ?? k.requestSyncKey;
      if (next !== undefined) lastKey.set(folder, next);
    }
  }
  const patterns: DevicePattern[] = [];
  for (const [folder, list] of events) {
    const name = folder === HIERARCHY ? 'the folder list' : `folder ${folder}`;
    const loop = list.length >= SYNC_KEY_LOOP_THRESHOLD;
    const first = list[0] as LogEntry;
    const last = list[list.length - 1] as LogEntry;
    patterns.push({
      kind: loop ? 'sync-key-loop' : 'sync-key-reset',
      deviceKey: timeline.key,
      deviceId: timeline.deviceId,
      summary: loop
        ? `The sync of ${name} was reset ${list.length} times between ${when(first.requestTime)} and ${when(last.requestTime)}.`
        : `The sync of ${name} was reset ${list.length === 1 ? 'once' : `${list.length} times`} (${when(first.requestTime)}).`,
      entries: citeEntries(list),
      from: first.requestTime,
      to: last.requestTime,
      ongoing: last === timeline.entries[timeline.entries.length - 1],
    });
  }
  return patterns;
}

/** Sync Status 12 / Ping Status 7 ("folder list changed, run FolderSync") coming back again and again. */
export function detectHierarchyLoop(timeline: DeviceTimeline): DevicePattern[] {
  const hits = timeline.entries.filter(
    (e) =>
      (e.command === 'Sync' && (e.commandStatus?.code === 12 || e.collectionStatuses.some((s) => s.code === 12))) ||
      (e.command === 'Ping' && e.commandStatus?.code === 7),
  );
  const times = hits.map((e) => e.requestTime ?? 0);
  if (maxInWindow(times, HOUR) < HIERARCHY_LOOP_THRESHOLD) return [];
  const first = hits[0] as LogEntry;
  const last = hits[hits.length - 1] as LogEntry;
  return [{
    kind: 'folder-hierarchy-loop',
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `Exchange said the folder list changed ${hits.length} times between ${when(first.requestTime)} and ${when(last.requestTime)}.`,
    entries: citeEntries(hits),
    from: first.requestTime,
    to: last.requestTime,
    ongoing: true,
  }];
}
