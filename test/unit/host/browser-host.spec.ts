import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createTestBackend } from '../../support/test-backend';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shared/security/csp';
import { invokeOverSocket, nextEvent, openHostSocket } from '../../support/host-client';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, pathWithQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: pathWithQuery, method: 'GET', headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  let host: BrowserHost;
  let dir: string;
  const backend = createTestBackend({ version: '9.9.9' });
  let cookie: string;
  /** A path under this launch's session path. */
  let at: (p: string) => string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eas-host-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ActiveSync Troubleshooter</title>');
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(dir), 'outside-secret.txt'), 'secret');
    host = await startBrowserHost({ rendererDir: dir, dispatcher: createDispatcher(backend.handlers), events: backend.events });
    cookie = `${host.cookieName}=${host.token}`;
    at = (p: string) => host.sessionPath + p.replace(/^\//, '');
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback with a one-time code in its URL', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/s/[A-Za-z0-9_-]{22}/\\?code=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses a request without the cookie', async () => {
    const reply = await get(host.port, at('/'));
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('ActiveSync');
  });

  it('refuses a wrong code and a wrong cookie', async () => {
    expect((await get(host.port, at('/?code=guess'))).status).toBe(401);
    expect((await get(host.port, at('/'), { Cookie: `${host.cookieName}=guess` })).status).toBe(401);
  });

  it('trades the code for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const launch = new URL(host.newLaunchUrl());
    const reply = await get(host.port, launch.pathname + launch.search);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe(host.sessionPath);
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`${host.cookieName}=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the renderer with the security headers once authenticated', async () => {
    const reply = await get(host.port, at('/'), { Cookie: cookie });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>ActiveSync Troubleshooter</title>');
    expect(reply.headers['content-security-policy']).toContain(CONTENT_SECURITY_POLICY);
    expect(reply.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get(host.port, at('/assets/app.js'), { Cookie: cookie });
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await get(host.port, at('/'), { Cookie: cookie, Host: `attacker.example:${host.port}` });
    expect(reply.status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt', '/assets%5c..%5c..%5coutside-secret.txt']) {
      const reply = await get(host.port, at(p), { Cookie: cookie });
      expect(reply.body).not.toContain('secret');
    }
  });

  it('opens the IPC socket only with the cookie, a loopback Host and our own Origin', async () => {
    await expect(openHostSocket(host, { cookie: null })).rejects.toThrow(/403/);
    await expect(openHostSocket(host, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openHostSocket(host, { host: `rebind.example:${host.port}` })).rejects.toThrow(/403/);
    const ws = await openHostSocket(host);
    const result = await invokeOverSocket(ws, 1, 'app:get-info', {});
    expect(result).toMatchObject({ ok: true, value: { version: '9.9.9', runtime: 'browser-host' } });
    ws.close();
  });

  it('pushes contract events to connected clients', async () => {
    const ws = await openHostSocket(host);
    const arrival = nextEvent(ws);
    backend.events.emit('onBackendNotice', { level: 'warning', message: 'PowerShell restarted', at: '2026-11-26T10:00:00.000Z' });
    expect(await arrival).toEqual({
      channel: 'event:backend-notice',
      payload: { level: 'warning', message: 'PowerShell restarted', at: '2026-11-26T10:00:00.000Z' },
    });
    ws.close();
  });

  it('closes a socket that sends a malformed frame', async () => {
    const ws = await openHostSocket(host);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });

  it('sends the security headers on every answer, not only on 200', async () => {
    const launch = new URL(host.newLaunchUrl());
    const answers = [
      await get(host.port, at('/')),
      await get(host.port, at('/?code=guess')),
      await get(host.port, launch.pathname + launch.search),
      await get(host.port, at('/missing.js'), { Cookie: cookie }),
      await get(host.port, at('/'), { Cookie: cookie, Host: `attacker.example:${host.port}` }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 303, 404, 403]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toContain(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });
});
