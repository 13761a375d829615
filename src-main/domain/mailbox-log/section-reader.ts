import { KNOWN_SECTIONS } from './section-names';

/**
 * Splits one entry's text into its `Key : ` sections. A line is a key when it is `Name :` (or
 * `Name : `; the trailing space may be lost when a file is re-saved) and the name is known (or an
 * `…_Exception`), or — for names this parser does not know — when it follows a blank line, as
 * Exchange writes every section. Values are cut straight out of the entry text (no per-line
 * strings) with blank lines trimmed at both ends; they may keep CR characters, which every reader
 * tolerates.
 *
 * Only the places where " :" occurs are examined, not every line: an entry has a dozen keys among
 * some seventy lines, and this runs for every entry of a 200 MB log.
 */
export function readSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const length = text.length;
  let key: string | undefined;
  let valueStart = 0;
  for (let at = text.indexOf(' :'); at !== -1; at = text.indexOf(' :', at + 2)) {
    // The line must end right after " :" (and one optional space).
    let after = at + 2;
    if (after < length && text.charCodeAt(after) === 32) after++;
    let newline: number;
    if (after >= length) newline = length;
    else {
      const c = text.charCodeAt(after);
      if (c === 10) newline = after;
      else if (c === 13 && (after + 1 >= length || text.charCodeAt(after + 1) === 10)) newline = after + 1 >= length ? length : after + 1;
      else continue;
    }
    // The name runs from the line start to the " :".
    let lineStart = at;
    while (lineStart > 0) {
      const c = text.charCodeAt(lineStart - 1);
      if (c >= 128 || NAME_CHAR[c] === 0) break;
      lineStart--;
    }
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) continue;
    if (lineStart === at || !isLetter(text.charCodeAt(lineStart))) continue;
    const lineLength = after - lineStart;
    if (lineLength < 3 || lineLength > 100) continue;
    // Known names are recognised in place and the constant is used: no string cut per key line.
    const known = knownNameAt(text, lineStart, at);
    const name = known ?? text.slice(lineStart, at);
    if (!(known !== undefined || name.endsWith('_Exception') || key === undefined || previousLineBlank(text, lineStart))) continue;
    if (key !== undefined) add(sections, key, text, valueStart, lineStart);
    key = name;
    valueStart = newline + 1;
  }
  if (key !== undefined) add(sections, key, text, valueStart, length);
  return sections;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [A-Za-z0-9_], as a table. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHAR[c] = isLetter(c) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0;

/** The known section names, by length. */
const KNOWN_BY_LENGTH: ReadonlyArray<readonly string[]> = (() => {
  const byLength: string[][] = [];
  for (const name of KNOWN_SECTIONS) (byLength[name.length] ??= []).push(name);
  return byLength;
})();

/** The known section name that text[start, end) spells, if it is one. */
function knownNameAt(text: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates === undefined) return undefined;
  const first = text.charCodeAt(start);
  for (const name of candidates) if (name.charCodeAt(0) === first && spellsAt(text, start, name)) return name;
  return undefined;
}

/** text.startsWith(name, start) when their first characters are already known equal, compared by hand (the built-in call cost more than the comparison). */
export function spellsAt(text: string, start: number, name: string): boolean {
  for (let i = 1; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) return false;
  return true;
}

/** Whether the line before the one starting at lineStart is blank (true for the first line). */
function previousLineBlank(text: string, lineStart: number): boolean {
  if (lineStart === 0) return true;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return isBlank(text, previousStart, lineStart - 1);
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
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
