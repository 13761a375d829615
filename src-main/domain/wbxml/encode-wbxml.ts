import { CODE_PAGES, FIRST_TAG_TOKEN } from './code-pages';
import type { WbxmlElement } from './wbxml-model';

/** An element to encode: namespace + name, and either children, text or opaque bytes. */
export interface XmlElementInput {
  namespace: string;
  name: string;
  children?: XmlElementInput[];
  text?: string;
  opaque?: Uint8Array;
}

const tokens = new Map<string, { page: number; token: number }>();
CODE_PAGES.forEach((page, index) => page.tags.forEach((name, i) => name !== '' && tokens.set(`${page.namespace}:${name}`, { page: index, token: i + FIRST_TAG_TOKEN })));

/**
 * Encodes an element tree as EAS WBXML, exactly as EAS peers do (header 03 01 6A 00, SWITCH_PAGE
 * only when the page changes, STR_I for text, OPAQUE for bytes). Used to build test captures and
 * the benchmark corpus; the product only decodes.
 */
export function encodeWbxml(root: XmlElementInput | WbxmlElement): Uint8Array {
  const out = new ByteWriter();
  out.push(0x03, 0x01, 0x6a, 0x00);
  const encoder = new TextEncoder();
  let page = 0;
  const walk = (element: XmlElementInput): void => {
    const code = tokens.get(`${element.namespace}:${element.name}`);
    if (code === undefined) throw new Error(`No WBXML token for ${element.namespace}:${element.name}`);
    if (code.page !== page) {
      out.push(0x00, code.page);
      page = code.page;
    }
    const children = element.children ?? [];
    const hasText = element.text !== undefined && element.text.length > 0;
    const hasOpaque = element.opaque !== undefined;
    if (children.length === 0 && !hasText && !hasOpaque) {
      out.push(code.token);
      return;
    }
    out.push(code.token | 0x40);
    if (hasText) {
      out.push(0x03);
      out.append(encoder.encode(element.text));
      out.push(0x00);
    }
    if (element.opaque !== undefined) {
      out.push(0xc3, ...mbUint32(element.opaque.length));
      out.append(element.opaque);
    }
    for (const child of children) walk(child);
    out.push(0x01);
  };
  walk(toInput(root));
  return out.bytes();
}

/** A growing byte buffer: large bodies must not go through argument spreading. */
class ByteWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;

  push(...bytes: number[]): void {
    this.reserve(bytes.length);
    for (const b of bytes) this.buffer[this.length++] = b;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

function toInput(element: XmlElementInput | WbxmlElement): XmlElementInput {
  if (!('kind' in element)) return element;
  const input: XmlElementInput = { namespace: element.namespace, name: element.name, children: [] };
  for (const child of element.children) {
    if (child.kind === 'element') input.children?.push(toInput(child));
    else if (child.kind === 'text') input.text = (input.text ?? '') + child.text;
    else input.opaque = child.bytes;
  }
  return input;
}

function mbUint32(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}
