/**
 * Renders EAS XML the way Exchange writes it into the mailbox log (AirSyncUtility.BuildOuterXml,
 * eas-reference.md §1.4): an XML declaration with a space before `?>`, one element per line, one
 * TAB per level, `xmlns="Page:"` only where the code page changes, and PII replaced by sizes.
 */
export interface XmlElement {
  name: string;
  ns?: string;
  children: (XmlElement | string)[];
  /** Written as `<Name xmlns="…" bytes="N"/>`: PII truncation. */
  truncatedChars?: number;
  /** Written as `<Body=N bytes/>`, Exchange's own (not well-formed) body marker. */
  bodyBytes?: number;
}

/** An element; a page name in `ns` switches the namespace for it and its children. */
export function el(
  name: string,
  ns: string | null,
  ...children: (XmlElement | string | number)[]
): XmlElement {
  return {
    name,
    ...(ns === null ? {} : { ns }),
    children: children.map((c) => (typeof c === 'number' ? String(c) : c)),
  };
}

/** A PII element Exchange replaced by its character count. */
export function pii(name: string, ns: string | null, chars: number): XmlElement {
  return { ...el(name, ns), truncatedChars: chars };
}

/** An item body Exchange replaced by its size. */
export function bodyMarker(bytes: number): XmlElement {
  return { name: 'Body', children: [], bodyBytes: bytes };
}

/** The whole body with its declaration, lines joined by CRLF. */
export function renderXmlBody(root: XmlElement): string {
  return ['<?xml version="1.0" encoding="utf-8" ?>', ...renderElement(root, 0, undefined)].join('\r\n');
}

function renderElement(node: XmlElement, depth: number, parentNs: string | undefined): string[] {
  const indent = '\t'.repeat(depth);
  const ns = node.ns ?? parentNs;
  const nsAttr = node.ns !== undefined && node.ns !== parentNs ? ` xmlns="${node.ns}"` : '';
  if (node.bodyBytes !== undefined) return [`${indent}<Body=${node.bodyBytes} bytes/>`];
  if (node.truncatedChars !== undefined)
    return [`${indent}<${node.name}${nsAttr} bytes="${node.truncatedChars}"/>`];
  if (node.children.length === 0) return [`${indent}<${node.name}${nsAttr}/>`];
  const [only] = node.children;
  if (node.children.length === 1 && typeof only === 'string') {
    return [`${indent}<${node.name}${nsAttr}>${escapeText(only)}</${node.name}>`];
  }
  const inner = node.children.flatMap((child) =>
    typeof child === 'string' ? [`${indent}\t${escapeText(child)}`] : renderElement(child, depth + 1, ns),
  );
  return [`${indent}<${node.name}${nsAttr}>`, ...inner, `${indent}</${node.name}>`];
}

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
