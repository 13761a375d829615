import { HTTP_STATUS_MEANING } from '../../domain/eas/http-status';
import type { LogEntry } from '../../domain/mailbox-log/entry-model';
import type { LogEntryDetail, LogEntryRow } from '../../shared/models/wizard';

const BUCKETS = 48;

/**
 * Exchange answered the request but kept the phone's mail from it: quarantined or blocked (the
 * AccessState header, or status 129). HTTP says 200, yet the phone got no mail, so such a request
 * must never be counted or coloured as a success.
 */
export function heldBack(entry: LogEntry): 'quarantined' | 'blocked' | undefined {
  if (entry.accessState === 'Quarantined') return 'quarantined';
  if (entry.accessState === 'Blocked' || entry.commandStatus?.code === 129) return 'blocked';
  return undefined;
}

/** How one request went for the phone, for colour: HTTP errors, error statuses and held-back requests are errors, throttling a warning. */
export function entryOutcome(entry: LogEntry): LogEntryRow['outcome'] {
  if (heldBack(entry) !== undefined) return 'error';
  const status = entry.commandStatus?.code;
  if (entry.httpStatus !== undefined && entry.httpStatus >= 400) return 'error';
  if (status !== undefined && status !== 1 && status >= 100) return 'error';
  if (entry.easHeaders.throttleReason || entry.easHeaders.backOff || entry.easHeaders.retryAfterSeconds !== undefined) return 'warning';
  if (status !== undefined && status > 1) return 'warning';
  if (entry.collectionStatuses.some((s) => s.code > 1) || entry.itemStatuses.some((s) => s.code > 1)) return 'warning';
  return 'ok';
}

// The same words as the findings ("The device is in quarantine", "Exchange blocks this device").
const HELD_WORDS = { quarantined: 'In quarantine: no mail', blocked: 'Blocked by Exchange: no mail', none: '' } as const;

export function toRow(entry: LogEntry): LogEntryRow {
  const status = entry.commandStatus;
  return {
    seq: entry.seq,
    ...(entry.requestTime !== undefined ? { requestTime: new Date(entry.requestTime).toISOString() } : {}),
    ...(entry.command ? { command: entry.command } : {}),
    ...(entry.httpStatus !== undefined ? { httpStatus: entry.httpStatus } : {}),
    ...(status ? { status: `${status.code} ${status.name}` } : {}),
    outcome: entryOutcome(entry),
    ...(entry.roundTripMs !== undefined ? { roundTripMs: entry.roundTripMs } : {}),
    // What the phone got leads, so a narrow column still shows it.
    summary: [HELD_WORDS[heldBack(entry) ?? 'none'], entry.command ?? 'Request', entry.httpStatus !== undefined ? `HTTP ${entry.httpStatus}` : '', status ? `status ${status.code} (${status.name})` : '']
      .filter(Boolean)
      .join(' · '),
  };
}

export function toDetail(entry: LogEntry): LogEntryDetail {
  const statuses = [entry.commandStatus, ...entry.collectionStatuses, ...entry.itemStatuses, ...entry.policyStatuses]
    .filter((s) => s !== undefined)
    .map((s) => ({ scope: s.scope, code: s.code, name: s.name, meaning: s.meaning }));
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.easHeaders)) if (value !== undefined) headers[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return { ...toRow(entry), statuses, request: describeRequest(entry), response: describeResponse(entry), headers };
}

// The parser keeps fields, not bodies (a 200 MB log must not sit in memory twice); the full text
// of the entry is in the raw mailbox-log evidence, one click away.
function describeRequest(entry: LogEntry): string {
  return [
    `${entry.method ?? 'POST'} ${entry.command ?? '(unknown command)'}`,
    entry.protocolVersion && `MS-ASProtocolVersion: ${entry.protocolVersion}`,
    entry.userAgent && `User-Agent: ${entry.userAgent}`,
    entry.policyKey && `X-MS-PolicyKey: ${entry.policyKey}`,
    entry.folderSyncKey?.request !== undefined && `FolderSync SyncKey: ${entry.folderSyncKey.request}`,
    ...entry.syncKeys.map((k) => `Collection ${k.collectionId}: SyncKey ${k.requestSyncKey ?? '(none)'}`),
    entry.requestBodyEmpty && '(empty request body)',
  ]
    .filter(Boolean)
    .join('\n');
}

function describeResponse(entry: LogEntry): string {
  return [
    entry.httpStatus !== undefined &&
      `HTTP ${entry.httpStatus}${entry.httpReason ? ` ${entry.httpReason}` : ''}${HTTP_STATUS_MEANING[entry.httpStatus] ? ` — ${HTTP_STATUS_MEANING[entry.httpStatus]}` : ''}`,
    entry.accessState && `AccessState: ${entry.accessState}${entry.accessStateReason ? ` (${entry.accessStateReason})` : ''}`,
    entry.folderSyncKey?.response !== undefined && `FolderSync SyncKey: ${entry.folderSyncKey.response}`,
    ...entry.syncKeys.map((k) => `Collection ${k.collectionId}: SyncKey ${k.responseSyncKey ?? '(none)'}${k.status !== undefined ? `, Status ${k.status}` : ''}`),
    entry.remoteWipeRequested && 'Remote wipe requested',
    ...entry.exceptions.map((e) => `${e.section}: ${e.summary}`),
    entry.pending && '(still waiting for its answer when the log was pulled: normal for a Ping on Direct Push)',
    !entry.complete && !entry.pending && '(the entry was cut off: no response was logged)',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Requests over the log's time span in equal buckets, counted by outcome, for the timeline chart. */
export function timelineBuckets(
  entries: readonly LogEntry[],
): Array<{ start: string; ok: number; warning: number; error: number; held: number }> {
  const timed = entries.filter((e) => e.requestTime !== undefined);
  if (timed.length === 0) return [];
  const first = timed[0]!.requestTime!;
  const last = timed[timed.length - 1]!.requestTime!;
  const width = Math.max(1, Math.ceil((last - first + 1) / BUCKETS));
  const buckets = Array.from({ length: Math.min(BUCKETS, Math.ceil((last - first + 1) / width)) }, (_, i) => ({
    start: new Date(first + i * width).toISOString(),
    ok: 0,
    warning: 0,
    error: 0,
    held: 0,
  }));
  for (const entry of timed) {
    const bucket = buckets[Math.min(buckets.length - 1, Math.floor((entry.requestTime! - first) / width))]!;
    bucket[heldBack(entry) !== undefined ? 'held' : entryOutcome(entry)]++;
  }
  return buckets;
}
