import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { brotliDecompressSync, createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import yauzl from 'yauzl';
import { CaptureFormatError } from '../../domain/captures/capture-model';
import { captureToMailboxLog } from '../../domain/captures/capture-to-log';
import { readHar } from '../../domain/captures/har-reader';
import { readSaz } from '../../domain/captures/saz-reader';
import { EvidenceInputError } from './evidence-errors';

/** One file the operator brought: on disk (CLI, desktop dialog) or in memory (browser upload). */
export interface EvidenceSource {
  name: string;
  path?: string;
  bytes?: Uint8Array;
}

/**
 * What a file (or a member of an archive) turns into: a mailbox log streamed as bytes, or a
 * capture already converted into mailbox-log text (captures are small and read whole).
 */
export type EvidenceUnit =
  | { kind: 'mailbox-log'; name: string; chunks: () => AsyncIterable<Uint8Array> }
  | { kind: 'capture'; name: string; text: string; requests: number };

const CHUNK_BYTES = 64 * 1024;
const READ_BYTES = 1024 * 1024;
/** Archives and captures are read into memory; these caps keep a hostile file from taking it all. */
const MAX_IN_MEMORY = 512 * 1024 * 1024;
const MAX_ARCHIVE_ENTRIES = 2000;

/**
 * Expands one evidence file into units, by what its bytes are (the extension only breaks ties):
 * gzip (emailed logs over ~5 MB, facts F30), zip of logs, Fiddler .saz, HAR (JSON), or mailbox-log
 * text in any encoding. Throws EvidenceInputError naming the file for anything else.
 */
export async function* evidenceUnits(source: EvidenceSource): AsyncGenerator<EvidenceUnit> {
  const head = await readHead(source);
  const lower = source.name.toLowerCase();
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const inner = source.name.replace(/\.gz$/i, '');
    if (/\.har$/i.test(inner)) {
      yield captureUnit(inner, 'har', await gunzipWhole(source));
      return;
    }
    yield { kind: 'mailbox-log', name: source.name, chunks: () => gunzipStream(source) };
    return;
  }
  if (head[0] === 0x50 && head[1] === 0x4b) {
    yield* zipUnits(source, lower.endsWith('.saz'));
    return;
  }
  if (lower.endsWith('.saz')) throw new EvidenceInputError(`"${source.name}" is not a Fiddler capture: a .saz file is a zip archive and this one is not.`, source.name);
  if (lower.endsWith('.zip')) throw new EvidenceInputError(`"${source.name}" is not a zip archive.`, source.name);
  if (lower.endsWith('.gz')) throw new EvidenceInputError(`"${source.name}" is not a gzip file, though its name says so.`, source.name);
  if (lower.endsWith('.har') || firstNonSpace(head) === 0x7b) {
    yield captureUnit(source.name, 'har', await readWhole(source));
    return;
  }
  yield { kind: 'mailbox-log', name: source.name, chunks: () => readChunks(source) };
}

function captureUnit(name: string, kind: 'har' | 'saz', data: Uint8Array | Map<string, Uint8Array>): EvidenceUnit {
  try {
    const exchanges = kind === 'har' ? readHar(new TextDecoder().decode(data as Uint8Array), name) : readSaz(data as Map<string, Uint8Array>, name, decodeContent);
    const text = captureToMailboxLog(exchanges, name);
    return { kind: 'capture', name, text, requests: (text.match(/ Log Entry: /g) ?? []).length };
  } catch (error) {
    if (error instanceof CaptureFormatError) throw new EvidenceInputError(error.message, name);
    throw error;
  }
}

async function* zipUnits(source: EvidenceSource, saz: boolean): AsyncGenerator<EvidenceUnit> {
  const files = await readZip(source);
  const isSaz = saz || [...files.keys()].some((n) => /^raw\/\d+_c\.txt$/i.test(n));
  if (isSaz) {
    yield captureUnit(source.name, 'saz', files);
    return;
  }
  let any = false;
  for (const [entryName, bytes] of files) {
    const base = entryName.split('/').pop() ?? entryName;
    if (base === '' || base.startsWith('.') || entryName.startsWith('__MACOSX/')) continue;
    if (/\.zip$/i.test(base)) throw new EvidenceInputError(`"${source.name}" holds another zip (${entryName}); unpack it and add the files inside.`, source.name);
    any = true;
    yield* evidenceUnits({ name: `${source.name} › ${entryName}`, bytes });
  }
  if (!any) throw new EvidenceInputError(`"${source.name}" is an empty zip archive: it holds no log or capture file.`, source.name);
}

