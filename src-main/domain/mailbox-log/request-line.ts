import { detach, flatCopy, type StringPool } from './string-pool';

/** What the request line and headers of a logged request say about the device and command. */
export interface RequestFacts {
  method?: string;
  command?: string;
  user?: string;
  deviceId?: string;
  deviceType?: string;
  userAgent?: string;
  protocolVersion?: string;
  policyKey?: string;
  clientIp?: string;
}

/** Command codes of the base64 query form (MS-ASHTTP 2.2.1.1.1.1.2). 23 = Find is unverified. */
const COMMAND_BY_CODE: Readonly<Record<number, string>> = {
  0: 'Sync', 1: 'SendMail', 2: 'SmartForward', 3: 'SmartReply', 4: 'GetAttachment', 9: 'FolderSync',
  10: 'FolderCreate', 11: 'FolderDelete', 12: 'FolderUpdate', 13: 'MoveItems', 14: 'GetItemEstimate',
  15: 'MeetingResponse', 16: 'Search', 17: 'Settings', 18: 'Ping', 19: 'ItemOperations', 20: 'Provision',
  21: 'ResolveRecipients', 22: 'ValidateCert', 23: 'Find',
};

/**
 * Reads the RequestHeader section: `METHOD path HTTP/1.1` and then `Name: value` lines. The
 * Authorization header is skipped on purpose: it is masked in the log anyway, and the app never
 * keeps credential material.
 */
export function parseRequestHeader(text: string): RequestFacts {
  // Only the first lines are cut out (a wrapped request line may take up to four); the header
  // lines after them are read in place, by offsets into the text.
  let first = text.slice(0, lineEnd(text, 0)).trim();
  let next = 1;
  if (!WHOLE_REQUEST_LINE.test(first)) {
    const head: string[] = [];
    for (let pos = 0; head.length < 4 && pos <= text.length; pos = lineEnd(text, pos) + 1) head.push(text.slice(pos, lineEnd(text, pos)));
    ({ line: first, next } = joinWrappedRequestLine(head));
  }
  const facts: RequestFacts = { ...readRequestLine(first) };
  // Back to the start of line `next`.
  let pos = 0;
  for (let i = 0; i < next; i++) pos = lineEnd(text, pos) + 1;
  for (; pos <= text.length; pos = lineEnd(text, pos) + 1) {
    const end = lineEnd(text, pos);
    const colon = text.indexOf(':', pos);
    if (colon <= pos || colon >= end) continue;
    // Most header lines are ones we do not read; they are recognised in place, without cutting
    // strings out of them (this runs for every entry of a 200 MB log).
    const known = headerNameAt(text, pos, colon);
    if (known === null) continue;
    const name = known ?? text.slice(pos, colon).trim().toLowerCase();
    const value = text.slice(colon + 1, end).trim();
    if (value.length === 0) continue;
    switch (name) {
      case 'user-agent':
        facts.userAgent = value;
        break;
      case 'ms-asprotocolversion':
        facts.protocolVersion = value;
        break;
      case 'x-ms-policykey':
        facts.policyKey = value;
        break;
      case 'x-forwarded-for':
        facts.clientIp = value.split(',')[0]?.trim();
        break;
      default:
        break;
    }
  }
  return facts;
}

/**
 * Request lines read lately. A phone sends the same request line (command, user, device) in
 * every request of a kind, so most are read once; the headers after it differ (Content-Length)
 * and are always read. Keys are copied, so the cache never holds on to the log text.
 */
const requestLinesLately = new Map<string, Readonly<RequestFacts>>();

