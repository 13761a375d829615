import { describe, expect, it } from 'vitest';
import type { DeviceLogView } from '../../../src-main/shared/models/wizard';
import { describeTimeline, layoutTimeline, TIMELINE_LEGEND } from '../../../src-renderer/logic/timeline';

const log = (timeline: DeviceLogView['timeline']): DeviceLogView => ({
  deviceId: 'SEC1',
  entryCount: timeline.reduce((n, b) => n + b.ok + b.warning + b.error + (b.held ?? 0), 0),
  timeline,
  patterns: [],
});

describe('the log timeline', () => {
  it('draws quarantined requests as their own segment, never as a success', () => {
    const [bar] = layoutTimeline([{ start: '2026-12-04T10:00:00Z', ok: 0, warning: 0, error: 0, held: 5 }], 900, 120);
    expect(bar!.segments.map((s) => s.kind)).toEqual(['held']);
    expect(bar!.total).toBe(5);
    expect(TIMELINE_LEGEND.held).toBe('In quarantine or blocked: no mail');
    expect(Object.values(TIMELINE_LEGEND)).not.toContain('Succeeded');
  });

  it('stacks failures and held-back requests under the successes and scales to the busiest bucket', () => {
    const bars = layoutTimeline(
      [
        { start: 'a', ok: 2, warning: 0, error: 1, held: 1 },
        { start: 'b', ok: 1, warning: 0, error: 0 },
      ],
      900,
      120,
    );
    expect(bars[0]!.segments.map((s) => s.kind)).toEqual(['error', 'held', 'ok']);
    expect(bars[0]!.segments.reduce((h, s) => h + s.height, 0)).toBeCloseTo(120);
    expect(bars[1]!.segments[0]!.height).toBeCloseTo(30);
  });

  it('says in words how many requests got no mail', () => {
    expect(describeTimeline(log([{ start: 'a', ok: 1, warning: 0, error: 0, held: 3 }]))).toBe(
      '4 requests: 1 got mail, 0 with warnings, 3 in quarantine or blocked (no mail), 0 failed.',
    );
    // A view from an older main process has no `held` count at all.
    expect(describeTimeline(log([{ start: 'a', ok: 2, warning: 1, error: 0 }]))).toBe('3 requests: 2 got mail, 1 with warnings, 0 failed.');
  });
});
