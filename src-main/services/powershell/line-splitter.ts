/**
 * Splits a byte stream into `\n`-terminated UTF-8 lines (a trailing `\r` is dropped). Bytes are
 * joined before decoding, so a multi-byte character split across chunks survives. A line longer
 * than `maxLineBytes` is not kept: its bytes are dropped and it is reported once as an overflow,
 * so one runaway line cannot exhaust memory.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowing = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (droppedBytes: number) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      this.append(chunk.subarray(start, newline));
      this.finishLine();
      start = newline + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  /** Emits whatever is left without a final newline (at end of stream). */
  flush(): void {
    if (this.pendingBytes > 0 || this.overflowing) this.finishLine();
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    if (this.overflowing) {
      this.pendingBytes += part.length;
      return;
    }
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.overflowing = true;
      this.pending = [];
      this.pendingBytes += part.length;
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }

  private finishLine(): void {
    if (this.overflowing) {
      const dropped = this.pendingBytes;
      this.overflowing = false;
      this.pending = [];
      this.pendingBytes = 0;
      this.onOverflow(dropped);
      return;
    }
    let line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.onLine(line);
  }
}
