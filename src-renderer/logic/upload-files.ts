import type { EasApi } from '../../src-main/shared/ipc/api';
import { EVIDENCE_CHUNK_BYTES } from '../../src-main/shared/ipc/contract';
import { plainErrorMessage } from './plain-error';

/**
 * Uploads files the operator chose or dropped, in chunks over the contract (a browser-host frame
 * is at most 16 MiB), and answers their upload ids. The bytes go as they are: the main process
 * decides what each file is.
 */
export async function uploadFiles(api: EasApi, files: readonly File[]): Promise<{ ok: true; uploadIds: string[] } | { ok: false; message: string }> {
  const uploadIds: string[] = [];
  for (const file of files) {
    let uploadId: string | undefined;
    for (let at = 0; at < file.size || uploadId === undefined; at += EVIDENCE_CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(at, at + EVIDENCE_CHUNK_BYTES).arrayBuffer());
      const result = await api.stageEvidence({ ...(uploadId === undefined ? {} : { uploadId }), name: file.name.slice(0, 255) || 'file', chunkBase64: toBase64(bytes) });
      if (!result.ok) return { ok: false, message: plainErrorMessage(result.error.message) };
      uploadId = result.value.uploadId;
      if (file.size === 0) break;
    }
    uploadIds.push(uploadId);
  }
  return { ok: true, uploadIds };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