/** What the request line `METHOD path HTTP/1.1` says (method, and the query's command and device). */
function readRequestLine(line: string): Readonly<RequestFacts> {
  const known = requestLinesLately.get(line);
  if (known !== undefined) return known;
  const facts: RequestFacts = {};
  const requestLine = /^([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?$/.exec(line);
  if (requestLine) {
    facts.method = requestLine[1];
    readQuery(requestLine[2] as string, facts);
  }
  if (line.length <= 1024) {
    if (requestLinesLately.size >= 256) requestLinesLately.clear();
    const kept: RequestFacts = {};
    for (const [key, value] of Object.entries(facts) as Array<[keyof RequestFacts, string | undefined]>) kept[key] = value === undefined ? undefined : detach(value);
    requestLinesLately.set(detach(line), Object.freeze(kept));
  }
  return facts;
}

/** Where the line starting at `pos` ends: its '\n', or the end of the text. */
function lineEnd(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline;
}

const READ_HEADERS = ['user-agent', 'ms-asprotocolversion', 'x-ms-policykey', 'x-forwarded-for'];

/**
 * Which of the headers we read text[lineStart, colon) names (trimmed, any case): the name, or null for a
 * header we do not read. undefined when the name has non-ASCII characters: the caller then
 * compares it the general way (trim and toLowerCase know more than ASCII).
 */
function headerNameAt(text: string, lineStart: number, colon: number): string | null | undefined {
  let start = lineStart;
  let end = colon;
  for (let i = lineStart; i < colon; i++) if (text.charCodeAt(i) > 127) return undefined;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  const length = end - start;
  for (const header of READ_HEADERS) {
    if (header.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) {
      const c = text.charCodeAt(start + i);
      same = (c >= 65 && c <= 90 ? c + 32 : c) === header.charCodeAt(i);
    }
    if (same) return header;
  }
  return null;
}

/** The ASCII characters String.prototype.trim removes: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32;
}

/** A request line that ends in its HTTP version: not wrapped. */
const WHOLE_REQUEST_LINE = / HTTP\/[\d.]+$/;

/**
 * A request line pasted from a web page or e-mail may be wrapped over two or three lines. The
 * continuation lines are joined back until the line ends in `HTTP/x.y` or a header line starts.
 */
function joinWrappedRequestLine(lines: readonly string[]): { line: string; next: number } {
  let line = (lines[0] ?? '').trim();
  let next = 1;
  while (!WHOLE_REQUEST_LINE.test(line) && next < lines.length && next <= 3) {
    const part = (lines[next] as string).trim();
    if (part === '' || /^[A-Za-z0-9-]+:(\s|$)/.test(part)) break;
    line += part.startsWith('HTTP/') ? ` ${part}` : part;
    next++;
  }
  return { line, next };
}

function readQuery(path: string, facts: RequestFacts): void {
  const q = path.indexOf('?');
  if (q === -1) return;
  const query = path.slice(q + 1);
  if (query.includes('=') && /(^|&)Cmd=/i.test(query)) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const key = pair.slice(0, eq).toLowerCase();
      const value = safeDecode(pair.slice(eq + 1));
      if (key === 'cmd') facts.command = value;
      else if (key === 'user') facts.user = value;
      else if (key === 'deviceid') facts.deviceId = value;
      else if (key === 'devicetype') facts.deviceType = value;
    }
    return;
  }
  readBase64Query(query, facts);
}

/** The base64 query form (MS-ASHTTP 2.2.1.1.1.1); support for it in logs is unverified, so it is lenient. */
function readBase64Query(query: string, facts: RequestFacts): void {
  let bytes: Uint8Array;
  try {
    const binary = atob(safeDecode(query).replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return;
  }
  if (bytes.length < 6) return;
  const version = bytes[0] as number;
  facts.protocolVersion ??= `${Math.floor(version / 10)}.${version % 10}`;
  facts.command = COMMAND_BY_CODE[bytes[1] as number] ?? `Command${bytes[1]}`;
  let at = 4;
  const readString = (): string | undefined => {
    const length = bytes[at];
    if (length === undefined || at + 1 + length > bytes.length) return undefined;
    const text = String.fromCharCode(...bytes.subarray(at + 1, at + 1 + length));
    at += 1 + length;
    return text;
  };
  facts.deviceId = readString();
  const keyLength = bytes[at];
  if (keyLength === 4 && at + 5 <= bytes.length) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at + 1, 4);
    facts.policyKey ??= String(view.getUint32(0, true));
  }
  at += 1 + (keyLength ?? 0);
  facts.deviceType = readString();
  while (at + 1 < bytes.length) {
    const tag = bytes[at] as number;
    at += 1;
    const value = readString();
    if (value === undefined) break;
    if (tag === 8) facts.user = value;
  }
}

