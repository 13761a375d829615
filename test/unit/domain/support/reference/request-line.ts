/**
 * The request-header reader as it was before its header loop was rewritten for speed, kept only
 * as the reference the rewritten reader is held to in property tests.
 */
/** What the request line and headers of a logged request say about the device and command. */
interface RequestFacts {
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
export function referenceParseRequestHeader(text: string): RequestFacts {
  const facts: RequestFacts = {};
  const lines = text.split('\n');
  const { line: first, next } = joinWrappedRequestLine(lines);
  const requestLine = /^([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?$/.exec(first);
  if (requestLine) {
    facts.method = requestLine[1];
    readQuery(requestLine[2] as string, facts);
  }
  for (let i = next; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
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
 * A request line pasted from a web page or e-mail may be wrapped over two or three lines. The
 * continuation lines are joined back until the line ends in `HTTP/x.y` or a header line starts.
 */
function joinWrappedRequestLine(lines: readonly string[]): { line: string; next: number } {
  let line = (lines[0] ?? '').trim();
  let next = 1;
  while (!/ HTTP\/[\d.]+$/.test(line) && next < lines.length && next <= 3) {
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

function safeDecode(text: string): string {
  // Most values (device ids, commands) need no decoding at all.
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** parseResponseHeader as it was before it read the lines in place (issue 14). */
export function referenceParseResponseHeader(text: string): { status?: number; reason?: string; headers: Map<string, string> } {
  const lines = text.split('\n');
  const statusLine = /^HTTP\/[\d.]+ (\d{3})(?: (.*))?$/.exec((lines[0] ?? '').trim());
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return statusLine ? { status: Number(statusLine[1]), reason: statusLine[2]?.trim(), headers } : { headers };
}
