import { WbxmlError } from './wbxml-model';

/**
 * Splits an `application/vnd.ms-sync.multipart` response (MS-ASCMD 2.2.2.9, sent when the client
 * asks with `MS-ASAcceptMultiPart: T`): a little-endian int32 part count, then an (offset, length)
 * int32 pair per part, then the parts. The first part is the WBXML response; the others are the
 * binary items it refers to by part number.
 */
export function splitMultipart(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length < 4) throw new WbxmlError('a multipart response needs at least 4 bytes', 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getInt32(0, true);
  if (count < 1 || 4 + count * 8 > bytes.length) throw new WbxmlError(`a multipart response cannot have ${count} parts in ${bytes.length} bytes`, 0);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const offset = view.getInt32(4 + i * 8, true);
    const length = view.getInt32(8 + i * 8, true);
    if (offset < 0 || length < 0 || offset + length > bytes.length) throw new WbxmlError(`multipart part ${i} (${offset}+${length}) lies outside the response`, 4 + i * 8);
    parts.push(bytes.subarray(offset, offset + length));
  }
  return parts;
}

/** True when the bytes look like a multipart response: WBXML (03 01 6A 00) reads as an absurd part count. */
export function looksMultipart(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getInt32(0, true);
  return count >= 1 && count < 10_000 && 4 + count * 8 <= bytes.length && view.getInt32(4, true) === 4 + count * 8;
}
