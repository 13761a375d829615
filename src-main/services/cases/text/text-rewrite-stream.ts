import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

/** A text rewrite applied to whole pieces of text (pure; may be called many times per stream). */
export type TextRewrite = (text: string) => string;

export interface TextRewriteOptions {
  /**
   * Longest piece held while waiting for a line end. Past it the text is cut at a structural
   * character ('>', '}', ']') so a 100 MB single-line JSON still streams in bounded memory.
   */
  maxPendingChars?: number;
}

const DEFAULT_MAX_PENDING = 1024 * 1024;

type TextEncoding = 'utf8' | 'utf16le';

/**
 * Applies `rewrite` to text flowing through, cut only at line ends (or, for huge lines, at a
 * structural character). Every pattern we rewrite (tokens, addresses, identifiers) fits on one
 * line, so none is ever split across two pieces. The encoding is taken from the byte-order mark:
 * UTF-16LE with BOM (Windows PowerShell's Out-File) stays UTF-16LE; anything else is UTF-8.
 */
export function createTextRewriteStream(rewrite: TextRewrite, options: TextRewriteOptions = {}): Transform {
  const maxPending = options.maxPendingChars ?? DEFAULT_MAX_PENDING;
  let encoding: TextEncoding | undefined;
  let decoder: StringDecoder | undefined;
  let head = Buffer.alloc(0);
  let pending = '';

  const encode = (text: string) => Buffer.from(text, encoding ?? 'utf8');

  function takeReadyPiece(): string | undefined {
    const lineEnd = pending.lastIndexOf('\n');
    let cut = lineEnd >= 0 ? lineEnd + 1 : -1;
    if (cut < 0 && pending.length > maxPending) {
      const structural = Math.max(
        pending.lastIndexOf('>'),
        pending.lastIndexOf('}'),
        pending.lastIndexOf(']'),
      );
      // Without any structure, cut hard but keep a tail long enough for any single pattern.
      cut = structural > 0 ? structural + 1 : pending.length - 64 * 1024;
    }
    if (cut <= 0) return undefined;
    const piece = pending.slice(0, cut);
    pending = pending.slice(cut);
    return piece;
  }

  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      try {
        if (decoder === undefined) {
          // Wait for two bytes so the byte-order mark can be recognised.
          head = Buffer.concat([head, chunk]);
          if (head.length < 2) return callback();
          encoding = head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8';
          decoder = new StringDecoder(encoding);
          chunk = head;
          head = Buffer.alloc(0);
        }
        pending += decoder.write(chunk);
        const piece = takeReadyPiece();
        callback(null, piece === undefined ? undefined : encode(rewrite(piece)));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (decoder === undefined) {
          encoding = 'utf8';
          decoder = new StringDecoder('utf8');
          pending += decoder.write(head);
        }
        pending += decoder.end();
        const rest = pending;
        pending = '';
        callback(null, rest.length === 0 ? undefined : encode(rewrite(rest)));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
