import { parseMailboxLogFileName, parseScriptLogFileName } from '../mailbox-log/file-name';
import { MailboxLogParser } from '../mailbox-log/parser';
import { StringPool } from '../mailbox-log/string-pool';
import type { AsciiText } from '../mailbox-log/text-decoder';
import { TimelineCollector, type DeviceTimeline } from '../patterns/device-timeline';
import { analyzeTimelines, type MailboxLogAnalysis } from './analyze-mailbox-log';

/**
 * Analyses one or more mailbox-log inputs as a whole: each input gets its own streaming parser
 * (its own encoding), entries are numbered across inputs and collected per device, and `finish()`
 * runs the detectors. The caller does the I/O: push bytes into `parserFor(name)`, then call `end()`.
 */
export class LogAnalysisSession {
  private readonly collector = new TimelineCollector();
  private readonly pool = new StringPool();
  private nextSeq = 1;
  private nextReport = 0;
  private open: MailboxLogParser | undefined;

  /** `asciiText`: the runtime's fast reading of ASCII bytes (services pass Node's). */
  constructor(private readonly options: { asciiText?: AsciiText } = {}) {}

  /** A parser for the next input; the previous one must have ended. */
  parserFor(source: string): { push(chunk: Uint8Array): void; end(): void } {
    if (this.open !== undefined) throw new Error('The previous input has not ended.');
    const fromName = parseMailboxLogFileName(source);
    const overlapExpected = parseScriptLogFileName(source) !== undefined;
    const parser = new MailboxLogParser({
      source,
      fallbackDevice: fromName,
      firstSeq: this.nextSeq,
      firstReportIndex: this.nextReport,
      pool: this.pool,
      asciiText: this.options.asciiText,
      onEntry: (entry) => this.collector.add(entry, overlapExpected),
      onWarning: (warning) => this.collector.warn(warning),
    });
    this.open = parser;
    return {
      push: (chunk) => {
        try {
          parser.push(chunk);
        } catch (error) {
          this.open = undefined;
          throw error;
        }
      },
      end: () => {
        try {
          parser.end();
        } finally {
          this.nextSeq = parser.nextSeq;
          this.nextReport = parser.nextReportIndex;
          this.open = undefined;
        }
      },
    };
  }

  /** Convenience for text already in memory (tests, pasted logs). */
  addText(source: string, text: string): void {
    const parser = this.parserFor(source);
    parser.push(new TextEncoder().encode(text));
    parser.end();
  }

  /** Every device's entries, deduplicated and in time order (for views that list entries). */
  timelines(): readonly DeviceTimeline[] {
    return this.collector.timelines();
  }

  finish(): MailboxLogAnalysis {
    return analyzeTimelines(this.collector.timelines(), this.collector.warnings, this.collector.duplicates);
  }
}