async function readZip(source: EvidenceSource): Promise<Map<string, Uint8Array>> {
  let zip: yauzl.ZipFile;
  try {
    zip = source.bytes !== undefined
      ? await yauzl.fromBufferPromise(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), { autoClose: false, validateEntrySizes: true })
      : await yauzl.openPromise(source.path as string, { autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw new EvidenceInputError(`"${source.name}" is not a readable zip archive (${(error as Error).message}).`, source.name);
  }
  const files = new Map<string, Uint8Array>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (files.size >= MAX_ARCHIVE_ENTRIES) throw new EvidenceInputError(`"${source.name}" holds more than ${MAX_ARCHIVE_ENTRIES} files.`, source.name);
      total += entry.uncompressedSize;
      if (total > MAX_IN_MEMORY) throw new EvidenceInputError(`"${source.name}" unpacks to more than ${MAX_IN_MEMORY / 1024 / 1024} MB; add its files one by one.`, source.name);
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      files.set(entry.fileName.replace(/\\/g, '/'), Buffer.concat(chunks));
    }
  } catch (error) {
    if (error instanceof EvidenceInputError) throw error;
    throw new EvidenceInputError(`"${source.name}" is a damaged zip archive (${(error as Error).message}).`, source.name);
  } finally {
    zip.close();
  }
  return files;
}

/** Undoes HTTP Content-Encoding for SAZ bodies. */
function decodeContent(bytes: Uint8Array, encoding: string): Uint8Array {
  if (encoding.includes('gzip')) return gunzipSync(bytes);
  if (encoding.includes('deflate')) return inflateSync(bytes);
  if (encoding.includes('br')) return brotliDecompressSync(bytes);
  return bytes;
}

async function readHead(source: EvidenceSource): Promise<Uint8Array> {
  if (source.bytes !== undefined) return source.bytes.subarray(0, 16);
  try {
    const info = await stat(source.path as string);
    if (!info.isFile()) throw new EvidenceInputError(`${source.path} is not a file.`, source.name);
  } catch (error) {
    if (error instanceof EvidenceInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvidenceInputError(code === 'ENOENT' ? `File not found: ${source.path}` : `Cannot read ${source.path}: ${code}.`, source.name);
  }
  for await (const chunk of createReadStream(source.path as string, { start: 0, end: 15 })) return chunk as Buffer;
  return new Uint8Array(0);
}

async function* readChunks(source: EvidenceSource): AsyncIterable<Uint8Array> {
  if (source.bytes !== undefined) {
    for (let at = 0; at < source.bytes.length; at += CHUNK_BYTES) yield source.bytes.subarray(at, at + CHUNK_BYTES);
    return;
  }
  // The file is read 1 MiB at a time (fewer reads, each a round trip through the thread pool) and
  // handed on in 64 KiB pieces of the same buffer (no copy): each decoded piece then stays in V8's
  // young generation (see analyze-log-files.ts).
  for await (const buffer of createReadStream(source.path as string, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>) {
    for (let at = 0; at < buffer.length; at += CHUNK_BYTES) yield buffer.subarray(at, at + CHUNK_BYTES);
  }
}

async function* gunzipStream(source: EvidenceSource): AsyncIterable<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const input = source.bytes !== undefined ? Readable.from([Buffer.from(source.bytes)]) : createReadStream(source.path as string, { highWaterMark: READ_BYTES });
  input.on('error', (error: Error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    yield* gunzip as AsyncIterable<Buffer>;
  } catch (error) {
    throw new EvidenceInputError(`"${source.name}" is a damaged gzip file (${(error as Error).message}).`, source.name);
  }
}

async function gunzipWhole(source: EvidenceSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of gunzipStream(source)) {
    total += chunk.length;
    if (total > MAX_IN_MEMORY) throw new EvidenceInputError(`"${source.name}" unpacks to more than ${MAX_IN_MEMORY / 1024 / 1024} MB.`, source.name);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readWhole(source: EvidenceSource): Promise<Uint8Array> {
  if (source.bytes !== undefined) return source.bytes;
  const info = await stat(source.path as string);
  if (info.size > MAX_IN_MEMORY) throw new EvidenceInputError(`"${source.name}" is larger than ${MAX_IN_MEMORY / 1024 / 1024} MB, too large for a capture.`, source.name);
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(source.path as string)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function firstNonSpace(head: Uint8Array): number | undefined {
  // Skip a UTF-8 BOM and whitespace.
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return head[i];
}

/** A source for a path given on the command line or by the desktop file dialog. */
export function fileSource(filePath: string): EvidenceSource {
  return { name: path.basename(filePath), path: filePath };
}
