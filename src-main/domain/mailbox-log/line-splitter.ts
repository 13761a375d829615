/**
 * Splits streamed text into lines without holding more than the current partial line. Accepts
 * CRLF and LF line ends, even when a CRLF pair is split across two chunks. (Lone CR is not a line
 * end: Exchange and PowerShell never write it, and treating it as one would split exception text.)
 */
export class LineSplitter {
  private carry = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      let line = text.slice(start, newline);
      if (this.carry.length > 0) {
        line = this.carry + line;
        this.carry = '';
      }
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.carry += text.slice(start);
  }

  end(): void {
    if (this.carry.length > 0) this.onLine(this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry);
    this.carry = '';
  }
}
