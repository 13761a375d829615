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
 * Collects parsed entries per device: deduplicates overlapping exports by Identifier (plus device
 * and time, since the hex id is only "unique enough") and sorts by RequestTime, because the store's
 * order is unverified (eas-reference.md §1.1). Entries without a time keep their parse order.
 */
export class TimelineCollector {
  private readonly byDevice = new Map<string, LogEntry[]>();
  /**
   * Per device: Identifier → the last entry kept with it (its RequestTime is what is compared), to
   * skip overlapping exports. The entry, not its time, is stored: a time is a number V8 boxes anew.
   */
  private readonly seen = new Map<string, Map<string, LogEntry>>();
  private readonly warningList: ParseWarning[] = [];
  private duplicateCount = 0;

  /**
   * `overlapExpected`: the entry comes from a file of Microsoft's collection script, whose
   * successive files repeat each other's entries by design; a repeat is skipped without a note.
   */
  add(entry: LogEntry, overlapExpected = false): void {
    const key = deviceKey(entry);
    if (entry.identifier !== undefined) {
      let ids = this.seen.get(key);
      if (ids === undefined) {
        ids = new Map();
        this.seen.set(key, ids);
      }
      const seen = ids.get(entry.identifier);
      if (seen !== undefined && seen.requestTime === entry.requestTime) {
        if (!overlapExpected) this.duplicateCount++;
        return;
      }
      ids.set(entry.identifier, entry);
    }
    let list = this.byDevice.get(key);
    if (list === undefined) {
      list = [];
      this.byDevice.set(key, list);
    }
    list.push(entry);
  }

  warn(warning: ParseWarning): void {
    // Keep the list short: the count is what matters past the first few.
    if (this.warningList.length < 200) this.warningList.push(warning);
  }

  get duplicates(): number {
    return this.duplicateCount;
  }

  get warnings(): readonly ParseWarning[] {
    return this.warningList;
  }

  timelines(): DeviceTimeline[] {
    const result: DeviceTimeline[] = [];
    for (const [key, entries] of this.byDevice) {
      entries.sort(byTime);
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
}

function deviceKey(entry: LogEntry): string {
  return entry.deviceId ?? `report-${entry.reportIndex + 1}`;
}

function byTime(a: LogEntry, b: LogEntry): number {
  if (a.requestTime !== undefined && b.requestTime !== undefined && a.requestTime !== b.requestTime) {
    return a.requestTime - b.requestTime;
  }
  return a.seq - b.seq;
}
