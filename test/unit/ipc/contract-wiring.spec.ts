import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIpc, SenderPolicy, type IpcMainLike } from '../../../src-main/electron/register-ipc';
import { createIpcRendererTransport, type IpcRendererLike } from '../../../src-main/electron/preload-transport';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { createTestBackend } from '../../support/test-backend';
import { buildApi } from '../../../src-main/shared/ipc/api';
import { eventChannels, eventNames, invokeChannels, invokeNames } from '../../../src-main/shared/ipc/contract';
import { invokeOverSocket, openHostSocket } from '../../support/host-client';

// One proof that the three places serving the contract (Electron main, the preload, and the
// browser host) serve exactly its channels: no more, no fewer.

function backend() {
  return createTestBackend();
}

describe('contract wiring', () => {
  it('main registers one handler per contract invoke channel and nothing else', () => {
    const registered: string[] = [];
    const ipcMain: IpcMainLike = { handle: (channel) => registered.push(channel), removeHandler: () => {} };
    registerIpc(ipcMain, createDispatcher(backend().handlers), new SenderPolicy());
    expect(registered.sort()).toEqual([...invokeChannels].sort());
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('the preload API has one member per invoke and event, is frozen, and calls the matching channel', async () => {
    const invoked: string[] = [];
    const subscribed: string[] = [];
    const ipcRenderer: IpcRendererLike = {
      invoke: async (channel) => {
        invoked.push(channel);
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'fake' } };
      },
      on: (channel) => subscribed.push(channel),
      removeListener: () => {},
    };
    const api = buildApi(createIpcRendererTransport(ipcRenderer));
    expect(Object.keys(api).sort()).toEqual([...invokeNames, ...eventNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const name of invokeNames) await (api[name] as (r: unknown) => Promise<unknown>)({});
    for (const name of eventNames) (api[name] as (l: () => void) => void)(() => {});
    expect(invoked).toEqual([...invokeChannels]);
    expect(subscribed).toEqual([...eventChannels]);
  });

  it('the preload transport refuses channels outside the contract', async () => {
    const ipcRenderer: IpcRendererLike = { invoke: async () => 'reached', on: () => {}, removeListener: () => {} };
    const transport = createIpcRendererTransport(ipcRenderer);
    await expect(transport.invoke('shell:run-script', {})).rejects.toThrow(/not allowed/);
    expect(() => transport.subscribe('event:secret', () => {})).toThrow(/not allowed/);
  });

  describe('browser host', () => {
    let host: BrowserHost;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'eas-wiring-'));
      await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
      const b = backend();
      host = await startBrowserHost({ rendererDir: dir, dispatcher: createDispatcher(b.handlers), events: b.events });
    });
    afterAll(async () => {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('answers every contract channel and refuses every other', async () => {
      const ws = await openHostSocket(host);
      let id = 1;
      for (const channel of invokeChannels) {
        const result = (await invokeOverSocket(ws, id++, channel, {})) as { ok: boolean; error?: { code: string } };
        expect(result.ok || result.error?.code !== 'UNKNOWN_CHANNEL').toBe(true);
      }
      for (const channel of ['app:quit', 'shell:run-script', 'event:backend-notice', '', '__proto__']) {
        const result = await invokeOverSocket(ws, id++, channel, {});
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }
      ws.close();
    });
  });
});
