import type { DeviceLogView } from '../../src-main/shared/models/wizard';

type Bucket = DeviceLogView['timeline'][number];
export type SegmentKind = 'ok' | 'warning' | 'error';

export interface TimelineBar {
  start: string;
  x: number;
  width: number;
  total: number;
  /** Stacked bottom-up: errors first so they are never hidden under a tall green bar. */
  segments: Array<{ kind: SegmentKind; count: number; y: number; height: number }>;
}

/**
 * Lays out the per-device timeline as stacked bars in a `width` × `height` box. Heights scale to
 * the busiest bucket; a non-empty segment is at least 2 px high so a single error stays visible.
 */
export function layoutTimeline(buckets: readonly Bucket[], width: number, height: number): TimelineBar[] {
  if (buckets.length === 0) return [];
  const max = Math.max(1, ...buckets.map((b) => b.ok + b.warning + b.error));
  const slot = width / buckets.length;
  const gap = slot > 4 ? 1 : 0;
  return buckets.map((bucket, index) => {
    let bottom = height;
    const segments: TimelineBar['segments'] = [];
    for (const kind of ['error', 'warning', 'ok'] as const) {
      const count = bucket[kind];
      if (count === 0) continue;
      const h = Math.max(2, (count / max) * height);
      bottom -= h;
      segments.push({ kind, count, y: Math.max(0, bottom), height: h });
    }
    return {
      start: bucket.start,
      x: index * slot,
      width: Math.max(1, slot - gap),
      total: bucket.ok + bucket.warning + bucket.error,
      segments,
    };
  });
}

/** One sentence describing the whole chart, for its accessible name. */
export function describeTimeline(log: DeviceLogView): string {
  const sum = (k: SegmentKind) => log.timeline.reduce((n, b) => n + b[k], 0);
  return `${log.entryCount} requests${log.firstRequest ? ` from ${log.firstRequest}` : ''}${
    log.lastRequest ? ` to ${log.lastRequest}` : ''
  }: ${sum('ok')} succeeded, ${sum('warning')} with warnings, ${sum('error')} failed.`;
}
