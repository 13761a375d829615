import { CaptureFormatError, type CaptureExchange, type CaptureResponse } from './capture-model';

interface HarHeader {
  name?: unknown;
  value?: unknown;
}

interface HarEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: { method?: unknown; url?: unknown; headers?: HarHeader[]; postData?: { text?: unknown; encoding?: unknown; _encoding?: unknown } };
  response?: { status?: unknown; statusText?: unknown; headers?: HarHeader[]; content?: { text?: unknown; encoding?: unknown }; _error?: unknown };
  _error?: unknown;
}

/**
 * Reads a HAR 1.2 file (browser dev tools, mitmproxy's HAR export, Charles). Bodies may be text or
 * base64 (`encoding: "base64"`, which is how WBXML bodies are saved); a response with status 0
 * means none came back, and the tool's `_error` says why.
 */
export function readHar(text: string, source: string): CaptureExchange[] {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new CaptureFormatError(`"${source}" is not a HAR capture: it is not JSON.`);
  }
  const entries = (json as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new CaptureFormatError(`"${source}" is not a HAR capture: it has no log.entries list.`);
  return (entries as HarEntry[]).map((entry, i) => toExchange(entry, i + 1));
}

function toExchange(entry: HarEntry, index: number): CaptureExchange {
  const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
  const duration = typeof entry.time === 'number' && entry.time >= 0 ? entry.time : undefined;
  const request = entry.request ?? {};
  const status = typeof entry.response?.status === 'number' ? entry.response.status : 0;
  const error = [entry._error, entry.response?._error].find((e): e is string => typeof e === 'string' && e.length > 0);
  let response: CaptureResponse | undefined;
  if (status > 0 && entry.response !== undefined) {
    const content = entry.response.content;
    response = {
      status,
      reason: typeof entry.response.statusText === 'string' && entry.response.statusText !== '' ? entry.response.statusText : undefined,
      headers: headers(entry.response.headers),
      body: body(content?.text, content?.encoding, headerText(entry.response.headers, 'content-type')),
    };
  }
  return {
    index,
    startedAt: Number.isFinite(started) ? started : undefined,
    finishedAt: Number.isFinite(started) && duration !== undefined ? started + Math.round(duration) : undefined,
    method: typeof request.method === 'string' ? request.method : 'GET',
    url: typeof request.url === 'string' ? request.url : '',
    requestHeaders: headers(request.headers),
    requestBody: body(request.postData?.text, request.postData?.encoding ?? request.postData?._encoding, headerText(request.headers, 'content-type')),
    response,
    error,
  };
}

function headers(list: HarHeader[] | undefined): Array<[string, string]> {
  if (!Array.isArray(list)) return [];
  return list.flatMap((h) => (typeof h.name === 'string' && typeof h.value === 'string' ? [[h.name, h.value] as [string, string]] : []));
}

function headerText(list: HarHeader[] | undefined, name: string): string {
  return headers(list).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

function body(text: unknown, encoding: unknown, contentType: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  // A binary body saved as text (one character per byte) by tools that do not base64 it.
  if (encoding !== 'base64' && /wbxml|multipart/i.test(contentType) && [...text].every((c) => c.charCodeAt(0) < 0x100)) return Uint8Array.from(text, (c) => c.charCodeAt(0));
  if (encoding === 'base64') {
    try {
      return Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    } catch {
      return new TextEncoder().encode(text);
    }
  }
  return new TextEncoder().encode(text);
}
