/**
 * Cuts streamed text into raw entries at the `-----------------` / ` Log Entry: n` /
 * `-----------------` headers (eas-reference.md §1.2). It searches each chunk with one regular
 * expression instead of walking line by line, and holds only the text of the entry in progress.
 */
const MARK = 'Log Entry:';
const NUMBER_LINE = /^[ \t]*Log Entry:[ \t]*(\d+)[ \t]*$/;
/** How far back into the held text a header may have started when the chunk boundary split it. */
const HEADER_OVERLAP = 128;

export interface EntrySplitterSink {
  /** A complete raw entry: its header number and the text after the header. */
  entry(entryNumber: number | undefined, text: string): void;
  /** Text before the first header. */
  preamble(text: string): void;
}

export class EntrySplitter {
  /** The text of the entry in progress; while no header is near it is only appended to, never copied. */
  private held = '';
  /** The last HEADER_OVERLAP characters of `held`. */
  private tail = '';
  private number: number | undefined;
  private seenHeader = false;

  constructor(private readonly sink: EntrySplitterSink) {}

  /** Whether a header was seen yet. */
  get started(): boolean {
    return this.seenHeader;
  }

  /** Characters held while waiting for the next header. */
  get heldLength(): number {
    return this.held.length;
  }

  push(text: string): void {
    if (text.length === 0) return;
    // A long entry (a big Sync or an attachment fetch) spans many chunks: while neither the chunk
    // nor the held text's end can hold a header, the chunk is appended without joining (and so
    // copying) the held text again for every chunk.
    if (text.indexOf(MARK) === -1 && (this.tail + text.slice(0, MARK.length - 1)).indexOf(MARK) === -1) {
      this.held = this.held.length === 0 ? text : this.held + text;
      this.tail = text.length >= HEADER_OVERLAP ? text.slice(-HEADER_OVERLAP) : (this.tail + text).slice(-HEADER_OVERLAP);
      return;
    }
    if (this.held.length > 0 && this.pushWithinChunk(text)) return;
    const buffer = this.held.length === 0 ? text : this.held + text;
    let consumed = 0;
    // indexOf finds the rare "Log Entry:" fast; the few hits are then checked line by line.
    for (let at = buffer.indexOf(MARK, Math.max(0, this.held.length - HEADER_OVERLAP)); at !== -1; at = buffer.indexOf(MARK, at + MARK.length)) {
      const header = headerAround(buffer, at);
      if (header === undefined || header.start < consumed) continue;
      this.flush(buffer.slice(consumed, header.start));
      this.number = header.entryNumber;
      this.seenHeader = true;
      consumed = header.end;
    }
    this.held = consumed === 0 ? buffer : buffer.slice(consumed);
    this.tail = this.held.length <= HEADER_OVERLAP ? this.held : this.held.slice(-HEADER_OVERLAP);
  }

  /**
   * The usual case, read in the chunk alone: no "Log Entry:" in the held text's last characters
   * and none in the chunk's first two lines, so every header lies wholly in the chunk and is
   * found there exactly as in the held text and chunk joined. Joining would copy the whole chunk
   * (64 KiB) once more; only the entry in progress is joined, to its end. False when the chunk
   * must be read joined after all (nothing was done then).
   */
  private pushWithinChunk(text: string): boolean {
    if (this.tail.indexOf(MARK) !== -1 || (this.tail + text.slice(0, MARK.length - 1)).indexOf(MARK) !== -1) return false;
    const first = text.indexOf(MARK);
    const firstNewline = text.indexOf('\n');
    const secondNewline = firstNewline === -1 ? -1 : text.indexOf('\n', firstNewline + 1);
    if (secondNewline === -1 || first <= secondNewline) return false;
    let consumed = -1;
    for (let at = first; at !== -1; at = text.indexOf(MARK, at + MARK.length)) {
      const header = headerAround(text, at);
      if (header === undefined || header.start < consumed) continue;
      this.flush(consumed === -1 ? this.held + text.slice(0, header.start) : text.slice(consumed, header.start));
      this.number = header.entryNumber;
      this.seenHeader = true;
      consumed = header.end;
    }
    this.held = consumed === -1 ? this.held + text : text.slice(consumed);
    this.tail = this.held.length <= HEADER_OVERLAP ? this.held : this.held.slice(-HEADER_OVERLAP);
    return true;
  }

  end(): void {
    // A header at the very end of the file may lack its final line break.
    this.push('\n');
    this.flush(this.held);
    this.held = '';
    this.tail = '';
  }

  private flush(text: string): void {
    if (this.seenHeader) this.sink.entry(this.number, text);
    else if (text.length > 0) this.sink.preamble(text);
  }
}

/** The dashes / `Log Entry: n` / dashes block around a "Log Entry:" hit, if it is a complete one. */
function headerAround(text: string, at: number): { start: number; end: number; entryNumber: number } | undefined {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd === -1 || lineStart < 2) return undefined;
  const match = NUMBER_LINE.exec(trimCr(text.slice(lineStart, lineEnd)));
  if (match === null) return undefined;
  const above = text.lastIndexOf('\n', lineStart - 2) + 1;
  if (!isDashes(trimCr(text.slice(above, lineStart - 1)))) return undefined;
  const belowEnd = text.indexOf('\n', lineEnd + 1);
  // The closing dashes must be complete (followed by a line break) before we commit to the header.
  if (belowEnd === -1 || !isDashes(trimCr(text.slice(lineEnd + 1, belowEnd)))) return undefined;
  return { start: above, end: belowEnd + 1, entryNumber: Number(match[1]) };
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isDashes(line: string): boolean {
  if (line.length < 10) return false;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) !== 45) return false;
  return true;
}
