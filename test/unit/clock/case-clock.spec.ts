import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturedCaseClock, ScenarioClock, snapshotOf, wallCaseClock } from '../../../src-main/services/clock/case-clock';

// The wall clock is moved with vitest's fake Date, so these tests mean the same on any date.
afterEach(() => vi.useRealTimers());

describe('case clocks', () => {
  it('a scenario clock reads the scenario time at its anchor and runs at its speed', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2031-07-01T00:00:00Z') });
    const clock = new ScenarioClock('2026-11-26T09:00:00.000Z', 60);
    expect(clock.now().toISOString()).toBe('2026-11-26T09:00:00.000Z');
    vi.setSystemTime(Date.parse('2031-07-01T00:00:10Z'));
    // Ten wall seconds at speed 60 are ten scenario minutes.
    expect(clock.now().toISOString()).toBe('2026-11-26T09:10:00.000Z');
    expect(snapshotOf(clock)).toEqual({ kind: 'scenario', now: '2026-11-26T09:10:00.000Z', speed: 60 });
  });

  it('two scenario clocks with one anchor agree, whenever the second one is made', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const wizard = new ScenarioClock('2026-11-26T09:00:00Z', 3600);
    vi.setSystemTime(1_000_000 + 1500);
    const shell = new ScenarioClock('2026-11-26T09:00:00Z', 3600, wizard.anchorWallMs);
    expect(shell.nowMs()).toBe(wizard.nowMs());
    expect(new ScenarioClock('2026-11-26T09:00:00Z', 3600).nowMs()).toBeLessThan(wizard.nowMs());
  });

  it('a saved case stands still at its capture time', () => {
    const clock = capturedCaseClock('2026-09-30T12:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2027-12-31T00:00:00Z') });
    expect(clock.now().toISOString()).toBe('2026-09-30T12:00:00.000Z');
    expect(snapshotOf(clock)).toEqual({ kind: 'captured', now: '2026-09-30T12:00:00.000Z', speed: 0 });
  });

  it('a real tenant lives on the wall clock', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2029-02-03T04:05:06Z') });
    expect(wallCaseClock.now().toISOString()).toBe('2029-02-03T04:05:06.000Z');
  });

  it('refuses a scenario time or speed that would make every answer wrong', () => {
    expect(() => new ScenarioClock('yesterday', 1)).toThrow(/ISO date/);
    expect(() => new ScenarioClock('2026-11-26T09:00:00Z', 0)).toThrow(/positive/);
    expect(() => capturedCaseClock('')).toThrow(/ISO date/);
  });
});
