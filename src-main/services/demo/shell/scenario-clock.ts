/**
 * The tenant's clock: it starts at the scenario's `now` and runs `speed` times faster than the
 * wall clock, so a test can let 48 hours of debug logging lapse in a second.
 */
export class ScenarioClock {
  private readonly startedAt = Date.now();
  private readonly origin: number;

  constructor(
    now: string,
    private readonly speed: number,
  ) {
    this.origin = Date.parse(now);
  }

  nowMs(): number {
    return this.origin + (Date.now() - this.startedAt) * this.speed;
  }
}

/** Exchange's JSON dates: ISO 8601 UTC with seven fractional digits and Z. */
export function exchangeDate(value: string | number | null): string | null {
  if (value === null) return null;
  const iso = new Date(value).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000Z`;
}
