import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createTestBackend } from '../../support/test-backend';

function get(port: number, target: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The launch URL goes to xdg-open's command line (visible in ps), and every 127.0.0.1 port gets
// the same cookies. So the URL carries a one-time code, not the session token, and the cookie is
// named for this port and bound to this launch's own path.
describe('browser host launch codes and session cookie', () => {
  let host: BrowserHost;
  let dir: string;
  const backend = createTestBackend();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eas-host-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startBrowserHost({ rendererDir: dir, dispatcher: createDispatcher(backend.handlers), events: backend.events });
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
    await backend.dispose();
  });

  it('puts a one-time code in the launch URL, never the session token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/s/[A-Za-z0-9_-]{22}/\\?code=[A-Za-z0-9_-]{43}$`));
    expect(host.url).not.toContain(host.token);
  });

  it('trades a code for the cookie once; the same code a second time is refused', async () => {
    const launch = new URL(host.newLaunchUrl());
    const first = await get(host.port, launch.pathname + launch.search);
    expect(first.status).toBe(303);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain(`eas_host_${host.port}=${host.token}`);
    expect(setCookie).toContain(`Path=${host.sessionPath}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(first.headers.location).toBe(host.sessionPath);
    expect((await get(host.port, launch.pathname + launch.search)).status).toBe(401);
  });

  it('serves nothing outside the launch path, cookie or not', async () => {
    const cookie = `eas_host_${host.port}=${host.token}`;
    expect((await get(host.port, host.sessionPath, { Cookie: cookie })).status).toBe(200);
    expect((await get(host.port, '/', { Cookie: cookie })).status).toBe(404);
    expect((await get(host.port, '/index.html', { Cookie: cookie })).status).toBe(404);
    expect((await get(host.port, `/s/${'A'.repeat(22)}/`, { Cookie: cookie })).status).toBe(404);
  });
});
