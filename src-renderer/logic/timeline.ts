import type { DeviceLogView } from '../../src-main/shared/models/wizard';

type Bucket = DeviceLogView['timeline'][number];
/** What the phone got: its mail, mail with warnings, nothing because Exchange held it back, or a failure. */
export type SegmentKind = 'ok' | 'warning' | 'held' | 'error';

/**
 * Legend words, in the findings' language ("The device is in quarantine", "Exchange blocks this
 * device"): a quarantined request is HTTP 200 but the phone got no mail, so it is never "Succeeded".
 */
export const TIMELINE_LEGEND: Record<SegmentKind, string> = {
  ok: 'Got its mail',
  warning: 'Slowed down or partly failed',
  held: 'In quarantine or blocked: no mail',
  error: 'Failed',
};

const count = (bucket: Bucket, kind: SegmentKind): number => (kind === 'held' ? (bucket.held ?? 0) : bucket[kind]);
const totalOf = (bucket: Bucket): number => bucket.ok + bucket.warning + bucket.error + (bucket.held ?? 0);

export interface TimelineBar {
  start: string;
  x: number;
  width: number;
  total: number;
  /** Stacked bottom-up: errors and held-back requests first so they are never hidden under a tall green bar. */
  segments: Array<{ kind: SegmentKind; count: number; y: number; height: number }>;
}

/**
 * Lays out the per-device timeline as stacked bars in a `width` × `height` box. Heights scale to
 * the busiest bucket; a non-empty segment is at least 2 px high so a single error stays visible.
 */
export function layoutTimeline(buckets: readonly Bucket[], width: number, height: number): TimelineBar[] {
  if (buckets.length === 0) return [];
  const max = Math.max(1, ...buckets.map(totalOf));
  const slot = width / buckets.length;
  const gap = slot > 4 ? 1 : 0;
  return buckets.map((bucket, index) => {
    let bottom = height;
    const segments: TimelineBar['segments'] = [];
    for (const kind of ['error', 'held', 'warning', 'ok'] as const) {
      const n = count(bucket, kind);
      if (n === 0) continue;
      const h = Math.max(2, (n / max) * height);
      bottom -= h;
      segments.push({ kind, count: n, y: Math.max(0, bottom), height: h });
    }
    return {
      start: bucket.start,
      x: index * slot,
      width: Math.max(1, slot - gap),
      total: totalOf(bucket),
      segments,
    };
  });
}

/** One sentence describing the whole chart, for its accessible name. */
export function describeTimeline(log: DeviceLogView): string {
  const sum = (k: SegmentKind) => log.timeline.reduce((n, b) => n + count(b, k), 0);
  const held = sum('held');
  return `${log.entryCount} requests${log.firstRequest ? ` from ${log.firstRequest}` : ''}${
    log.lastRequest ? ` to ${log.lastRequest}` : ''
  }: ${sum('ok')} got mail, ${sum('warning')} with warnings, ${
    held > 0 ? `${held} in quarantine or blocked (no mail), ` : ''
  }${sum('error')} failed.`;
}
