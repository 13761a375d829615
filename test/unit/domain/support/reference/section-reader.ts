/**
 * The section reader as it was before it was rewritten for speed (every line visited), kept only
 * as the reference the rewritten reader is held to in property tests.
 */
import { KNOWN_SECTIONS, SECTION_KEY } from '../../../../../src-main/domain/mailbox-log/section-names';

/**
 * Splits one entry's text into its `Key : ` sections. A line is a key when it matches
 * `Name : ` and the name is known (or an `…_Exception`), or — for names this parser does not know —
 * when it follows a blank line, as Exchange writes every section. Values are cut straight out of
 * the entry text (no per-line strings) with blank lines trimmed at both ends; they may keep CR
 * characters, which every reader tolerates.
 */
export function referenceReadSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const length = text.length;
  let key: string | undefined;
  let valueStart = 0;
  let previousBlank = true;
  let pos = 0;
  while (pos < length) {
    let newline = text.indexOf('\n', pos);
    if (newline === -1) newline = length;
    let end = newline;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const name = keyAt(text, pos, end, previousBlank || key === undefined);
    if (name !== undefined) {
      if (key !== undefined) add(sections, key, text, valueStart, pos);
      key = name;
      valueStart = newline + 1;
      previousBlank = false;
    } else {
      previousBlank = isBlank(text, pos, end);
    }
    pos = newline + 1;
  }
  if (key !== undefined) add(sections, key, text, valueStart, length);
  return sections;
}

function keyAt(text: string, start: number, end: number, unknownAllowed: boolean): string | undefined {
  const length = end - start;
  if (length < 3 || length > 100) return undefined;
  const last = text.charCodeAt(end - 1);
  if (last !== 32 && last !== 58) return undefined;
  const first = text.charCodeAt(start);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return undefined;
  const match = SECTION_KEY.exec(text.slice(start, end));
  if (!match) return undefined;
  const name = match[1] as string;
  if (KNOWN_SECTIONS.has(name) || name.endsWith('_Exception') || unknownAllowed) return name;
  return undefined;
}

function add(sections: Map<string, string>, key: string, text: string, start: number, end: number): void {
  // Trim blank lines (and trailing whitespace) at both ends without splitting into lines.
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let lineStart = start;
  while (lineStart < end) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1 || newline >= end) break;
    if (!isBlank(text, lineStart, newline)) break;
    lineStart = newline + 1;
  }
  const value = text.slice(lineStart, end);
  const before = sections.get(key);
  sections.set(key, before === undefined ? value : `${before}\n${value}`);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** True for an empty or whitespace-only line, without allocating. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