/** Values decoded lately: a log repeats the same few encoded values (the user's address) in every entry. */
const decodedLately = new Map<string, string>();

function safeDecode(text: string): string {
  // Most values (device ids, commands) need no decoding at all.
  if (!text.includes('%') && !text.includes('+')) return text;
  const known = decodedLately.get(text);
  if (known !== undefined) return known;
  let decoded: string;
  try {
    decoded = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    decoded = text;
  }
  if (decodedLately.size >= 256) decodedLately.clear();
  // Copied, so a kept value never holds on to the log text it was cut from.
  if (text.length <= 256) {
    const key = JSON.parse(JSON.stringify(text)) as string;
    decodedLately.set(key, decoded === text ? key : decoded);
  }
  return decoded;
}

/** Reads `HTTP/1.1 503 Service Unavailable` plus EAS headers, line by line in place (no split). */
export function parseResponseHeader(text: string): { status?: number; reason?: string; headers: Map<string, string> } {
  const firstEnd = lineEnd(text, 0);
  const statusLine = /^HTTP\/[\d.]+ (\d{3})(?: (.*))?$/.exec(text.slice(0, firstEnd).trim());
  const headers = new Map<string, string>();
  for (let pos = firstEnd + 1; pos <= text.length; pos = lineEnd(text, pos) + 1) {
    const end = lineEnd(text, pos);
    const colon = text.indexOf(':', pos);
    if (colon <= pos || colon >= end) continue;
    headers.set(text.slice(pos, colon).trim().toLowerCase(), text.slice(colon + 1, end).trim());
  }
  return statusLine ? { status: Number(statusLine[1]), reason: statusLine[2]?.trim(), headers } : { headers };
}

/**
 * The request headers last read per request line, with what they said (values from the pool). A
 * phone repeats a request's headers byte for byte (its Pings, and every request whose body has
 * the same length), so most are compared, not read; when only Content-Length changed, the
 * headers are read again. One parse's memo: it holds one header text per request line.
 */
export class RequestHeaderMemo {
  private readonly byLine = new Map<string, { text: string; facts: Readonly<RequestFacts> }>();

  read(text: string, pool: StringPool): Readonly<RequestFacts> {
    const line = text.slice(0, lineEnd(text, 0));
    const last = this.byLine.get(line);
    if (last !== undefined && last.text === text) return last.facts;
    const facts = readPooled(text, pool);
    if (text.length > 4096) return facts;
    // A copy: the memo must not keep the log text the header was cut from alive.
    if (last !== undefined) {
      last.text = flatCopy(text);
      last.facts = facts;
    } else if (this.byLine.size < 256) this.byLine.set(flatCopy(line), { text: flatCopy(text), facts });
    return facts;
  }
}

/** parseRequestHeader with every value taken from the pool. */
export function readPooled(text: string, pool: StringPool): Readonly<RequestFacts> {
  const read = parseRequestHeader(text);
  return Object.freeze({
    method: pool.get(read.method),
    command: pool.get(read.command),
    user: pool.get(read.user),
    deviceId: pool.get(read.deviceId),
    deviceType: pool.get(read.deviceType),
    userAgent: pool.get(read.userAgent),
    protocolVersion: pool.get(read.protocolVersion),
    policyKey: pool.get(read.policyKey),
    clientIp: pool.get(read.clientIp),
  });
}
