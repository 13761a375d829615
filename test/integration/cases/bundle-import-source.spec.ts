import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { FilePicker } from '../../../src-main/services/file-picker';
import { invokeOverSocket, openHostSocket } from '../../support/host-client';
import { createTestBackend } from '../../support/test-backend';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';

// The renderer never names a file for main to read: a bundle comes from main's own file dialog
// (desktop app) or as an upload to the browser host, which answers with a one-time id.
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A demo case diagnosed and exported by the engine, as a colleague would send it. */
async function fixtureBundle(): Promise<{ fixture: { doc: { id: string } }; zip: string }> {
  await ensureDemoShellBundle();
  const sender = createTestBackend();
  cleanups.push(() => sender.dispose());
  const view = await sender.engine.startCase({ userUpn: 'alex.wilber@contoso.example', symptom: 'no mail' }, { kind: 'demo', scenario: 'healthy-iphone' });
  await sender.engine.settled(view.caseId);
  const { filePath } = await sender.library.exportCase(view.caseId, false);
  return { fixture: { doc: { id: view.caseId } }, zip: filePath };
}

function post(port: number, target: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: target, method: 'POST', headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/zip', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('bundle import without a path from the renderer', () => {
  it('refuses a typed file path', async () => {
    const { zip } = await fixtureBundle();
    const app = createTestBackend();
    cleanups.push(() => app.dispose());
    const refused = await createDispatcher(app.handlers).dispatch('cases:import', { filePath: zip });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect((await app.store.list()).cases).toEqual([]);
  });

  it("imports the file the operator picked in main's dialog, and says so when they cancel", async () => {
    const { fixture, zip } = await fixtureBundle();
    const picks: Array<string | null> = [zip, null];
    const picker: FilePicker = { pickFile: async (purpose) => (expect(purpose).toBe('bundle'), picks.shift() ?? null) };
    const app = createTestBackend({ filePicker: picker });
    cleanups.push(() => app.dispose());
    const { dispatch } = createDispatcher(app.handlers);
    expect(await dispatch('cases:import', { source: 'dialog' })).toMatchObject({ ok: true, value: { caseId: fixture.doc.id } });
    expect(await dispatch('cases:import', { source: 'dialog' })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('has no dialog in the browser host: the browser uploads the file, then imports it once by its id', async () => {
    const { fixture, zip } = await fixtureBundle();
    const app = createTestBackend();
    cleanups.push(() => app.dispose());
    const rendererDir = await mkdtemp(path.join(tmpdir(), 'eas-renderer-'));
    await mkdir(rendererDir, { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const host: BrowserHost = await startBrowserHost({
      rendererDir,
      dispatcher: createDispatcher(app.handlers),
      events: app.events,
      uploads: app.uploads,
    });
    cleanups.push(() => host.close());
    const body = await readFile(zip);
    const origin = `http://127.0.0.1:${host.port}`;
    const cookie = `${host.cookieName}=${host.token}`;
    const target = `${host.sessionPath}uploads/bundle`;

    expect((await post(host.port, target, body, { Origin: origin })).status).toBe(401);
    expect((await post(host.port, target, body, { Origin: 'http://evil.example', Cookie: cookie })).status).toBe(403);
    const uploaded = await post(host.port, target, body, { Origin: origin, Cookie: cookie });
    expect(uploaded.status).toBe(200);
    const { uploadId } = JSON.parse(uploaded.body) as { uploadId: string };
    expect(uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(uploaded.body).not.toContain(app.dataDir);

    const ws = await openHostSocket(host);
    cleanups.push(async () => ws.close());
    expect(await invokeOverSocket(ws, 1, 'cases:import', { source: 'dialog' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await invokeOverSocket(ws, 2, 'cases:import', { source: 'upload', uploadId })).toMatchObject({
      ok: true,
      value: { caseId: fixture.doc.id },
    });
    expect(await invokeOverSocket(ws, 3, 'cases:import', { source: 'upload', uploadId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
