import { CODE_PAGES, FIRST_TAG_TOKEN } from './code-pages';
import { WbxmlError, type WbxmlDocument, type WbxmlElement, type WbxmlNode } from './wbxml-model';

// Global tokens (WBXML 1.3 §7.1).
const SWITCH_PAGE = 0x00;
const END = 0x01;
const ENTITY = 0x02;
const STR_I = 0x03;
const LITERAL = 0x04;
const EXT_I_0 = 0x40;
const EXT_I_2 = 0x42;
const PI = 0x43;
const EXT_T_0 = 0x80;
const EXT_T_2 = 0x82;
const STR_T = 0x83;
const EXT_0 = 0xc0;
const EXT_2 = 0xc2;
const OPAQUE = 0xc3;
const HAS_CONTENT = 0x40;
const HAS_ATTRIBUTES = 0x80;
const LATIN1 = 4;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes EAS WBXML (MS-ASWBXML) into an element tree. The code page is tracked across the whole
 * document, not per element: encoders switch pages only when the page changes, even between
 * siblings (eas-reference.md §4.1). String tables, entities and OPAQUE data are read; attributes
 * (never used by EAS) are skipped. The walk is iterative, so a deeply nested document cannot
 * overflow the stack. Throws WbxmlError naming the byte where the input stops making sense.
 */
export function decodeWbxml(bytes: Uint8Array): WbxmlDocument {
  const reader = new Reader(bytes);
  const version = reader.byte('the WBXML version');
  if (version > 0x03) throw new WbxmlError(`WBXML version 0x${version.toString(16)} is not supported`, 0);
  const publicId = reader.mbUint32();
  if (publicId === 0) reader.mbUint32(); // public id given as a string-table index; EAS never does this
  const charset = reader.mbUint32();
  const tableLength = reader.mbUint32();
  const table = reader.take(tableLength, 'the string table');
  // EAS sends UTF-8 (106); other charsets do not occur and are read as UTF-8 rather than refused.
  const decodeText = charset === LATIN1 ? (b: Uint8Array) => latin1.decode(b) : decodeUtf8;

  let page = 0;
  let root: WbxmlElement | undefined;
  const stack: WbxmlElement[] = [];
  while (!reader.done) {
    const at = reader.offset;
    const token = reader.byte('a token');
    const parent = stack[stack.length - 1];
    if (token === SWITCH_PAGE) {
      page = reader.byte('a code page number');
      continue;
    }
    if (token === END) {
      if (stack.length === 0) {
        if (root !== undefined) continue; // stray END after the root: ignored, as libwbxml does
        throw new WbxmlError('END before any element', at);
      }
      stack.pop();
      if (stack.length === 0) break;
      continue;
    }
    if (token === STR_I || token === ENTITY || token === STR_T || token === OPAQUE || (token >= EXT_I_0 && token <= EXT_I_2) || (token >= EXT_T_0 && token <= EXT_T_2) || (token >= EXT_0 && token <= EXT_2)) {
      const node = readContent(reader, token, table, decodeText);
      if (parent === undefined) throw new WbxmlError('text outside the root element', at);
      if (node !== undefined) parent.children.push(node);
      continue;
    }
    if (token === PI) throw new WbxmlError('processing instructions are not used by EAS', at);
    // A tag: the low six bits are the token, 0x40 = has content, 0x80 = has attributes.
    const tagToken = token & 0x3f;
    const name = tagToken === LITERAL ? literalName(reader, table, decodeText) : tagName(page, tagToken);
    const element: WbxmlElement = { kind: 'element', page, token: tagToken, name, namespace: CODE_PAGES[page]?.namespace ?? `CodePage${page}`, children: [] };
    if ((token & HAS_ATTRIBUTES) !== 0) skipAttributes(reader, table);
    if (parent === undefined) {
      if (root !== undefined) throw new WbxmlError('a second root element', at);
      root = element;
    } else {
      parent.children.push(element);
    }
    if ((token & HAS_CONTENT) !== 0) stack.push(element);
    else if (parent === undefined) break;
  }
  if (root === undefined) throw new WbxmlError('no element in the document', reader.offset);
  if (stack.length > 0) throw new WbxmlError(`the document ends inside <${stack[stack.length - 1]?.name}>`, reader.offset);
  return { version, publicId, charset, root };
}

