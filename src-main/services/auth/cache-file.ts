import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheBlobStore } from './secure-storage';

/**
 * The encrypted token cache as one file. Writes go to a temporary file that is renamed over the
 * old one, so a crash mid-write never leaves half a cache; the file is readable by the user only.
 */
export function createCacheFile(filePath: string): CacheBlobStore {
  return {
    async read() {
      try {
        return new Uint8Array(await readFile(filePath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(bytes) {
      await mkdir(path.dirname(filePath), { recursive: true });
      const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, filePath);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async remove() {
      await rm(filePath, { force: true });
    },
  };
}
