/**
 * The one place in src-main that reads the machine's clock. Case logic never calls it: it asks the
 * case's clock, which the connection owns (this clock for a real tenant, the scenario's for the
 * demo). Named uses are file stamps, timeouts and how long a step has been running.
 */
export function wallClockMs(): number {
  return Date.now();
}

export function wallClockNow(): Date {
  return new Date(wallClockMs());
}
