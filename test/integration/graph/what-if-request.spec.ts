import { describe, expect, it } from 'vitest';
import { buildWhatIfRequest } from '../../../src-main/services/graph/collectors/what-if-request';
import {
  parseRetryAfter,
  retryDelayMs,
  DEFAULT_RETRY_POLICY,
} from '../../../src-main/services/graph/retry-policy';

describe('buildWhatIfRequest', () => {
  it('builds the 2025 body for Exchange Online by app id, never the pre-2025 keys', () => {
    const body = buildWhatIfRequest({
      userId: 'b1f0c2d4-7e3a-4f6b-9c8d-2a1e3f4b5c61',
      clientAppType: 'exchangeActiveSync',
      devicePlatform: 'iOS',
      ipAddress: '198.51.100.7',
    });
    expect(body).toEqual({
      signInIdentity: {
        '@odata.type': '#microsoft.graph.userSignIn',
        userId: 'b1f0c2d4-7e3a-4f6b-9c8d-2a1e3f4b5c61',
      },
      signInContext: {
        '@odata.type': '#microsoft.graph.applicationContext',
        includeApplications: ['00000002-0000-0ff1-ce00-000000000000'],
      },
      signInConditions: {
        clientAppType: 'exchangeActiveSync',
        devicePlatform: 'iOS',
        ipAddress: '198.51.100.7',
      },
      appliedPoliciesOnly: false,
    });
    const text = JSON.stringify(body);
    for (const old of ['conditionalAccessWhatIfSubject', 'conditionalAccessContext', 'userSubject']) {
      expect(text).not.toContain(old);
    }
  });
});

describe('Retry-After handling', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('never waits less than Retry-After and spreads retries with jitter', () => {
    const delays = [0, 0.5, 0.999].map((r) => retryDelayMs(DEFAULT_RETRY_POLICY, 0, 10_000, () => r));
    expect(delays[0]).toBe(10_000);
    expect(new Set(delays).size).toBe(3);
    for (const d of delays) expect(d!).toBeGreaterThanOrEqual(10_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 0, 61_000, () => 0)).toBeUndefined();
  });
});