/** Reads one content token (text, entity, opaque, extension); undefined for empty content. */
function readContent(reader: Reader, token: number, table: Uint8Array, decodeText: (b: Uint8Array) => string): WbxmlNode | undefined {
  if (token === STR_I || (token >= EXT_I_0 && token <= EXT_I_2)) {
    const text = decodeText(reader.cString());
    return text.length === 0 ? undefined : { kind: 'text', text };
  }
  if (token === OPAQUE) {
    const length = reader.mbUint32();
    const bytes = reader.take(length, 'OPAQUE data');
    return bytes.length === 0 ? undefined : { kind: 'opaque', bytes };
  }
  if (token === ENTITY) return { kind: 'text', text: String.fromCodePoint(Math.min(reader.mbUint32(), 0x10ffff)) };
  if (token === STR_T) {
    const text = decodeText(tableString(table, reader.mbUint32(), reader.offset));
    return text.length === 0 ? undefined : { kind: 'text', text };
  }
  if (token >= EXT_T_0 && token <= EXT_T_2) reader.mbUint32();
  return undefined; // EXT_0..2 carry no data, and EAS gives extensions no meaning
}

function tagName(page: number, token: number): string {
  const name = CODE_PAGES[page]?.tags[token - FIRST_TAG_TOKEN];
  return name === undefined || name === '' ? `Unknown_${page}_0x${token.toString(16).toUpperCase().padStart(2, '0')}` : name;
}

function literalName(reader: Reader, table: Uint8Array, decodeText: (b: Uint8Array) => string): string {
  const at = reader.offset;
  return decodeText(tableString(table, reader.mbUint32(), at)) || 'Literal';
}

/** Attribute lists end with END; their tokens and values are read and dropped. */
function skipAttributes(reader: Reader, table: Uint8Array): void {
  for (;;) {
    const at = reader.offset;
    const token = reader.byte('an attribute');
    if (token === END) return;
    if (token === SWITCH_PAGE) reader.byte('a code page number');
    else if (token === STR_I || (token >= EXT_I_0 && token <= EXT_I_2)) reader.cString();
    else if (token === STR_T || token === LITERAL || token === ENTITY || (token >= EXT_T_0 && token <= EXT_T_2)) tableString(table, token === ENTITY ? 0 : reader.mbUint32(), at);
    else if (token === OPAQUE) reader.take(reader.mbUint32(), 'OPAQUE data');
  }
}

function tableString(table: Uint8Array, index: number, at: number): Uint8Array {
  if (index > table.length) throw new WbxmlError(`string-table reference ${index} is outside the table`, at);
  let end = index;
  while (end < table.length && table[end] !== 0) end++;
  return table.subarray(index, end);
}

/** UTF-8 decoding with a fast path for the all-ASCII strings that make up most of EAS. */
function decodeUtf8(bytes: Uint8Array): string {
  const length = bytes.length;
  if (length > 64) return utf8.decode(bytes);
  let text = '';
  for (let i = 0; i < length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) return utf8.decode(bytes);
    text += String.fromCharCode(b);
  }
  return text;
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  byte(what: string): number {
    const b = this.bytes[this.offset];
    if (b === undefined) throw new WbxmlError(`the document ends where ${what} was expected`, this.offset);
    this.offset++;
    return b;
  }

  /** WBXML multi-byte integer: 7 bits per byte, high bit = more bytes follow. */
  mbUint32(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte('a multi-byte integer');
      value = value * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) return value;
    }
    throw new WbxmlError('a multi-byte integer longer than 32 bits', this.offset);
  }

  take(length: number, what: string): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new WbxmlError(`${what} (${length} bytes) runs past the end of the document`, this.offset);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** A NUL-terminated inline string. */
  cString(): Uint8Array {
    const end = this.bytes.indexOf(0, this.offset);
    if (end === -1) throw new WbxmlError('an inline string has no terminating NUL', this.offset);
    const out = this.bytes.subarray(this.offset, end);
    this.offset = end + 1;
    return out;
  }
}
