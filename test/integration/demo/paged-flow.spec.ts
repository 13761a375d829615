import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ScenarioClock } from '../../../src-main/services/clock/case-clock';
import { loadScenario } from '../../../src-main/services/demo/scenario/scenario-loader';
import { ExchangeSession } from '../../../src-main/services/demo/shell/exchange-session';
import { PROTOCOL_PREFIX, serveProtocol } from '../../../src-main/services/demo/shell/protocol-server';
import { TenantState } from '../../../src-main/services/demo/shell/tenant-state';
import { demoConnectParams } from './demo-shell-launch';

/**
 * A client at the other end of a slow pipe: each write is accepted only a few milliseconds later,
 * as when the reader is still busy with the last page. It answers every page with "more" and
 * counts how many pages sat written but not yet accepted at once.
 */
function slowClient(input: PassThrough) {
  const seen = { lines: [] as string[], pagesWaitingMost: 0 };
  let pagesWaiting = 0;
  let partial = '';
  const output = new Writable({
    highWaterMark: 1024,
    writev(chunks, done) {
      const text = partial + chunks.map((c) => String(c.chunk)).join('');
      const lines = text.split('\n');
      partial = lines.pop()!;
      const pages = lines.filter((l) => l.startsWith(`${PROTOCOL_PREFIX}{"type":"page"`)).length;
      pagesWaiting += pages;
      seen.pagesWaitingMost = Math.max(seen.pagesWaitingMost, pagesWaiting);
      setTimeout(() => {
        pagesWaiting -= pages;
        for (const line of lines) {
          seen.lines.push(line);
          const message = JSON.parse(line.slice(PROTOCOL_PREFIX.length)) as { type: string; id?: string };
          if (message.type === 'page') input.write(`${JSON.stringify({ type: 'more', id: message.id })}\n`);
        }
        done();
      }, 3);
    },
  });
  return { output, seen };
}

describe('the simulated shell paging into a slow pipe', () => {
  it('writes the next page only once the last has gone to the client, whatever the window', async () => {
    const scenario = loadScenario('large-tenant');
    const state = new TenantState(scenario, new ScenarioClock(scenario.clock.now, 1));
    const input = new PassThrough();
    const { output, seen } = slowClient(input);
    const served = serveProtocol({ input, output, session: new ExchangeSession(state, 'instant'), moduleVersion: '3.9.2' });

    input.write(`${JSON.stringify({ id: 'c', cmdlet: 'Connect-ExchangeOnline', params: await demoConnectParams('large-tenant') })}\n`);
    input.write(`${JSON.stringify({ id: 'l', cmdlet: 'Get-MobileDevice', params: { ResultSize: '50' }, page: { size: 10, window: 4 } })}\n`);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (seen.lines.some((l) => l.includes('"type":"response","id":"l"'))) resolve(clearInterval(check));
      }, 5);
    });
    input.end();
    await served;

    const pages = seen.lines.filter((l) => l.includes('"type":"page"'));
    expect(pages).toHaveLength(5);
    // A window lets pages go unanswered, not pile up in the shell: a page the client has not taken
    // yet holds back the next one, so the client can read one page while the shell makes the next.
    expect(seen.pagesWaitingMost).toBe(1);
  }, 60_000);
});
