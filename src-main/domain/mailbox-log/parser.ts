import type { LogEntry, ParseWarning } from './entry-model';
import { interpretEntry } from './interpret-entry';
import { LineSplitter } from './line-splitter';
import { KNOWN_SECTIONS, SECTION_KEY } from './section-names';
import { StringPool } from './string-pool';
import { LogTextDecoder, type LogEncoding } from './text-decoder';

/** The input is not a mailbox log at all (a clear, one-line reason for the operator). */
export class NotAMailboxLogError extends Error {
  override name = 'NotAMailboxLogError';
}

export interface MailboxLogParserOptions {
  onEntry(entry: LogEntry): void;
  onWarning?(warning: ParseWarning): void;
  /** A label for the input (file name), carried on entries and warnings. */
  source?: string;
  /** Device identity from an emailed file name, for entries whose request line lacks it. */
  fallbackDevice?: { deviceId?: string; deviceType?: string };
  /** Numbering continues across files: first entry sequence number (1-based) and report index. */
  firstSeq?: number;
  firstReportIndex?: number;
  /** How much text may go by without a single entry before the input is rejected. */
  sniffLimitChars?: number;
  /** Shared between parsers of one analysis so repeated strings are stored once. */
  pool?: StringPool;
}

const DASHES = /^-{10,}$/;
const ENTRY_HEADER = /^\s*Log Entry:\s*(\d+)\s*$/;

/**
 * Streaming mailbox-log parser with a push API: `push(bytes)` any number of times, then `end()`.
 * Entries are emitted as soon as the next one starts, so memory holds one entry at a time, not the
 * file. Layout per eas-reference.md §1.2: entries split on the dashes / `Log Entry: n` / dashes
 * triple, sections on `Key : ` lines; unknown keys are kept generically.
 */
export class MailboxLogParser {
  private readonly decoder = new LogTextDecoder();
  private readonly lines: LineSplitter;
  private readonly pool: StringPool;
  private sections: Map<string, string> | undefined;
  private entryNumber: number | undefined;
  private key: string | undefined;
  private value: string[] = [];
  private previousEmpty = true;
  private pendingDash: string | undefined;
  private expectClosingDash = false;
  private lastEntryNumber = -1;
  private seq: number;
  private report: number;
  private reportUsed = false;
  private emitted = 0;
  private charsBeforeFirstEntry = 0;
  private strayChars = 0;
  private warnedReplacement = false;
  private ended = false;

  constructor(private readonly options: MailboxLogParserOptions) {
    this.lines = new LineSplitter((line) => this.onLine(line));
    this.pool = options.pool ?? new StringPool();
    this.seq = options.firstSeq ?? 1;
    this.report = options.firstReportIndex ?? 0;
  }

  /** The encoding found in the input (after the first bytes). */
  get encoding(): LogEncoding | undefined {
    return this.decoder.encoding;
  }

  /** The sequence number the next parser should start at. */
  get nextSeq(): number {
    return this.seq;
  }

  /** The report index the next parser should start at. */
  get nextReportIndex(): number {
    return this.reportUsed ? this.report + 1 : this.report;
  }

  get entryCount(): number {
    return this.emitted;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('push() after end()');
    this.feed(this.decoder.push(chunk));
  }

  end(): void {
    if (this.ended) return;
    this.feed(this.decoder.end());
    this.lines.end();
    if (this.pendingDash !== undefined) this.appendValue(this.pendingDash);
    this.finishEntry();
    this.ended = true;
    if (this.emitted === 0) {
      throw new NotAMailboxLogError(`${this.label()} is not an EAS mailbox log: no "Log Entry" or RequestTime sections were found.`);
    }
    if (this.strayChars > 0) {
      this.warn({ kind: 'stray-text', message: `${this.strayChars} characters outside any log entry were ignored.` });
    }
  }

  private feed(text: string): void {
    if (text.length === 0) return;
    if (!this.warnedReplacement && text.includes('\uFFFD')) {
      this.warnedReplacement = true;
      this.warn({ kind: 'replacement-characters', message: 'Some bytes could not be read as text and were replaced; the file may be damaged or mixed encodings.' });
    }
    this.lines.push(text);
    if (this.emitted === 0 && this.sections === undefined) {
      this.charsBeforeFirstEntry += text.length;
      if (this.charsBeforeFirstEntry > (this.options.sniffLimitChars ?? 1_048_576)) {
        this.ended = true;
        throw new NotAMailboxLogError(`${this.label()} is not an EAS mailbox log: its start has no "Log Entry" or RequestTime sections.`);
      }
    }
  }

