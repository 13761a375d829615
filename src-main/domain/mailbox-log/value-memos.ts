import type { StringPool } from './string-pool';
import { flatCopy } from './string-pool';

/**
 * Short values an entry repeats from the entries before it, read once per distinct text. Keys are
 * copies, so a memo never keeps the log's text alive; each is capped and starts over when full.
 */
const MEMO_LIMIT = 1024;
const KEY_CAP = 1024;

/** Single-line section values (ServerName, AccessState…) as read and pooled, by their raw text. */
export class LineValueMemo {
  private readonly known = new Map<string, string | undefined>();

  read(raw: string | undefined, pool: StringPool, readLine: (text: string) => string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    const known = this.known.get(raw);
    if (known !== undefined || this.known.has(raw)) return known;
    const value = pool.get(readLine(raw));
    if (raw.length <= KEY_CAP) {
      if (this.known.size >= MEMO_LIMIT) this.known.clear();
      this.known.set(flatCopy(raw), value);
    }
    return value;
  }
}

/** Anything read from a response header text, by that text (most answers are `HTTP/1.1 200 OK`). */
export class ResponseHeaderMemo<T> {
  private readonly known = new Map<string, T>();

  read(text: string, read: (text: string) => T): T {
    const known = this.known.get(text);
    if (known !== undefined) return known;
    const value = read(text);
    if (text.length <= KEY_CAP) {
      if (this.known.size >= MEMO_LIMIT) this.known.clear();
      this.known.set(flatCopy(text), value);
    }
    return value;
  }
}
