type Decoder = InstanceType<typeof TextDecoder>;

/** Text encodings a mailbox-log export can arrive in (eas-reference.md §1.1). */
export type LogEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The text of bytes that are all ASCII, or undefined when any is not. The runtime supplies it
 * (Node checks and copies ASCII with SIMD, several times faster than TextDecoder's UTF-8 path);
 * mailbox logs are almost entirely ASCII, so most chunks take it.
 */
export type AsciiText = (bytes: Uint8Array) => string | undefined;

/**
 * Streaming byte → text decoder that picks the encoding from the first bytes: a BOM when there is
 * one (Windows PowerShell 5.1 writes UTF-16LE with BOM), otherwise a NUL-byte heuristic for BOM-less
 * UTF-16, otherwise UTF-8 (PowerShell 7 and the emailed attachment). Works on arbitrary chunk
 * boundaries, including a split BOM or a split multi-byte character.
 */
export class LogTextDecoder {
  private decoder: Decoder | undefined;
  private pending: Uint8Array | undefined;
  private detected: LogEncoding | undefined;
  /**
   * Whether the UTF-8 decoder holds no bytes of an unfinished character: true after a chunk that
   * ended in an ASCII byte (an ASCII byte ends any sequence in progress, as U+FFFD if it was cut
   * short). Only then may a chunk bypass it: the decoder would return exactly its ASCII text.
   */
  private clean = false;

  constructor(private readonly asciiText?: AsciiText) {}

  /** The encoding in use, once enough bytes were seen to decide. */
  get encoding(): LogEncoding | undefined {
    return this.detected;
  }

  push(chunk: Uint8Array): string {
    if (this.decoder !== undefined) return this.decode(this.decoder, chunk);
    const bytes = this.pending === undefined ? chunk : concat(this.pending, chunk);
    if (bytes.length < 4) {
      this.pending = bytes;
      return '';
    }
    this.pending = undefined;
    // The first bytes always go through the decoder: it strips the BOM.
    return this.decode(this.start(bytes), bytes, true);
  }

  private decode(decoder: Decoder, chunk: Uint8Array, first = false): string {
    if (chunk.length === 0) return '';
    if (!first && this.clean && this.asciiText !== undefined) {
      const text = this.asciiText(chunk);
      if (text !== undefined) return text;
    }
    this.clean = this.detected === 'utf-8' && (chunk[chunk.length - 1] as number) < 0x80;
    return decoder.decode(chunk, { stream: true });
  }

  end(): string {
    if (this.decoder === undefined) {
      const bytes = this.pending ?? new Uint8Array(0);
      this.pending = undefined;
      return this.start(bytes).decode(bytes);
    }
    return this.decoder.decode();
  }

  private start(head: Uint8Array): Decoder {
    this.detected = sniffEncoding(head);
    // TextDecoder strips a BOM matching its own encoding (ignoreBOM: false).
    this.decoder = new TextDecoder(this.detected, { fatal: false });
    return this.decoder;
  }
}

/** Decides the encoding from the first bytes of a file. */
export function sniffEncoding(head: Uint8Array): LogEncoding {
  const [b0, b1, b2] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  // No BOM: logs are mostly ASCII, so UTF-16 shows as a NUL in every other byte.
  if (head.length >= 2 && b0 !== 0 && b1 === 0) return 'utf-16le';
  if (head.length >= 2 && b0 === 0 && b1 !== 0) return 'utf-16be';
  return 'utf-8';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
