import { describe, expect, it } from 'vitest';
import { createBrowserOpener } from '../../../src-main/electron/adapters/browser-opener';
import { createNetFetch } from '../../../src-main/electron/adapters/net-fetch-adapter';
import { createSafeStorageAdapter } from '../../../src-main/electron/adapters/safe-storage-adapter';

/** A stand-in for Electron's safeStorage (the binary cannot run here): reversible, recognisably "encrypted". */
function fakeSafeStorage(
  backend: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>,
  available = true,
) {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (plain: string) => Buffer.from(`enc:${plain}`),
    decryptStringAsync: async (buf: Buffer) => ({
      result: buf.toString().replace(/^enc:/, ''),
      shouldReEncrypt: true,
    }),
  };
}

describe('safeStorage adapter', () => {
  it('round-trips through the async API and passes on shouldReEncrypt', async () => {
    const port = createSafeStorageAdapter(fakeSafeStorage('gnome_libsecret'), 'linux');
    const bytes = await port.encrypt('cache');
    expect(Buffer.from(bytes).toString()).toBe('enc:cache');
    expect(await port.decrypt(bytes)).toEqual({ plaintext: 'cache', shouldReEncrypt: true });
  });

  it('is available with a real secret store, and refuses basic_text or unknown Linux backends', async () => {
    expect(await createSafeStorageAdapter(fakeSafeStorage('kwallet6'), 'linux').isAvailable()).toBe(true);
    expect(await createSafeStorageAdapter(fakeSafeStorage('basic_text'), 'linux').isAvailable()).toBe(false);
    expect(await createSafeStorageAdapter(fakeSafeStorage('unknown'), 'linux').isAvailable()).toBe(false);
    // getSelectedStorageBackend is Linux-only; elsewhere DPAPI/Keychain decide through isAsyncEncryptionAvailable.
    expect(await createSafeStorageAdapter(fakeSafeStorage('unknown'), 'win32').isAvailable()).toBe(true);
    expect(await createSafeStorageAdapter(fakeSafeStorage('unknown', false), 'darwin').isAvailable()).toBe(
      false,
    );
  });
});

describe('browser opener', () => {
  it('opens https sign-in pages and refuses other schemes', async () => {
    const opened: string[] = [];
    const open = createBrowserOpener({ openExternal: async (url: string) => void opened.push(url) });
    await open('https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1');
    await expect(open('file:///etc/passwd')).rejects.toThrow(/https/);
    await expect(open('ms-settings:privacy')).rejects.toThrow(/https/);
    expect(opened).toEqual(['https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1']);
  });
});

describe('net.fetch adapter', () => {
  it('passes url and init through to net.fetch unchanged', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const fetch = createNetFetch({
      fetch: async (url: string | Request, init?: RequestInit) => {
        calls.push([String(url), init]);
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    const init = { method: 'POST', headers: { Prefer: 'x' }, body: '{}' };
    const response = await fetch('https://graph.microsoft.com/v1.0/me', init);
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toEqual([['https://graph.microsoft.com/v1.0/me', init]]);
  });
});
