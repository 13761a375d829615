import type { IpcTransport } from '../../src-main/shared/ipc/api';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The renderer's transport when it runs in a plain browser against the loopback browser host:
 * one WebSocket to `ipc` beside the page, on its own origin (the session cookie authenticates it). Calls
 * made while the socket is connecting are queued; a dropped socket fails the calls in flight
 * and reconnects.
 */
export function createHostTransport(location: Location): IpcTransport {
  // The host serves everything under this launch's own path (its session cookie is bound to it).
  const base = location.pathname.replace(/[^/]*$/, '');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}ipc`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (opened !== null) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => {
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('message', (message) => onFrame(String(message.data)));
      ws.addEventListener('close', () => {
        socket = null;
        opened = null;
        for (const call of pending.values()) call.reject(new Error('The connection to the app was lost.'));
        pending.clear();
        reject(new Error('Could not connect to the app.'));
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => {}), 1000);
      });
    });
    return opened;
  }

  function onFrame(text: string): void {
    let frame: { type?: string; id?: number; result?: unknown; channel?: string; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'result' && typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      pending.delete(frame.id);
      call?.resolve(frame.result);
    } else if (frame.type === 'event' && typeof frame.channel === 'string') {
      for (const listener of listeners.get(frame.channel) ?? []) listener(frame.payload);
    }
  }

  return {
    async invoke(channel, request) {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, payload: request }));
      });
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      void connect().catch(() => {});
      return () => {
        set.delete(listener);
      };
    },
  };
}
