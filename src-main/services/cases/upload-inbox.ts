import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../../shared/ipc/result';

/** Largest upload taken: the bundle reader's own total cap still applies after this. */
export const MAX_UPLOAD_BYTES = 4096 * 1024 * 1024;

/** What the browser host needs to take an uploaded bundle. */
export interface UploadReceiver {
  receive(body: Readable): Promise<string>;
}

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
}

/**
 * Bundles the browser uploaded (the browser version has no native file dialog). Each upload is
 * a file under `<dataDir>/uploads` with a random id; `cases:import` names the id, never a path,
 * and an id can be used once. Uploads do not outlive the process: the folder is emptied on start.
 */
export class UploadInbox implements UploadReceiver {
  private readonly files = new Map<string, string>();
  private readonly ready: Promise<void>;

  constructor(
    private readonly dir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {
    this.ready = rm(dir, { recursive: true, force: true }).then(() => mkdir(dir, { recursive: true })).then(() => undefined);
  }

  async receive(body: Readable): Promise<string> {
    await this.ready;
    const id = randomBytes(16).toString('hex');
    const file = path.join(this.dir, `${id}.zip`);
    const partial = `${file}.partial`;
    let seen = 0;
    const cap = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > cap) callback(new UploadTooLargeError(`The file is larger than ${cap} bytes.`));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    this.files.set(id, file);
    return id;
  }

  /** Hands the uploaded file over once; a second call with the same id finds nothing. */
  take(id: string): { file: string; discard(): Promise<void> } {
    const file = this.files.get(id);
    if (file === undefined) {
      throw new AppError('NOT_FOUND', 'That uploaded file is no longer here (each upload opens once). Choose the bundle file again.');
    }
    this.files.delete(id);
    return { file, discard: () => rm(file, { force: true }) };
  }
}
