import { randomUUID } from 'node:crypto';
import { EvidenceInputError } from './evidence-errors';
import type { EvidenceSource } from './evidence-units';

/** Limits for files uploaded through the browser host, which arrive in chunks (a frame is at most 16 MB). */
export const UPLOAD_LIMITS = { maxFiles: 50, maxTotalBytes: 512 * 1024 * 1024 };

/**
 * Holds uploaded files until a case takes them: the browser host's way to bring files in (it has
 * no file dialog, and the renderer never sends a path). Chunks of one file share an upload id.
 * Files are kept in memory only and dropped once taken, or when newer uploads need the room.
 */
export class UploadStaging {
  private readonly files = new Map<string, { name: string; chunks: Buffer[]; size: number }>();

  stage(uploadId: string | undefined, name: string, chunk: Uint8Array): { uploadId: string; size: number } {
    let file = uploadId === undefined ? undefined : this.files.get(uploadId);
    if (uploadId !== undefined && file === undefined) throw new EvidenceInputError(`The upload of "${name}" expired; add the file again.`, name);
    const id = uploadId ?? randomUUID();
    if (file === undefined) {
      file = { name, chunks: [], size: 0 };
      this.files.set(id, file);
    }
    file.chunks.push(Buffer.from(chunk));
    file.size += chunk.length;
    this.evict(id);
    return { uploadId: id, size: file.size };
  }

  /** Takes the staged files (they leave the staging area either way). */
  take(uploadIds: readonly string[]): EvidenceSource[] {
    const sources: EvidenceSource[] = [];
    for (const id of uploadIds) {
      const file = this.files.get(id);
      this.files.delete(id);
      if (file === undefined) throw new EvidenceInputError('An uploaded file is no longer available; add the files again.', id);
      sources.push({ name: file.name, bytes: Buffer.concat(file.chunks) });
    }
    return sources;
  }

  private evict(keep: string): void {
    let total = [...this.files.values()].reduce((n, f) => n + f.size, 0);
    for (const [id, file] of this.files) {
      if (this.files.size <= UPLOAD_LIMITS.maxFiles && total <= UPLOAD_LIMITS.maxTotalBytes) return;
      if (id === keep) continue;
      this.files.delete(id);
      total -= file.size;
    }
    if (total > UPLOAD_LIMITS.maxTotalBytes) {
      this.files.delete(keep);
      throw new EvidenceInputError(`The files uploaded together exceed ${UPLOAD_LIMITS.maxTotalBytes / 1024 / 1024} MB.`, keep);
    }
  }
}
