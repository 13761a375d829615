import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-main/domain/mailbox-log/entry-model';
import { TimelineCollector } from '../../../src-main/domain/patterns/device-timeline';

/** The fields the collector reads; the rest of an entry does not matter to it. */
interface Read {
  seq: number;
  deviceId?: string;
  identifier?: string;
  requestTime?: number;
  overlapExpected: boolean;
}

function entry(read: Read): LogEntry {
  return { seq: read.seq, deviceId: read.deviceId, identifier: read.identifier, requestTime: read.requestTime, reportIndex: 0 } as unknown as LogEntry;
}

function collect(reads: readonly Read[]): TimelineCollector {
  const collector = new TimelineCollector();
  for (const read of reads) collector.add(entry(read), read.overlapExpected);
  return collector;
}

function seqs(collector: TimelineCollector): Record<string, number[]> {
  return Object.fromEntries(collector.timelines().map((t) => [t.key, t.entries.map((e) => e.seq)]));
}

/**
 * The rule, written the slow and plain way: an entry repeats an earlier read of the same device,
 * Identifier and RequestTime (no time counts as one value); the rest sort by time, an entry
 * without a time at the time of the device's entry read before it (repeat or not), then in read
 * order.
 */
function expected(reads: readonly Read[]): { timelines: Record<string, number[]>; duplicates: number } {
  const kept: Read[] = [];
  const sortTime = new Map<number, number>();
  const carried = new Map<string, number>();
  let duplicates = 0;
  for (const read of reads) {
    const key = read.deviceId ?? 'report-1';
    if (read.requestTime !== undefined) carried.set(key, read.requestTime);
    sortTime.set(read.seq, carried.get(key) ?? Number.NEGATIVE_INFINITY);
    const repeat = read.identifier !== undefined && kept.some((k) => (k.deviceId ?? 'report-1') === key && k.identifier === read.identifier && k.requestTime === read.requestTime);
    if (repeat) {
      if (!read.overlapExpected) duplicates++;
    } else kept.push(read);
  }
  const timelines: Record<string, number[]> = {};
  for (const key of [...new Set(kept.map((k) => k.deviceId ?? 'report-1'))].sort()) {
    const own = kept.filter((k) => (k.deviceId ?? 'report-1') === key).map((k) => ({ k, time: sortTime.get(k.seq) as number }));
    own.sort((a, b) => a.time - b.time || a.k.seq - b.k.seq);
    timelines[key] = own.map((o) => o.k.seq);
  }
  return { timelines, duplicates };
}

describe('TimelineCollector', () => {
  it('keeps the first read of a repeated entry and counts the repeat', () => {
    const collector = collect([
      { seq: 1, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
      { seq: 2, deviceId: 'A', identifier: '0002', requestTime: 2000, overlapExpected: false },
      { seq: 3, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
    ]);
    expect(seqs(collector)).toEqual({ A: [1, 2] });
    expect(collector.duplicates).toBe(1);
  });

  it('keeps the same Identifier at another time, or on another device', () => {
    const collector = collect([
      { seq: 1, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
      { seq: 2, deviceId: 'A', identifier: '0001', requestTime: 5000, overlapExpected: false },
      { seq: 3, deviceId: 'B', identifier: '0001', requestTime: 1000, overlapExpected: false },
    ]);
    expect(seqs(collector)).toEqual({ A: [1, 2], B: [3] });
    expect(collector.duplicates).toBe(0);
  });

  it('does not count a repeat the collection script makes by design', () => {
    const collector = collect([
      { seq: 1, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: true },
      { seq: 2, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: true },
      { seq: 3, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
    ]);
    expect(seqs(collector)).toEqual({ A: [1] });
    expect(collector.duplicates).toBe(1);
  });

  it('finds a repeat across an entry without a time read between the two', () => {
    const collector = collect([
      { seq: 1, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
      { seq: 2, deviceId: 'A', identifier: '0009', overlapExpected: false },
      { seq: 3, deviceId: 'A', identifier: '0001', requestTime: 1000, overlapExpected: false },
    ]);
    expect(seqs(collector)).toEqual({ A: [1, 2] });
    expect(collector.duplicates).toBe(1);
  });

  it('keeps an entry without a time after the entry read before it', () => {
    const collector = collect([
      { seq: 1, deviceId: 'A', identifier: '0001', requestTime: 5000, overlapExpected: false },
      { seq: 2, deviceId: 'A', identifier: '0002', overlapExpected: false },
      { seq: 3, deviceId: 'A', identifier: '0003', requestTime: 1000, overlapExpected: false },
    ]);
    expect(seqs(collector)).toEqual({ A: [3, 1, 2] });
  });

  it('handles many entries of one time without repeating work per pair', () => {
    const reads: Read[] = [];
    for (let i = 0; i < 40_000; i++) reads.push({ seq: i + 1, deviceId: 'A', identifier: (i % 20_000).toString(16), requestTime: 1000, overlapExpected: false });
    const collector = collect(reads);
    expect(collector.timelines()[0]?.entries).toHaveLength(20_000);
    expect(collector.duplicates).toBe(20_000);
  });

  it('settles again after more entries arrive', () => {
    const collector = collect([{ seq: 1, deviceId: 'A', identifier: '0001', requestTime: 2000, overlapExpected: false }]);
    expect(seqs(collector)).toEqual({ A: [1] });
    collector.add(entry({ seq: 2, deviceId: 'A', identifier: '0001', requestTime: 2000, overlapExpected: false }));
    collector.add(entry({ seq: 3, deviceId: 'A', identifier: '0002', requestTime: 1000, overlapExpected: false }));
    expect(seqs(collector)).toEqual({ A: [3, 1] });
    expect(collector.duplicates).toBe(1);
  });

  it('follows the plain rule on any mix of devices, times, repeats and missing fields', () => {
    const read = fc.record({
      deviceId: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
      identifier: fc.option(fc.constantFrom('01', '02', '03', '04'), { nil: undefined }),
      requestTime: fc.option(fc.integer({ min: 0, max: 4 }).map((t) => t * 1000), { nil: undefined, freq: 4 }),
      overlapExpected: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(read, { maxLength: 40 }), (drawn) => {
        const reads = drawn.map((r, i) => ({ ...r, seq: i + 1 }));
        const collector = collect(reads);
        const want = expected(reads);
        expect(seqs(collector)).toEqual(want.timelines);
        expect(collector.duplicates).toBe(want.duplicates);
      }),
      { numRuns: 400 },
    );
  });
});
