import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';

/** Suffix of in-flight files; readers skip them and the store sweeps leftovers. */
export const TEMP_SUFFIX = '.partial';

function tempPathFor(target: string): string {
  return `${target}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/**
 * Flushes a directory entry so a rename inside it survives a power cut. Linux and macOS allow
 * opening a directory for this; Windows does not (EISDIR/EPERM), where NTFS journals the rename
 * itself, so the failure is ignored there.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `target` with `data` so that a reader (or a restart after a crash) sees either the old
 * file or the new one, never a torn mix: write a temp file beside it, fsync, rename, fsync the folder.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
}

/** Size and SHA-256 of the bytes that went through a stream. */
export interface ContentDigest {
  size: number;
  sha256: string;
}

/** A pass-through that hashes and counts what flows through it; read `digest()` after the end. */
export function createDigestStream(): Transform & { digest(): ContentDigest } {
  const hash = createHash('sha256');
  let size = 0;
  let result: ContentDigest | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      result = { size, sha256: hash.digest('hex') };
      callback();
    },
  });
  return Object.assign(stream, {
    digest(): ContentDigest {
      if (result === undefined) throw new Error('The stream has not finished yet.');
      return result;
    },
  });
}

/**
 * Streams `source` (through optional transforms) into `target` atomically and returns the digest
 * of the bytes written. Large logs go straight to disk, never whole into memory.
 */
export async function writeStreamAtomic(
  target: string,
  source: Readable,
  transforms: Transform[] = [],
): Promise<ContentDigest> {
  const temp = tempPathFor(target);
  const digest = createDigestStream();
  try {
    await pipeline([source, ...transforms, digest, createWriteStream(temp, { flags: 'wx', mode: 0o600 })]);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
  return digest.digest();
}
