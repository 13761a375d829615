import { KNOWN_SECTIONS } from './section-names';
import { spells } from './text-ranges';

/** The known section names in a fixed order: a name's place is its index in a Sections table. */
const KNOWN_LIST: readonly string[] = [...KNOWN_SECTIONS];
const KNOWN_INDEX: ReadonlyMap<string, number> = new Map(KNOWN_LIST.map((name, i) => [name, i]));

/** The index of a known section name, for Sections.known(). */
export function knownSection(name: string): number {
  const index = KNOWN_INDEX.get(name);
  if (index === undefined) throw new Error(`${name} is not a known section`);
  return index;
}

/**
 * One entry's sections in the order they came: a table reused from entry to entry, where known
 * names are found by their index (no Map built and filled for each of 150,000 entries). Reads
 * like the Map it replaces (get, has, size, forEach, keys).
 */
export class Sections {
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  /** Position in names/values of each known name, -1 when absent. */
  private readonly at = new Int32Array(KNOWN_LIST.length).fill(-1);

  /** How many of the names are not known ones. */
  unknownCount = 0;

  /**
   * For each known name (and, in the last slot, the start of an entry): the known name that came
   * next last time, or -1. Exchange writes the sections of every entry in one order, so this
   * guesses the next key; readSectionsInto checks the guess in place (see there).
   */
  readonly nextKnown = new Int16Array(KNOWN_LIST.length + 1).fill(-1);

  get size(): number {
    return this.names.length;
  }

  clear(): void {
    if (this.names.length === 0) return;
    this.at.fill(-1);
    this.unknownCount = 0;
    this.names.length = 0;
    this.values.length = 0;
  }

  /** The value of the known section with this index (see knownSection). */
  known(index: number): string | undefined {
    const position = this.at[index] as number;
    return position < 0 ? undefined : this.values[position];
  }

  hasKnown(index: number): boolean {
    return (this.at[index] as number) >= 0;
  }

  get(name: string): string | undefined {
    const index = KNOWN_INDEX.get(name);
    if (index !== undefined) return this.known(index);
    const position = this.names.indexOf(name);
    return position < 0 ? undefined : this.values[position];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(visit: (value: string, name: string) => void): void {
    for (let i = 0; i < this.names.length; i++) visit(this.values[i] as string, this.names[i] as string);
  }

  keys(): IterableIterator<string> {
    return this.names.values();
  }

  /** Adds a value; a section that comes again gets the new value on a line of its own. */
  add(name: string, index: number, value: string): void {
    const position = index >= 0 ? (this.at[index] as number) : this.names.indexOf(name);
    if (position >= 0) {
      this.values[position] = `${this.values[position] as string}\n${value}`;
      return;
    }
    if (index >= 0) this.at[index] = this.names.length;
    else this.unknownCount++;
    this.names.push(name);
    this.values.push(value);
  }

  static from(map: ReadonlyMap<string, string>): Sections {
    const sections = new Sections();
    map.forEach((value, name) => sections.add(name, KNOWN_INDEX.get(name) ?? -1, value));
    return sections;
  }

  toMap(): Map<string, string> {
    const map = new Map<string, string>();
    this.forEach((value, name) => map.set(name, value));
    return map;
  }
}

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
  const sections = new Sections();
  readSectionsInto(text, sections);
  return sections.toMap();
}

/** readSections into a table the caller reuses (cleared first). */
export function readSectionsInto(text: string, sections: Sections): void {
  sections.clear();
  const length = text.length;
  const nextKnown = sections.nextKnown;
  let key: string | undefined;
  let keyIndex = -1;
  let valueStart = 0;
  /** The known name last read, or the entry start (nextKnown's last slot). */
  let previous = KNOWN_LIST.length;
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
    // Nearly always the line is the known name that followed the previous one last time: one
    // comparison in place says so (the line then starts right before the name). Otherwise the
    // line is read from its start (the built-in search goes back to it); a known name is all name
    // characters and passes every check below.
    let lineStart = -1;
    let index = nextKnown[previous] as number;
    if (index >= 0) {
      const guess = KNOWN_LIST[index] as string;
      const start = at - guess.length;
      if (start >= 0 && (start === 0 || text.charCodeAt(start - 1) === 10) && spells(text, start, at, guess)) lineStart = start;
    }
    if (lineStart < 0) {
      lineStart = text.lastIndexOf('\n', at - 1) + 1;
      index = knownIndexAt(text, lineStart, at);
    }
    if (index < 0) {
      // The name runs from the line start to the " :".
      lineStart = at;
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
      index = knownIndexAt(text, lineStart, at);
    }
    const name = index >= 0 ? (KNOWN_LIST[index] as string) : text.slice(lineStart, at);
    if (!(index >= 0 || name.endsWith('_Exception') || key === undefined || previousLineBlank(text, lineStart))) continue;
    if (key !== undefined) add(sections, key, keyIndex, text, valueStart, lineStart);
    if (index >= 0) {
      nextKnown[previous] = index;
      previous = index;
    }
    key = name;
    keyIndex = index;
    valueStart = newline + 1;
  }
  if (key !== undefined) add(sections, key, keyIndex, text, valueStart, length);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [A-Za-z0-9_], as a table. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) NAME_CHAR[c] = isLetter(c) || (c >= 48 && c <= 57) || c === 95 ? 1 : 0;

/** The known section names by length, with their index. */
const KNOWN_BY_LENGTH: ReadonlyArray<ReadonlyArray<readonly [string, number]>> = (() => {
  const byLength: Array<Array<readonly [string, number]>> = [];
  KNOWN_LIST.forEach((name, i) => (byLength[name.length] ??= []).push([name, i]));
  return byLength;
})();

/** The index of the known section name that text[start, end) spells, or -1. */
function knownIndexAt(text: string, start: number, end: number): number {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates === undefined) return -1;
  // Cut once, compared whole (see text-ranges.ts).
  const name = text.slice(start, end);
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] as readonly [string, number];
    if (candidate[0] === name) return candidate[1];
  }
  return -1;
}

/** Whether the line before the one starting at lineStart is blank (true for the first line). */
function previousLineBlank(text: string, lineStart: number): boolean {
  if (lineStart === 0) return true;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return isBlank(text, previousStart, lineStart - 1);
}

function add(sections: Sections, key: string, index: number, text: string, start: number, end: number): void {
  // Trim blank lines (and trailing whitespace) at both ends without splitting into lines.
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  let lineStart = start;
  while (lineStart < end) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1 || newline >= end) break;
    if (!isBlank(text, lineStart, newline)) break;
    lineStart = newline + 1;
  }
  sections.add(key, index, text.slice(lineStart, end));
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
