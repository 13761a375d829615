import { OPAQUE_TAGS } from './code-pages';
import type { WbxmlDocument, WbxmlElement, WbxmlNode } from './wbxml-model';

export interface XmlWriteOptions {
  /** Spaces per level; 0 writes everything on one line. Default 2. */
  indent?: number;
}

const PROLOG = '<?xml version="1.0"?>';
const DOCTYPE = '<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">';
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** For bytes libwbxml copies verbatim: a leading BOM is content, not a marker to drop. */
const utf8Verbatim = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Writes a decoded document as XML in the shape Debian's `wbxml2xml -l ACTIVESYNC -m 1 -i 2`
 * writes it (our test oracle): `xmlns="Page:"` where an element's page differs from its parent's;
 * text with control characters dropped and outer whitespace trimmed; OPAQUE data of the binary
 * tags (ConversationId, MIME, Content…) as base64, other OPAQUE data as text when it is UTF-8 and
 * as base64 otherwise. An element with no content is written `<Name/>`.
 */
export function wbxmlToXml(document: WbxmlDocument, options: XmlWriteOptions = {}): string {
  const indent = options.indent ?? 2;
  const newline = indent > 0 ? '\n' : '';
  return `${PROLOG}${newline}${DOCTYPE}${newline}${writeElement(document.root, undefined, 0, indent)}`;
}

/** The text content of an element as the writer renders it (for readers that want values). */
export function elementText(element: WbxmlElement): string {
  return cleanText(rawText(element));
}

function rawText(element: WbxmlElement): string {
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (only?.kind === 'text') return only.text;
  let text = '';
  for (const child of element.children) if (child.kind !== 'element') text += contentText(element, child);
  return text;
}

interface Frame {
  element: WbxmlElement;
  next: number;
  depth: number;
}

function writeElement(root: WbxmlElement, parentNamespace: string | undefined, depth: number, indent: number): string {
  // Iterative walk so that a deeply nested document cannot overflow the stack. The output grows by
  // string concatenation (V8 ropes), which allocates far less than an array of pieces and a join.
  const newline = indent > 0 ? '\n' : '';
  const pads: string[] = [];
  const padOf = (level: number): string => (pads[level] ??= ' '.repeat(indent * level));
  const stack: Frame[] = [];
  let out = '';
  const open = (element: WbxmlElement, parentNs: string | undefined, level: number, grandparent?: WbxmlElement): void => {
    const pad = padOf(level);
    const ns = element.namespace !== parentNs ? ` xmlns="${element.namespace}:"` : '';
    if (element.children.length === 0) {
      out += `${pad}<${element.name}${ns}/>${newline}`;
      return;
    }
    if (!element.children.some((c) => c.kind === 'element')) {
      // libwbxml writes a Data element under Add/<something> as CDATA (untrimmed there); the same
      // text either way. OPAQUE bytes there are shown as text when they are text (as libwbxml
      // does), otherwise as base64: see LIBWBXML_OUTPUT_DIFFERENCES.
      const cdata = element.name === 'Data' && grandparent?.name === 'Add';
      const raw = cdata ? cdataText(element) : rawText(element);
      const content = cdata && !raw.includes(']]>') ? `<![CDATA[${dropControls(raw)}]]>` : escape(cleanText(raw));
      out += `${pad}<${element.name}${ns}>${content}</${element.name}>${newline}`;
      return;
    }
    out += `${pad}<${element.name}${ns}>${newline}`;
    stack.push({ element, next: 0, depth: level });
  };
  open(root, parentNamespace, depth);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.element.children[frame.next++];
    if (child === undefined) {
      stack.pop();
      out += `${padOf(frame.depth)}</${frame.element.name}>${newline}`;
      continue;
    }
    if (child.kind === 'element') open(child, frame.element.namespace, frame.depth + 1, stack[stack.length - 2]?.element);
    else {
      // Mixed content does not occur in EAS; its text goes on a line of its own.
      const text = cleanText(contentText(frame.element, child));
      if (text.length > 0) out += `${escape(text)}${newline}`;
    }
  }
  return out;
}

/**
 * Where our XML differs from libwbxml's `wbxml2xml -l ACTIVESYNC` on purpose (the names it spells
 * differently are in LIBWBXML_NAME_DIFFERENCES). Our decoder's job is a faithful, readable decode:
 * where libwbxml's output is lossy or not well-formed XML, we do not copy it.
 * - OPAQUE data in a libwbxml CDATA context (a `Data` element whose grandparent is `Add`, a SyncML
 *   rule libwbxml applies to every language) that is not text: bytes that are not UTF-8, C0 control
 *   characters (NUL included) other than tab and line feed, or a `]]>`. libwbxml copies the raw
 *   bytes into the CDATA section, which is not well-formed XML (NUL and invalid UTF-8 are not
 *   allowed, `]]>` ends the section early); we write base64, as everywhere else for binary data.
 *   OPAQUE data there that is text is written as that text, exactly as libwbxml writes it.
 * - Inline text (STR_I/STR_T) in the binary tags (OPAQUE_TAGS): libwbxml base64-encodes it; we
 *   show the text as text.
 */
export const LIBWBXML_OUTPUT_DIFFERENCES = ['opaque-non-text-in-cdata', 'inline-text-in-binary-tags'] as const;

/** The content of a leaf in a CDATA context: OPAQUE text as text, other OPAQUE data as base64. */
function cdataText(element: WbxmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (child.kind === 'text') text += child.text;
    else if (child.kind === 'opaque') text += opaqueAsCdataText(child.bytes) ?? toBase64(child.bytes);
  }
  return text;
}

/** The bytes as text if libwbxml's raw CDATA copy of them is well-formed, readable XML text. */
export function opaqueAsCdataText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8Verbatim.decode(bytes);
  } catch {
    return undefined;
  }
  CONTROLS.lastIndex = 0;
  if (CONTROLS.test(text) || text.includes(']]>')) return undefined;
  return text;
}

function contentText(parent: WbxmlElement, node: Exclude<WbxmlNode, WbxmlElement>): string {
  if (node.kind === 'text') return node.text;
  if (OPAQUE_TAGS.has(parent.page * 64 + parent.token)) return toBase64(node.bytes);
  try {
    return utf8.decode(node.bytes);
  } catch {
    return toBase64(node.bytes);
  }
}

/** Drops C0 control characters other than tab and line feed, then trims, as libwbxml does. */
function cleanText(text: string): string {
  // Trimmed by hand: a regex anchored at the end retries from every space of a long text.
  const kept = dropControls(text);
  let start = 0;
  let end = kept.length;
  while (start < end && isTrimmed(kept.charCodeAt(start))) start++;
  while (end > start && isTrimmed(kept.charCodeAt(end - 1))) end--;
  return start === 0 && end === kept.length ? kept : kept.slice(start, end);
}

function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F]/g;

function dropControls(text: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, '') : text;
}

function escape(text: string): string {
  if (!/[&<>"']/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
