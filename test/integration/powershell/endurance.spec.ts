import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PowerShellSession } from '../../../src-main/services/powershell/powershell-session';
import { connectStub, processFootprint, stubSession } from './session-fixture';

// Bounds for 1,000 requests after warm-up. Measured here: the first ~1,000 requests grow the
// engine by ~10 MB (JIT, tiered compilation, heap sizing), then it plateaus (+1 MB, then +0.1 MB
// per further 1,000). A leak of 20 KB per request would break the bound; a handle leak of one
// per request would add 1,000 descriptors.
const MAX_RSS_GROWTH_BYTES = 20 * 1024 * 1024;
const MAX_FD_GROWTH = 8;

describe('PowerShellSession endurance over the real pwsh host', () => {
  let session: PowerShellSession;
  beforeAll(async () => {
    session = stubSession({ requestTimeoutMs: 30_000 });
    await connectStub(session);
  });
  afterAll(async () => session?.dispose());

  it(
    'serves 1,000 sequential requests without growth in memory or handles',
    { timeout: 300_000 },
    async () => {
      const enginePid = session.hostInfo?.pid as number;
      const launcherPid = session.pid as number;
      const runBatch = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const result =
            i % 2 === 0
              ? await session.request('Host.Ping')
              : await session.request('Get-CASMailbox', {
                  Identity: 'alex@contoso.com',
                  ActiveSyncDebugLogging: true,
                });
          expect(result.data).toHaveLength(1);
        }
      };
      await runBatch(600);
      const before = processFootprint(enginePid);
      const launcherBefore = processFootprint(launcherPid);
      await runBatch(1_000);
      const after = processFootprint(enginePid);
      const launcherAfter = processFootprint(launcherPid);
      console.log(
        `engine pid ${enginePid}: rss ${before.rssBytes} -> ${after.rssBytes}, fds ${before.fds} -> ${after.fds}`,
      );
      expect(session.hostInfo?.pid).toBe(enginePid);
      expect(after.rssBytes - before.rssBytes).toBeLessThan(MAX_RSS_GROWTH_BYTES);
      expect(after.fds - before.fds).toBeLessThanOrEqual(MAX_FD_GROWTH);
      expect(launcherAfter.fds - launcherBefore.fds).toBeLessThanOrEqual(MAX_FD_GROWTH);
    },
  );
});
