import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogTextDecoder } from '../../../../src-main/domain/mailbox-log/text-decoder';
import { nodeAsciiText } from '../../../../src-main/services/evidence-import/ascii-text';

/**
 * The parser reads all-ASCII chunks with Node's SIMD copy instead of TextDecoder (issue 14's
 * speed goal). Whatever the bytes and however they are cut, the text must be what TextDecoder
 * alone gives: BOMs, characters split over chunks, damaged sequences at a chunk's end.
 */
const decodeAll = (chunks: readonly Uint8Array[], fast: boolean): string => {
  const decoder = new LogTextDecoder(fast ? nodeAsciiText : undefined);
  return chunks.map((c) => decoder.push(c)).join('') + decoder.end();
};

/** Mostly ASCII runs, with multi-byte characters, lone continuation and lead bytes, and BOMs among them. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\r', '<', ':', '0'), minLength: 1, maxLength: 40 }).map((s) => new TextEncoder().encode(s)) },
  { weight: 2, arbitrary: fc.constantFrom('é', '€', '😀', 'ÿ', '\uFEFF').map((s) => new TextEncoder().encode(s)) },
  { weight: 1, arbitrary: fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xbf, 0x80], [0xfe, 0xff], [0xef, 0xbb, 0xbf]).map((b) => Uint8Array.from(b)) },
);

const cut = (bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] as number;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
};

describe('reading ASCII chunks without TextDecoder', () => {
  it('gives what TextDecoder gives for any bytes and any chunking', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), (pieces, sizes) => {
        const bytes = Uint8Array.from(pieces.flatMap((p) => [...p]));
        const chunks = cut(bytes, sizes);
        expect(decodeAll(chunks, true)).toBe(decodeAll(chunks, false));
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes the fast reading for ASCII chunks after the first, and never for UTF-16', () => {
    let calls = 0;
    const counting = (bytes: Uint8Array) => {
      calls++;
      return nodeAsciiText(bytes);
    };
    const utf8 = new LogTextDecoder(counting);
    for (const part of ['\uFEFFRequestTime : \n', 'abc\n', 'é\n', 'def\n']) utf8.push(new TextEncoder().encode(part));
    // The first chunk goes through TextDecoder (its BOM), then: ASCII (fast), é (not ASCII), ASCII (fast).
    expect(calls).toBe(3);
    calls = 0;
    const utf16 = new LogTextDecoder(counting);
    utf16.push(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
    utf16.push(Uint8Array.from([0x42, 0x00]));
    expect(calls).toBe(0);
  });
});
