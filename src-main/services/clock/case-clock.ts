import type { CaseClockSnapshot } from '../../shared/models/clock';
import { wallClockMs } from './wall-clock';

/**
 * "Now" for one case. The tenant a case runs against owns it: a real tenant lives on the machine's
 * clock, the demo tenant on its scenario's, and a saved case is judged at the time its evidence
 * was captured, so a review months later reads the same as the live case did.
 */
export interface CaseClock {
  readonly kind: CaseClockSnapshot['kind'];
  /** Tenant milliseconds per wall-clock millisecond: 1 for a real tenant, 0 for a saved case. */
  readonly speed: number;
  nowMs(): number;
  now(): Date;
}

/** A real tenant's clock. */
export const wallCaseClock: CaseClock = {
  kind: 'wall',
  speed: 1,
  nowMs: wallClockMs,
  now: () => new Date(wallClockMs()),
};

/**
 * The demo tenant's clock: at `anchorWallMs` it reads the scenario's `now`, and it runs `speed`
 * times faster than the wall clock. The simulated shell gets the same anchor, so the wizard and
 * the tenant it talks to agree to the millisecond.
 */
export class ScenarioClock implements CaseClock {
  readonly kind = 'scenario' as const;
  private readonly origin: number;

  constructor(
    scenarioNow: string,
    readonly speed: number,
    readonly anchorWallMs: number = wallClockMs(),
  ) {
    this.origin = Date.parse(scenarioNow);
    if (Number.isNaN(this.origin)) throw new Error(`The scenario clock needs an ISO date, not "${scenarioNow}".`);
    if (!(speed > 0)) throw new Error('The scenario clock speed must be a positive number.');
  }

  nowMs(): number {
    return this.origin + (wallClockMs() - this.anchorWallMs) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}

/** A saved case's clock: stopped at the moment its evidence was last captured. */
export function capturedCaseClock(capturedAt: string): CaseClock {
  const at = Date.parse(capturedAt);
  if (Number.isNaN(at)) throw new Error(`A saved case's capture time must be an ISO date, not "${capturedAt}".`);
  return { kind: 'captured', speed: 0, nowMs: () => at, now: () => new Date(at) };
}

/** What the renderer needs to run the case's clock forward between updates. */
export function snapshotOf(clock: CaseClock): CaseClockSnapshot {
  return { kind: clock.kind, now: clock.now().toISOString(), speed: clock.speed };
}
