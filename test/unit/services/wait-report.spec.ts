import { describe, expect, it } from 'vitest';
import { GraphClient } from '../../../src-main/services/graph/graph-client';
import { describeWait, reportingWaits, type WaitNotice } from '../../../src-main/services/progress/wait-report';

/** Graph that throttles the first `busy` calls with Retry-After, then answers. */
function busyGraph(busy: number) {
  let calls = 0;
  return {
    fetch: async () => {
      calls++;
      if (calls <= busy) return new Response('{"error":{"code":"TooManyRequests"}}', { status: 429, headers: { 'retry-after': '5' } });
      return new Response('{"value":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
}

describe('waits shown on the step that made the call', () => {
  it('reports each Graph retry with its wait and attempt to the work that made it', async () => {
    const slept: number[] = [];
    const client = new GraphClient({
      baseUrl: 'http://127.0.0.1:9',
      fetch: busyGraph(2).fetch,
      getToken: async () => 'token',
      random: () => 0,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    const seen: WaitNotice[] = [];
    const other: WaitNotice[] = [];
    await Promise.all([
      reportingWaits((n) => seen.push(n), () => client.getAll('identity/conditionalAccess/policies')),
      // A step running beside it hears nothing of the other step's waits.
      reportingWaits((n) => other.push(n), async () => undefined),
    ]);
    expect(seen.map((n) => [n.attempt, n.maxAttempts])).toEqual([
      [2, 5],
      [3, 5],
    ]);
    expect(seen.map((n) => n.waitMs)).toEqual(slept);
    expect(seen[0]!.waitMs).toBeGreaterThanOrEqual(5_000);
    expect(other).toEqual([]);
    expect(describeWait(seen[0]!)).toBe('Microsoft Graph asked us to wait: retrying in 5 s (attempt 2 of 5).');
  });

  it('is silent when nobody listens', async () => {
    const client = new GraphClient({ baseUrl: 'http://127.0.0.1:9', fetch: busyGraph(1).fetch, getToken: async () => 't', random: () => 0, sleep: async () => {} });
    await expect(client.getAll('users')).resolves.toEqual([]);
  });
});
