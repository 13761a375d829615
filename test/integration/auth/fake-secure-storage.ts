import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecureStoragePort } from '../../../src-main/services/auth/secure-storage';

/**
 * Stands in for Electron safeStorage (which cannot run here): real AES-256-GCM with a key held
 * in memory, so tests can prove that what reaches disk is ciphertext. Flags simulate a Linux
 * machine without a secret store and a rotated key.
 */
export class FakeSecureStorage implements SecureStoragePort {
  private key = randomBytes(32);
  available = true;
  /** Report `shouldReEncrypt` on the next decrypt, as after a key rotation. */
  rotateOnNextDecrypt = false;
  encryptCalls = 0;
  decryptCalls = 0;

  async isAvailable(): Promise<boolean> {
    return this.available;
  }

  async encrypt(plaintext: string): Promise<Uint8Array> {
    this.encryptCalls++;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  async decrypt(ciphertext: Uint8Array): Promise<{ plaintext: string; shouldReEncrypt: boolean }> {
    this.decryptCalls++;
    const bytes = Buffer.from(ciphertext);
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    const shouldReEncrypt = this.rotateOnNextDecrypt;
    this.rotateOnNextDecrypt = false;
    return { plaintext, shouldReEncrypt };
  }

  /** A different key, as when the OS user changed or the keychain was reset. */
  loseKey(): void {
    this.key = randomBytes(32);
  }
}
