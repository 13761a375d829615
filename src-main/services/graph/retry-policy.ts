/**
 * When and how long to wait before retrying a throttled or briefly unavailable Graph request.
 * Graph sends `Retry-After` in seconds on 429; 503/504 may carry it too, sometimes as an HTTP date.
 */

/** Statuses Graph documents as transient. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export interface RetryPolicy {
  /** Retries after the first attempt; the call fails with a throttled error after these. */
  maxRetries: number;
  /** First back-off when Graph gives no Retry-After; doubles each retry. */
  baseDelayMs: number;
  /** Longest single wait. A Retry-After beyond it fails fast instead of freezing the wizard. */
  maxDelayMs: number;
  /** Extra random wait, as a fraction of the delay, so parallel collectors do not retry in lockstep. */
  jitterRatio: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  jitterRatio: 0.2,
};

/**
 * Reads Retry-After as seconds (`"7"`, `"0.5"`) or as an HTTP date. Returns milliseconds, or
 * undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `retry` (0-based). Honours Retry-After as a floor (never retries
 * earlier than Graph asked) and adds jitter on top; without it, exponential back-off with jitter.
 * Returns undefined when the wait would exceed `maxDelayMs`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  const base = retryAfterMs ?? policy.baseDelayMs * 2 ** retry;
  if (base > policy.maxDelayMs) return undefined;
  const jitter =
    base === 0 ? random() * policy.jitterRatio * policy.baseDelayMs : random() * policy.jitterRatio * base;
  return Math.min(policy.maxDelayMs, Math.round(base + jitter));
}
