import { CaptureFormatError } from './capture-model';

/** A raw HTTP/1.x message as Fiddler saves it: start line, headers, body (de-chunked). */
export interface RawHttpMessage {
  startLine: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** Undoes Content-Encoding (gzip, deflate, br); supplied by the caller so this file stays pure. */
export type ContentDecoder = (bytes: Uint8Array, encoding: string) => Uint8Array;

/** Parses one raw HTTP message (the `raw/NN_c.txt` / `NN_s.txt` files of a SAZ). */
export function parseHttpMessage(bytes: Uint8Array, what: string, decode?: ContentDecoder): RawHttpMessage {
  const end = indexOfBlankLine(bytes);
  const headEnd = end === -1 ? bytes.length : end.index;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, headEnd));
  const lines = head.split(/\r?\n/);
  const startLine = (lines[0] ?? '').trim();
  if (!/^(?:[A-Z]+ \S+ HTTP\/\d|HTTP\/\d(?:\.\d)? \d{3})/.test(startLine)) throw new CaptureFormatError(`${what} is not an HTTP message.`);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  let body = end === -1 ? new Uint8Array(0) : bytes.subarray(end.index + end.length);
  const header = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];
  if (/chunked/i.test(header('transfer-encoding') ?? '')) body = dechunk(body);
  const encoding = header('content-encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity' && decode !== undefined && body.length > 0) {
    try {
      body = decode(body, encoding);
    } catch {
      // Leave the body as it is: the decoder will say it is not WBXML.
    }
  }
  return { startLine, headers, body };
}

function indexOfBlankLine(bytes: Uint8Array): { index: number; length: number } | -1 {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) return { index: i, length: 2 };
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return { index: i, length: 4 };
  }
  return -1;
}

/** Transfer-Encoding: chunked → the plain body; stops quietly at a malformed or missing chunk. */
function dechunk(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    let lineEnd = bytes.indexOf(10, at);
    if (lineEnd === -1) break;
    const size = parseInt(new TextDecoder('latin1').decode(bytes.subarray(at, lineEnd)).trim().split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size <= 0) break;
    lineEnd++;
    parts.push(bytes.subarray(lineEnd, Math.min(lineEnd + size, bytes.length)));
    at = lineEnd + size;
    if (bytes[at] === 13) at++;
    if (bytes[at] === 10) at++;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