  private onLine(line: string): void {
    const first = line.charCodeAt(0);
    if (first === 45 && DASHES.test(line)) {
      if (this.expectClosingDash) {
        this.expectClosingDash = false;
        return;
      }
      if (this.pendingDash !== undefined) this.appendValue(this.pendingDash);
      this.pendingDash = line;
      return;
    }
    const header = line.length < 40 && (first === 32 || first === 76) ? ENTRY_HEADER.exec(line) : null;
    if (header) {
      this.pendingDash = undefined;
      this.startEntry(Number(header[1]));
      this.expectClosingDash = true;
      return;
    }
    this.expectClosingDash = false;
    if (this.pendingDash !== undefined) {
      this.appendValue(this.pendingDash);
      this.pendingDash = undefined;
    }
    const key = this.sectionKey(line);
    if (key !== undefined) {
      if (this.sections === undefined) this.startEntry(undefined);
      this.finishSection();
      this.key = key;
      this.previousEmpty = false;
      return;
    }
    this.appendValue(line);
  }

  /** A line is a section key when it looks like `Name : ` and is either a known name or follows a blank line. */
  private sectionKey(line: string): string | undefined {
    const length = line.length;
    if (length < 3 || length > 100) return undefined;
    const last = line.charCodeAt(length - 1);
    if (last !== 32 && last !== 58) return undefined;
    const match = SECTION_KEY.exec(line);
    if (!match) return undefined;
    const name = match[1] as string;
    if (KNOWN_SECTIONS.has(name) || name.endsWith('_Exception')) return name;
    if (this.sections !== undefined && (this.previousEmpty || this.key === undefined)) return name;
    return undefined;
  }

  private appendValue(line: string): void {
    this.previousEmpty = isBlank(line);
    if (this.key !== undefined) this.value.push(line);
    else if (!this.previousEmpty) this.strayChars += line.length;
  }

  private startEntry(entryNumber: number | undefined): void {
    this.finishEntry();
    if (entryNumber !== undefined) {
      if (entryNumber <= this.lastEntryNumber && this.reportUsed) this.report++;
      this.lastEntryNumber = entryNumber;
    }
    this.reportUsed = true;
    this.sections = new Map();
    this.entryNumber = entryNumber;
    this.key = undefined;
    this.value = [];
    this.previousEmpty = true;
  }

  private finishSection(): void {
    if (this.sections === undefined || this.key === undefined) return;
    let end = this.value.length;
    while (end > 0 && isBlank(this.value[end - 1] as string)) end--;
    let start = 0;
    while (start < end && isBlank(this.value[start] as string)) start++;
    const text = end - start === 1 ? (this.value[start] as string) : this.value.slice(start, end).join('\n');
    const before = this.sections.get(this.key);
    this.sections.set(this.key, before === undefined ? text : `${before}\n${text}`);
    this.key = undefined;
    this.value = [];
  }

  private finishEntry(): void {
    if (this.sections === undefined) return;
    this.finishSection();
    const sections = this.sections;
    this.sections = undefined;
    if (sections.size === 0) {
      this.warn({ kind: 'truncated-entry', message: `Log entry ${this.entryNumber ?? '?'} has a header but no content.` });
      return;
    }
    const seq = this.seq++;
    const entry = interpretEntry(sections, { seq, entryNumber: this.entryNumber, reportIndex: this.report, source: this.options.source, fallbackDevice: this.options.fallbackDevice }, this.pool);
    this.emitted++;
    if (!entry.complete) {
      this.warn({ kind: 'truncated-entry', seq, message: `Log entry ${seq} is cut off (no response part); it was read as far as it goes.` });
    }
    if (entry.requestTime === undefined) {
      const raw = sections.get('RequestTime');
      this.warn(raw === undefined
        ? { kind: 'missing-request-time', seq, message: `Log entry ${seq} has no RequestTime; it is kept in file order.` }
        : { kind: 'unreadable-time', seq, message: `Log entry ${seq} has a RequestTime that could not be read; it is kept in file order.` });
    }
    this.options.onEntry(entry);
  }

  private warn(warning: ParseWarning): void {
    this.options.onWarning?.({ ...warning, source: this.options.source });
  }

  private label(): string {
    return this.options.source === undefined ? 'The input' : `"${this.options.source}"`;
  }
}

/** True for an empty or whitespace-only line, without allocating a trimmed copy. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
