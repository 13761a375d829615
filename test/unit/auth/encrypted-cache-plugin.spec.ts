import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenCacheContext } from '@azure/msal-node';
import { createCacheFile } from '../../../src-main/services/auth/cache-file';
import { EncryptedCachePlugin } from '../../../src-main/services/auth/encrypted-cache-plugin';
import { FakeSecureStorage } from '../../integration/auth/fake-secure-storage';

/** A minimal stand-in for MSAL's cache context: what the plugin deserializes and serializes. */
function context(state: { current: string | undefined }, changed: boolean): TokenCacheContext {
  return {
    cacheHasChanged: changed,
    tokenCache: {
      deserialize: (s: string) => void (state.current = s),
      serialize: () => state.current ?? '{}',
    },
  } as unknown as TokenCacheContext;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'eas-cache-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('EncryptedCachePlugin', () => {
  it('writes only ciphertext and reads it back in a new process', async () => {
    const storage = new FakeSecureStorage();
    const file = path.join(dir, 'cache.bin');
    const secret = '{"RefreshToken":{"k":{"secret":"rt-very-secret"}}}';
    await new EncryptedCachePlugin(storage, createCacheFile(file)).afterCacheAccess(
      context({ current: secret }, true),
    );
    expect((await readFile(file)).includes(Buffer.from('rt-very-secret'))).toBe(false);

    const state = { current: undefined as string | undefined };
    await new EncryptedCachePlugin(storage, createCacheFile(file)).beforeCacheAccess(context(state, false));
    expect(state.current).toBe(secret);
  });

  it('decrypts the file once and then serves the in-memory snapshot', async () => {
    const storage = new FakeSecureStorage();
    const file = path.join(dir, 'cache.bin');
    await new EncryptedCachePlugin(storage, createCacheFile(file)).afterCacheAccess(
      context({ current: '{"a":1}' }, true),
    );
    const plugin = new EncryptedCachePlugin(storage, createCacheFile(file));
    for (let i = 0; i < 3; i++) await plugin.beforeCacheAccess(context({ current: undefined }, false));
    expect(storage.decryptCalls).toBe(1);
  });

  it('drops a cache it cannot decrypt instead of failing sign-in', async () => {
    const storage = new FakeSecureStorage();
    const file = path.join(dir, 'cache.bin');
    await new EncryptedCachePlugin(storage, createCacheFile(file)).afterCacheAccess(
      context({ current: '{"a":1}' }, true),
    );
    storage.loseKey();
    const state = { current: undefined as string | undefined };
    await new EncryptedCachePlugin(storage, createCacheFile(file)).beforeCacheAccess(context(state, false));
    expect(state.current).toBeUndefined();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });

    await writeFile(file, 'not even ciphertext');
    await new EncryptedCachePlugin(storage, createCacheFile(file)).beforeCacheAccess(context(state, false));
    expect(state.current).toBeUndefined();
  });

  it('re-encrypts after a key rotation', async () => {
    const storage = new FakeSecureStorage();
    const file = path.join(dir, 'cache.bin');
    await new EncryptedCachePlugin(storage, createCacheFile(file)).afterCacheAccess(
      context({ current: '{"a":1}' }, true),
    );
    const before = await readFile(file);
    storage.rotateOnNextDecrypt = true;
    await new EncryptedCachePlugin(storage, createCacheFile(file)).beforeCacheAccess(
      context({ current: undefined }, false),
    );
    const after = await readFile(file);
    expect(after.equals(before)).toBe(false);
    const state = { current: undefined as string | undefined };
    await new EncryptedCachePlugin(storage, createCacheFile(file)).beforeCacheAccess(context(state, false));
    expect(state.current).toBe('{"a":1}');
  });

  it('keeps the cache in memory only when storage is plaintext-only, and says why', async () => {
    const storage = new FakeSecureStorage();
    storage.available = false;
    const file = path.join(dir, 'cache.bin');
    const plugin = new EncryptedCachePlugin(storage, createCacheFile(file));
    await plugin.afterCacheAccess(context({ current: '{"a":1}' }, true));
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const state = { current: undefined as string | undefined };
    await plugin.beforeCacheAccess(context(state, false));
    expect(state.current).toBe('{"a":1}');
    expect(await plugin.describePersistence()).toMatchObject({
      mode: 'memory-only',
      reason: expect.stringMatching(/sign in again/),
    });
  });
});
