/**
 * Encryption at rest for the token cache, as a port: Electron's safeStorage behind an adapter in
 * the app (src-main/electron/adapters), an in-memory fake in tests. Async only, because Electron 45
 * deprecates the synchronous safeStorage calls.
 */
export interface SecureStoragePort {
  /**
   * True only when encryption is backed by the operating system's secret store (DPAPI, Keychain,
   * libsecret/KWallet). False where the only option is plaintext, e.g. Linux `basic_text`: then
   * the cache is kept in memory and the operator signs in again after each start.
   */
  isAvailable(): Promise<boolean>;
  encrypt(plaintext: string): Promise<Uint8Array>;
  /** `shouldReEncrypt` is set when the key was rotated; the caller then writes a fresh ciphertext. */
  decrypt(ciphertext: Uint8Array): Promise<{ plaintext: string; shouldReEncrypt: boolean }>;
}

/** Where the encrypted cache bytes live. A file under the app's user-data folder in production. */
export interface CacheBlobStore {
  read(): Promise<Uint8Array | undefined>;
  write(bytes: Uint8Array): Promise<void>;
  remove(): Promise<void>;
}
