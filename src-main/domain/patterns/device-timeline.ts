import type { LogEntry, ParseWarning } from '../mailbox-log/entry-model';

/** All entries of one device, oldest first, with the identity the log gives it. */
export interface DeviceTimeline {
  /** Stable key: the DeviceId, or `report-N` when the log never names the device. */
  readonly key: string;
  readonly deviceId?: string;
  readonly deviceType?: string;
  /** The most recent values seen (a phone update changes them mid-log). */
  readonly userAgent?: string;
  readonly protocolVersion?: string;
  readonly entries: readonly LogEntry[];
}

/**
 * Collects parsed entries per device: drops repeats of overlapping exports and sorts by
 * RequestTime, because the store's order is unverified (eas-reference.md §1.1). Entries without a
 * time keep their parse order.
 *
 * A repeat is an entry of the same device with the same Identifier and the same RequestTime as an
 * earlier one (the hex id alone is only "unique enough"); the first read is kept. Repeats are found
 * after sorting, among entries of equal time, rather than through a map of every Identifier: that
 * map was the collector's whole cost on a long log, and sorting happens anyway.
 */
export class TimelineCollector {
  private readonly byDevice = new Map<string, LogEntry[]>();
  /** Per device, the Identifiers already kept on entries without a time (rare: unreadable times). */
  private readonly untimedIds = new Map<string, Set<string>>();
  /** Sequence-number ranges [first, last] of entries whose repeats are expected (see `add`). */
  private readonly expectedOverlap: Array<[number, number]> = [];
  private readonly warningList: ParseWarning[] = [];
  private duplicateCount = 0;
  private settled = true;

  /**
   * `overlapExpected`: the entry comes from a file of Microsoft's collection script, whose
   * successive files repeat each other's entries by design; a repeat is skipped without a note.
   */
  add(entry: LogEntry, overlapExpected = false): void {
    const key = deviceKey(entry);
    if (entry.requestTime === undefined && entry.identifier !== undefined && this.isUntimedRepeat(key, entry.identifier)) {
      if (!overlapExpected) this.duplicateCount++;
      return;
    }
    if (overlapExpected) this.noteExpectedOverlap(entry.seq);
    let list = this.byDevice.get(key);
    if (list === undefined) {
      list = [];
      this.byDevice.set(key, list);
    }
    list.push(entry);
    this.settled = false;
  }

  warn(warning: ParseWarning): void {
    // Keep the list short: the count is what matters past the first few.
    if (this.warningList.length < 200) this.warningList.push(warning);
  }

  get duplicates(): number {
    this.settle();
    return this.duplicateCount;
  }

  get warnings(): readonly ParseWarning[] {
    return this.warningList;
  }

  timelines(): DeviceTimeline[] {
    this.settle();
    const result: DeviceTimeline[] = [];
    for (const [key, entries] of this.byDevice) {
      let userAgent: string | undefined;
      let protocolVersion: string | undefined;
      let deviceType: string | undefined;
      for (const e of entries) {
        userAgent = e.userAgent ?? userAgent;
        protocolVersion = e.protocolVersion ?? protocolVersion;
        deviceType = e.deviceType ?? deviceType;
      }
      const deviceId = entries.find((e) => e.deviceId !== undefined)?.deviceId;
      result.push({ key, deviceId, deviceType, userAgent, protocolVersion, entries });
    }
    return result.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Sorts every device's entries and drops the repeats; idempotent until the next `add`. */
  private settle(): void {
    if (this.settled) return;
    for (const [key, entries] of this.byDevice) {
      const sorted = sortByTime(entries);
      this.dropTimedRepeats(sorted);
      this.byDevice.set(key, sorted);
    }
    this.settled = true;
  }

  /**
   * In a time-sorted list, the repeats of an entry sit in its run of equal RequestTime (entries
   * without a time may sit among them), after it: the sort keeps read order within a time.
   */
  private dropTimedRepeats(entries: LogEntry[]): void {
    let kept = 0;
    let runTime: number | undefined;
    const run = new RunIdentifiers();
    for (const entry of entries) {
      const time = entry.requestTime;
      if (time !== undefined && entry.identifier !== undefined) {
        if (time !== runTime) {
          runTime = time;
          run.clear();
        } else if (run.has(entry.identifier)) {
          if (!this.isExpectedOverlap(entry.seq)) this.duplicateCount++;
          continue;
        }
        run.add(entry.identifier);
      } else if (time !== undefined && time !== runTime) {
        runTime = time;
        run.clear();
      }
      entries[kept++] = entry;
    }
    entries.length = kept;
  }

  private isUntimedRepeat(key: string, identifier: string): boolean {
    let ids = this.untimedIds.get(key);
    if (ids === undefined) {
      ids = new Set();
      this.untimedIds.set(key, ids);
    }
    if (ids.has(identifier)) return true;
    ids.add(identifier);
    return false;
  }

  private noteExpectedOverlap(seq: number): void {
    const last = this.expectedOverlap[this.expectedOverlap.length - 1];
    if (last !== undefined && last[1] === seq - 1) last[1] = seq;
    else this.expectedOverlap.push([seq, seq]);
  }

  private isExpectedOverlap(seq: number): boolean {
    return this.expectedOverlap.some(([first, last]) => seq >= first && seq <= last);
  }
}

/**
 * The Identifiers kept in one run of equal time: a short list, as runs almost always are, that
 * turns into a set when a log gives many entries one time (a quadratic scan would hang there).
 */
class RunIdentifiers {
  private readonly list: string[] = [];
  private set: Set<string> | undefined;

  clear(): void {
    this.list.length = 0;
    this.set = undefined;
  }

  has(identifier: string): boolean {
    return this.set !== undefined ? this.set.has(identifier) : this.list.includes(identifier);
  }

  add(identifier: string): void {
    if (this.set !== undefined) this.set.add(identifier);
    else if (this.list.length < 16) this.list.push(identifier);
    else this.set = new Set([...this.list, identifier]);
  }
}

/**
 * Oldest first, read order within a time. An entry without a time stays after the entry read
 * before it (it sorts at that entry's time), so the order is total and keeps parse order for it.
 */
function sortByTime(entries: LogEntry[]): LogEntry[] {
  if (entries.every((e) => e.requestTime !== undefined)) return entries.sort(byTime);
  let carried = Number.NEGATIVE_INFINITY;
  const keyed = entries.map((entry) => {
    carried = entry.requestTime ?? carried;
    return { entry, time: carried };
  });
  keyed.sort((a, b) => a.time - b.time || a.entry.seq - b.entry.seq);
  return keyed.map((k) => k.entry);
}

function deviceKey(entry: LogEntry): string {
  return entry.deviceId ?? `report-${entry.reportIndex + 1}`;
}

/** For lists where every entry has a time. */
function byTime(a: LogEntry, b: LogEntry): number {
  return (a.requestTime as number) - (b.requestTime as number) || a.seq - b.seq;
}
