import type { LogEntry } from '../mailbox-log/entry-model';

/** What a run of log entries shows about one device. */
export type PatternKind =
  | 'blocked'
  | 'quarantined'
  | 'not-compliant'
  | 'not-enrolled'
  | 'auto-blocked'
  | 'eas-disabled'
  | 'no-mailbox'
  | 'account-disabled'
  | 'old-protocol'
  | 'provisioning-loop'
  | 'not-provisionable'
  | 'remote-wipe'
  | 'sync-key-loop'
  | 'sync-key-reset'
  | 'folder-hierarchy-loop'
  | 'throttled'
  | 'server-errors'
  | 'quota'
  | 'too-many-folders'
  | 'redirect'
  | 'send-failed'
  | 'item-errors'
  | 'max-devices'
  | 'sync-state-locked'
  | 'refused'
  | 'healthy';

/** One detected pattern, with the entries (1-based `seq`) that show it. */
export interface DevicePattern {
  readonly kind: PatternKind;
  readonly deviceKey: string;
  readonly deviceId?: string;
  /** A one-line account in tier-1 words, with the figures. */
  readonly summary: string;
  readonly entries: readonly number[];
  readonly from?: number;
  readonly to?: number;
  /** False when the problem stopped before the end of the log (later entries look fine). */
  readonly ongoing: boolean;
  /** Milder than the finding's usual severity, when this log shows the problem is not what stops the phone. */
  readonly severity?: 'warning' | 'info';
}

/** At most this many entry numbers are cited per pattern; the summary carries the full count. */
export const MAX_CITED_ENTRIES = 20;

/** Cites the first and last few entries of a long list. */
export function citeEntries(entries: readonly LogEntry[]): number[] {
  if (entries.length <= MAX_CITED_ENTRIES) return entries.map((e) => e.seq);
  const half = MAX_CITED_ENTRIES / 2;
  return [...entries.slice(0, half), ...entries.slice(-half)].map((e) => e.seq);
}

/** Largest number of events inside any window of `windowMs` (events sorted by time). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) > windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * Where the last answered request of a timeline sits: a request still pending at its end (usually
 * the last Ping on Direct Push, facts F29) has no answer yet. -1 when nothing was answered.
 */
export function lastAnsweredIndex(entries: readonly LogEntry[]): number {
  let i = entries.length - 1;
  while (i >= 0 && (entries[i] as LogEntry).pending) i--;
  return i;
}

/** "05/14/2024 10:15 UTC" style text for summaries. */
export function when(time: number | undefined): string {
  if (time === undefined) return 'an unknown time';
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
