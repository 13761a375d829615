import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostProcess, type RunningHost } from '../../support/host-process';

// The real browser host process, SIGKILLed in the middle of a case (a step running, autosaves
// under way), then started again on the same data folder: the case is there, whole, with every
// step that had finished.
const hosts: RunningHost[] = [];
let dataDir = '';
afterAll(async () => {
  for (const host of hosts) await host.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function sessionCookie(host: RunningHost): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(host.url);
    const req = request({ host: '127.0.0.1', port: host.port, path: url.pathname + url.search, headers: { Host: url.host } }, (res) => {
      res.resume();
      const setCookie = res.headers['set-cookie']?.[0];
      if (!setCookie) return reject(new Error(`no cookie (HTTP ${res.statusCode})`));
      resolve(setCookie.split(';')[0]!);
    });
    req.on('error', reject);
    req.end();
  });
}

async function connect(host: RunningHost) {
  const cookie = await sessionCookie(host);
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${host.sessionPath}ipc`, { headers: { Origin: host.origin, Cookie: cookie } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 1;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- results are read only by assertions
  type Value = any;
  const invoke = (channel: string, payload: unknown) =>
    new Promise<{ ok: boolean; value?: Value; error?: { code: string; message: string } }>((resolve) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: Value };
        if (frame.type === 'result' && frame.id === id) {
          ws.off('message', onMessage);
          resolve(frame.result);
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
    });
  const updates: Array<{ steps: Array<{ id: string; status: string }> }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; channel?: string; payload?: Value };
    if (frame.type === 'event' && frame.channel === 'event:case-updated') updates.push(frame.payload);
  });
  return { ws, invoke, updates };
}

describe('the host process killed mid-case', () => {
  it('loses no finished step and leaves a case that opens again', { timeout: 90_000 }, async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eas-kill-host-'));
    const first = await startHostProcess(['--data-dir', dataDir, '--demo-latency', 'demo']);
    hosts.push(first);
    const a = await connect(first);
    const started = await a.invoke('case:start', {
      subject: { userUpn: 'alex.wilber@contoso.com', symptom: 'no mail since Monday' },
      connection: { kind: 'demo', scenario: 'healthy-iphone' },
    });
    expect(started.ok).toBe(true);
    const caseId = started.value.caseId as string;
    await a.invoke('case:run-step', { caseId, stepId: 'connect' });
    const deadline = Date.now() + 60_000;
    while (!a.updates.some((u) => u.steps.some((s) => s.id === 'connect' && s.status === 'done'))) {
      if (Date.now() > deadline) throw new Error('connect never finished');
      await new Promise((r) => setTimeout(r, 50));
    }
    // Kill while the next step runs (its cmdlets and autosaves in flight).
    void a.invoke('case:run-step', { caseId, stepId: 'mailbox' });
    await new Promise((r) => setTimeout(r, 150));
    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    a.ws.terminate();

    const second = await startHostProcess(['--data-dir', dataDir, '--demo-latency', 'instant']);
    hosts.push(second);
    const b = await connect(second);
    const listed = await b.invoke('cases:list', {});
    expect(listed.ok).toBe(true);
    expect(listed.value.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    const opened = await b.invoke('cases:open', { caseId });
    expect(opened, JSON.stringify(opened.error)).toMatchObject({ ok: true, value: { caseId } });
    const connectStep = opened.value.steps.find((s: { id: string }) => s.id === 'connect');
    expect(connectStep.status).toBe('done');
    b.ws.terminate();
    // The restart swept what the kill left half-written.
    await new Promise((r) => setTimeout(r, 300));
    const left = await readdir(path.join(dataDir, 'cases', caseId), { recursive: true });
    expect(left.filter((name) => String(name).endsWith('.partial'))).toEqual([]);
  });
});
