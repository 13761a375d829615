import WebSocket from 'ws';
import type { BrowserHost } from '../../src-main/host/browser-host';

export interface HostSocketOptions {
  origin?: string;
  host?: string;
  cookie?: string | null;
}

/** Opens the host's IPC WebSocket the way the renderer does (cookie + own Origin), unless told otherwise. */
export function openHostSocket(host: BrowserHost, options: HostSocketOptions = {}): Promise<WebSocket> {
  const headers: Record<string, string> = {
    Origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    Host: options.host ?? `127.0.0.1:${host.port}`,
  };
  const cookie = options.cookie === undefined ? `${host.cookieName}=${host.token}` : options.cookie;
  if (cookie !== null) headers.Cookie = cookie;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${host.sessionPath}ipc`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends one invoke frame and waits for its result. */
export function invokeOverSocket(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (frame.type === 'result' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
  });
}

export function nextEvent(ws: WebSocket): Promise<{ channel: string; payload: unknown }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { type: string; channel: string; payload: unknown };
      if (frame.type === 'event') {
        ws.off('message', onMessage);
        resolve({ channel: frame.channel, payload: frame.payload });
      }
    };
    ws.on('message', onMessage);
  });
}
