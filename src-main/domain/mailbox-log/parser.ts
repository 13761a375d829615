import { BodyScanMemo } from './body-scanner';
import type { LogEntry, ParseWarning } from './entry-model';
import { BodyFactsMemo, interpretEntry, type InterpretCaches } from './interpret-entry';
import { EntryContextCache } from './interpreted-entry';
import { RequestHeaderMemo } from './request-line';
import { LineValueMemo, ResponseHeaderMemo } from './value-memos';
import { EntrySplitter } from './entry-splitter';
import { readSectionsInto, Sections } from './section-reader';
import { StringPool } from './string-pool';
import { LogTextDecoder, type AsciiText, type LogEncoding } from './text-decoder';

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
  /** The runtime's fast reading of all-ASCII bytes, when it has one (see AsciiText). */
  asciiText?: AsciiText;
}

/** A RequestTime key at a line start: a log pasted without its first entry header. */
const IMPLICIT_ENTRY = /(?:^|\n)RequestTime :\s?\r?\n/;

/**
 * Streaming mailbox-log parser with a push API: `push(bytes)` any number of times, then `end()`.
 * Entries are emitted as soon as the next one starts, so memory holds one entry at a time, not the
 * file. Layout per eas-reference.md §1.2: entries split on the dashes / `Log Entry: n` / dashes
 * triple, sections on `Key : ` lines; unknown keys are kept generically.
 */
export class MailboxLogParser {
  private readonly decoder: LogTextDecoder;
  private readonly splitter: EntrySplitter;
  private readonly pool: StringPool;
  /** Repeated bodies (a phone's Pings) are scanned once per run of equal ones; repeated parts of entries are shared. */
  private readonly caches: InterpretCaches = { request: new BodyScanMemo(), response: new BodyScanMemo(), contexts: new EntryContextCache(), facts: new BodyFactsMemo(), requestHeaders: new RequestHeaderMemo(), responses: new ResponseHeaderMemo(), lines: new LineValueMemo() };
  /** One entry's sections; reused, as interpretEntry keeps nothing of it. */
  private readonly sections = new Sections();
  private lastEntryNumber = -1;
  private seq: number;
  private report: number;
  private reportUsed = false;
  private emitted = 0;
  private strayChars = 0;
  private warnedReplacement = false;
  private ended = false;

  constructor(private readonly options: MailboxLogParserOptions) {
    this.decoder = new LogTextDecoder(options.asciiText);
    this.splitter = new EntrySplitter({
      entry: (entryNumber, text) => this.onEntryText(entryNumber, text),
      preamble: (text) => this.onPreamble(text),
    });
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
    this.splitter.end();
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
    this.splitter.push(text);
    if (!this.splitter.started && this.splitter.heldLength > (this.options.sniffLimitChars ?? 1_048_576)) {
      this.ended = true;
      throw new NotAMailboxLogError(`${this.label()} is not an EAS mailbox log: its start has no "Log Entry" header.`);
    }
  }

  /** Text before the first header: a header-less log if it has sections, otherwise stray text. */
  private onPreamble(text: string): void {
    const implicit = IMPLICIT_ENTRY.exec(text);
    if (implicit === null) {
      this.strayChars += text.trim().length;
      return;
    }
    this.strayChars += text.slice(0, implicit.index).trim().length;
    this.onEntryText(undefined, text.slice(implicit.index));
  }

  private onEntryText(entryNumber: number | undefined, text: string): void {
    if (entryNumber !== undefined) {
      if (entryNumber <= this.lastEntryNumber && this.reportUsed) this.report++;
      this.lastEntryNumber = entryNumber;
    }
    this.reportUsed = true;
    const sections = this.sections;
    readSectionsInto(text, sections);
    if (sections.size === 0) {
      this.warn({ kind: 'truncated-entry', message: `Log entry ${entryNumber ?? '?'} has a header but no content.` });
      return;
    }
    const seq = this.seq++;
    const entry = interpretEntry(sections, { seq, entryNumber, reportIndex: this.report, source: this.options.source, fallbackDevice: this.options.fallbackDevice }, this.pool, this.caches);
    this.emitted++;
    // A pending request (request whole, no answer yet) is normal (facts F29); only a cut-off one is damage.
    if (!entry.complete && !entry.pending) {
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

