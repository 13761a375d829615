import { connect } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHostProcess, type RunningHost } from '../../support/host-process';
import { frame, sendRawFrames } from '../../support/raw-ws';

// The real browser host process (the built bundle) against clients that do not play by the rules.
// Any local process can reach the loopback port, so none of this may end the host.

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    socket.on('error', () => resolve(reply));
    socket.on('close', () => resolve(reply));
    socket.on('connect', () => socket.write(text));
    setTimeout(() => socket.destroy(), 3000);
  });
}

/** Trades the launch URL for the session cookie, as the browser does. */
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

function openSocket(host: RunningHost, cookie: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${host.sessionPath}ipc`, { headers: { Origin: host.origin, Cookie: cookie } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function invoke(ws: WebSocket, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (reply.type === 'result' && reply.id === id) {
        ws.off('message', onMessage);
        resolve(reply.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'invoke', id, channel: 'app:get-info', payload: {} }));
  });
}

describe('browser host against hostile clients', () => {
  let host: RunningHost;
  let cookie: string;
  let bystander: WebSocket;
  let nextId = 1;

  beforeAll(async () => {
    host = await startHostProcess();
    cookie = await sessionCookie(host);
    bystander = await openSocket(host, cookie);
  });
  afterAll(async () => {
    bystander?.terminate();
    await host?.stop();
  });

  async function expectHostServing(): Promise<void> {
    expect(host.isRunning()).toBe(true);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    expect(await invoke(bystander, nextId++)).toMatchObject({ ok: true });
  }

  it('survives an upgrade request whose target is not a valid URL, without a token', async () => {
    const reply = await rawRequest(
      host.port,
      'GET http://a:99999/ipc HTTP/1.1\r\nHost: a:99999\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 (400|403)/);
    await new Promise((r) => setTimeout(r, 200));
    await expectHostServing();
  });

  it('survives a plain request whose target is not a valid URL', async () => {
    const reply = await rawRequest(host.port, `GET http://a:99999/ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 (400|403)/);
    await expectHostServing();
  });

  const text = (s: string) => Buffer.from(s, 'utf8');
  const cases: { name: string; frames: () => Buffer[]; code: number }[] = [
    { name: 'a frame header claiming 50 MB', frames: () => [frame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 50 * 1024 * 1024 })], code: 1009 },
    { name: 'a frame just over the 16 MB limit', frames: () => [frame({ opcode: 1, payload: Buffer.alloc(0), declaredLength: 16 * 1024 * 1024 + 1 })], code: 1009 },
    { name: 'a length past 2^53', frames: () => [frame({ opcode: 2, payload: Buffer.alloc(0), declaredLength: Number.MAX_SAFE_INTEGER + 1 })], code: 1009 },
    { name: 'invalid UTF-8 in a text frame', frames: () => [frame({ opcode: 1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) })], code: 1007 },
    { name: 'an unmasked frame', frames: () => [frame({ opcode: 1, payload: text('{}'), mask: false })], code: 1002 },
    { name: 'a reserved opcode', frames: () => [frame({ opcode: 3, payload: text('x') })], code: 1002 },
    {
      name: 'fragments that add up past the limit',
      frames: () => [
        frame({ opcode: 1, payload: Buffer.alloc(9 * 1024 * 1024, 0x20), fin: false }),
        frame({ opcode: 0, payload: Buffer.alloc(9 * 1024 * 1024, 0x20), fin: true }),
      ],
      code: 1009,
    },
  ];
  for (const c of cases) {
    it(`closes a client that sends ${c.name} with code ${c.code}, and carries on`, async () => {
      const reply = await sendRawFrames({ port: host.port, cookie, path: `${host.sessionPath}ipc` }, c.frames());
      expect(reply.statusLine).toContain(' 101 ');
      expect(reply.closeCode).toBe(c.code);
      await new Promise((r) => setTimeout(r, 100));
      await expectHostServing();
    });
  }
});
