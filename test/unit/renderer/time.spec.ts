import { describe, expect, it } from 'vitest';
import { caseTimeAt, formatCountdown, formatDuration, formatElapsed } from '../../../src-renderer/logic/time';

describe('time formatting', () => {
  it('shows durations in the two units that matter', () => {
    expect(formatDuration(8_400)).toBe('8 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_780_000)).toBe('1 h 03 min');
  });

  it('measures a running step against now and a finished one against its end', () => {
    const now = Date.parse('2026-11-26T09:00:30Z');
    expect(formatElapsed('2026-11-26T09:00:00Z', undefined, now)).toBe('30 s');
    expect(formatElapsed('2026-11-26T09:00:00Z', '2026-11-26T09:00:04Z', now)).toBe('4 s');
    expect(formatElapsed(undefined, undefined, now)).toBe('');
  });

  it('counts down the 48-hour debug-logging window and says when it has ended', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    expect(formatCountdown('2026-11-28T08:30:00Z', now)).toEqual({
      text: '47 h 30 min left before Exchange turns it off.',
      expired: false,
    });
    expect(formatCountdown('2026-11-26T08:59:00Z', now).expired).toBe(true);
  });

  it('runs the case clock on from its snapshot: scenario speed, real time, or standing still', () => {
    const received = 5_000_000;
    const later = received + 60_000;
    const at = '2026-11-26T09:00:00.000Z';
    expect(new Date(caseTimeAt({ kind: 'scenario', now: at, speed: 60 }, received, later)).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(new Date(caseTimeAt({ kind: 'wall', now: at, speed: 1 }, received, later)).toISOString()).toBe('2026-11-26T09:01:00.000Z');
    expect(new Date(caseTimeAt({ kind: 'captured', now: at, speed: 0 }, received, later)).toISOString()).toBe(at);
    // A wall clock read before the snapshot arrived never runs the case backwards.
    expect(new Date(caseTimeAt({ kind: 'wall', now: at, speed: 1 }, received, received - 9_000)).toISOString()).toBe(at);
  });
});
