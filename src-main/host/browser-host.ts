import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-hub';
import { UploadTooLargeError, type UploadReceiver } from '../services/cases/upload-inbox';
import { resolveStaticFile } from '../services/static-files';
import { fail } from '../shared/ipc/result';
import { SECURITY_HEADERS } from '../shared/security/csp';
import { randomBytes } from 'node:crypto';
import { allowedHosts, allowedOrigins, LaunchCodes, newHostToken, readCookie, sessionCookieName, tokensMatch } from './host-auth';
import { parseClientFrame, type ServerFrame } from './ws-messages';

export interface BrowserHostOptions {
  rendererDir: string;
  dispatcher: Dispatcher;
  events: EventHub;
  /** Takes bundle uploads (POST /uploads/bundle); without it uploads are refused. */
  uploads?: UploadReceiver;
  /** 0 (default) picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  port: number;
  /** The session token: the cookie's value. Never put in a URL. */
  token: string;
  /** This launch's random path: everything is served under it, and the cookie is bound to it. */
  sessionPath: string;
  /** The session cookie's name (it carries the port). */
  cookieName: string;
  /** The first launch URL: opening it trades its one-time code for the session cookie. */
  url: string;
  /** A fresh one-time launch URL (another browser, or the first link was used up). */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

/** Below the session path. */
export const IPC_PATH = 'ipc';
export const UPLOAD_PATH = 'uploads/bundle';
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Serves the built renderer and the IPC contract on 127.0.0.1 for a plain browser, so the whole
 * UI runs without Electron. Every request must carry the per-launch token (first as `?token=`,
 * then as an HttpOnly SameSite=Strict cookie) and a loopback Host header; the WebSocket also
 * needs our own Origin.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? newHostToken();
  const sessionPath = `/s/${randomBytes(16).toString('base64url')}/`;
  const codes = new LaunchCodes();
  let port = 0;
  let cookieName = '';
  const server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts(port).has(request.headers.host ?? '')) return send(response, 403, 'Host not allowed');
    const url = parseTarget(request.url, port);
    if (url === null) return send(response, 400, 'Bad request target');
    // Nothing lives outside this launch's path: a guessed or stale URL learns nothing.
    if (!url.pathname.startsWith(sessionPath)) return send(response, 404, 'Not found');
    const code = url.searchParams.get('code');
    if (code !== null) {
      if (!codes.redeem(code)) {
        return send(response, 401, 'This link has been used already or is too old. Ask the app for a new one.');
      }
      url.searchParams.delete('code');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: url.pathname + url.search,
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=${sessionPath}`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    if (!tokensMatch(token, readCookie(request.headers.cookie, cookieName))) {
      return send(response, 401, 'Missing or invalid token');
    }
    const inner = url.pathname.slice(sessionPath.length);
    if (inner === UPLOAD_PATH) return handleUpload(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
    const file = await resolveStaticFile(options.rendererDir, `/${inner}`);
    if (file === null) return send(response, 404, 'Not found');
    const body = await readFile(file.filePath);
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /**
   * The browser version's stand-in for a file dialog: the page POSTs the file's bytes and gets a
   * one-time id for `cases:import`. Needs the cookie (checked above) and our own Origin, so
   * another site cannot push files in (SameSite=Strict already keeps the cookie off its requests).
   */
  async function handleUpload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed');
    if (!allowedOrigins(port).has(request.headers.origin ?? '')) return send(response, 403, 'Origin not allowed');
    if (options.uploads === undefined) return send(response, 404, 'Not found');
    try {
      const uploadId = await options.uploads.receive(request);
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ uploadId }));
    } catch (error) {
      if (error instanceof UploadTooLargeError) {
        send(response, 413, 'The file is too large to be a case bundle.');
        request.destroy();
        return;
      }
      throw error;
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => {});
  server.on('upgrade', (request, socket, head) => {
    // Anything the client sends before the handshake is untrusted: a reset socket or a throw
    // here would otherwise end the whole process, token or not.
    socket.on('error', () => socket.destroy());
    try {
      const url = parseTarget(request.url, port);
      const refused =
        url === null ||
        url.pathname !== sessionPath + IPC_PATH ||
        !allowedHosts(port).has(request.headers.host ?? '') ||
        !allowedOrigins(port).has(request.headers.origin ?? '') ||
        !tokensMatch(token, readCookie(request.headers.cookie, cookieName));
      if (refused) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => serveClient(ws));
    } catch {
      socket.destroy();
    }
  });

  const clients = new Set<WebSocket>();
  const detachEvents = options.events.attach((channel, payload) => {
    const frame = JSON.stringify({ type: 'event', channel, payload } satisfies ServerFrame);
    for (const ws of clients) ws.send(frame);
  });

  function serveClient(ws: WebSocket): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // A protocol error (oversized or unmasked frame, invalid UTF-8, bad opcode) is emitted here
    // after ws has already sent the matching close code (1002/1007/1009); without a listener the
    // error would be thrown and end the host for every other client. ws finishes the closing
    // handshake itself (and destroys the socket if the client never answers).
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data) => {
      const frame = parseClientFrame(data.toString());
      if (frame === null) {
        ws.close(1008, 'Malformed frame');
        return;
      }
      const { id, channel, payload } = frame;
      void options.dispatcher
        .dispatch(channel, payload)
        .catch(() => fail('INTERNAL', 'Dispatch failed'))
        .then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, result } satisfies ServerFrame));
        });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = sessionCookieName(port);
  const newLaunchUrl = () => `http://127.0.0.1:${port}${sessionPath}?code=${codes.issue()}`;

  return {
    port,
    token,
    sessionPath,
    cookieName,
    url: newLaunchUrl(),
    newLaunchUrl,
    close: async () => {
      detachEvents();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reads a request target. Only the origin form (`/path?query`) is ours; an absolute or malformed
 * target (`http://a:99999/ipc`) is refused rather than parsed, since `new URL` throws on it.
 */
function parseTarget(raw: string | undefined, port: number): URL | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** Every answer carries the security headers: an error page is a page too. */
function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
