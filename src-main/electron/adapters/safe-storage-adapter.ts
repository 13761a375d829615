import type * as Electron from 'electron';
import type { SecureStoragePort } from '../../services/auth/secure-storage';

/** Linux backends that store secrets in plaintext or are not ready yet. */
const UNPROTECTED_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * SecureStoragePort over Electron's safeStorage, async API only (the sync calls are deprecated in
 * Electron 45). Reports "unavailable" on Linux without a real secret store, so the token cache
 * stays in memory instead of being written in effectively plaintext.
 */
export function createSafeStorageAdapter(
  safeStorage: Pick<
    Electron.SafeStorage,
    'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
  >,
  platform: NodeJS.Platform = process.platform,
): SecureStoragePort {
  return {
    async isAvailable() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      return platform !== 'linux' || !UNPROTECTED_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend());
    },
    async encrypt(plaintext) {
      return new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
    },
    async decrypt(ciphertext) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      return { plaintext: result, shouldReEncrypt };
    },
  };
}
