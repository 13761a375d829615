import type { SecureStoragePort } from '../auth/secure-storage';

/**
 * A secure-storage port for runtimes without the operating system's secret store (the browser
 * host and the CLI run in plain Node, where only plaintext files are possible). It reports
 * "unavailable", so the token cache stays in memory and the settings screen says so; encrypting
 * is refused outright so no code path can persist a token by mistake.
 */
export function createMemoryOnlyStorage(): SecureStoragePort {
  const refuse = async (): Promise<never> => {
    throw new Error('This runtime has no protected storage; sign-in data stays in memory.');
  };
  return {
    isAvailable: async () => false,
    encrypt: refuse,
    decrypt: refuse,
  };
}
