import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { CacheBlobStore, SecureStoragePort } from './secure-storage';

/** How the token cache is kept, for the settings screen ("you will need to sign in after each start"). */
export type CachePersistence = { mode: 'encrypted-file' } | { mode: 'memory-only'; reason: string };

const NO_SECRET_STORE =
  'This computer offers no protected storage for sign-in data, so the tool keeps it in memory only. You will need to sign in again each time you start the tool.';

/**
 * MSAL cache plugin that persists the cache only encrypted through the secure-storage port. It
 * refuses to write anything when the port reports plaintext-only storage. A cache that cannot be
 * decrypted (other user, reset key, corrupt file) is dropped, which means one extra sign-in.
 */
export class EncryptedCachePlugin implements ICachePlugin {
  private persistence: Promise<CachePersistence> | undefined;
  /**
   * The latest serialized cache. MSAL clears its in-memory cache before each silent call and
   * expects `beforeCacheAccess` to deserialize the full state every time, so the plugin keeps it
   * here and decrypts the file only on first use.
   */
  private snapshot: Promise<string | undefined> | undefined;

  constructor(
    private readonly storage: SecureStoragePort,
    private readonly blobs: CacheBlobStore,
  ) {}

  /** Decided once, on first use: whether the cache can be written to disk. */
  describePersistence(): Promise<CachePersistence> {
    this.persistence ??= this.storage
      .isAvailable()
      .catch(() => false)
      .then((ok): CachePersistence =>
        ok ? { mode: 'encrypted-file' } : { mode: 'memory-only', reason: NO_SECRET_STORE },
      );
    return this.persistence;
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    this.snapshot ??= this.loadFromDisk();
    const snapshot = await this.snapshot;
    if (snapshot !== undefined) context.tokenCache.deserialize(snapshot);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    this.snapshot = Promise.resolve(serialized);
    if ((await this.describePersistence()).mode !== 'encrypted-file') return;
    await this.blobs.write(await this.storage.encrypt(serialized));
  }

  /** Forgets the cache, in memory and on disk (sign-out). */
  async clear(): Promise<void> {
    this.snapshot = Promise.resolve(undefined);
    await this.blobs.remove();
  }

  private async loadFromDisk(): Promise<string | undefined> {
    if ((await this.describePersistence()).mode !== 'encrypted-file') return undefined;
    const bytes = await this.blobs.read();
    if (bytes === undefined || bytes.length === 0) return undefined;
    let decrypted: { plaintext: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.storage.decrypt(bytes);
      JSON.parse(decrypted.plaintext);
    } catch {
      // Unreadable (other OS user, reset keychain, corrupt file): drop it; one extra sign-in.
      await this.blobs.remove();
      return undefined;
    }
    if (decrypted.shouldReEncrypt) await this.blobs.write(await this.storage.encrypt(decrypted.plaintext));
    return decrypted.plaintext;
  }
}
