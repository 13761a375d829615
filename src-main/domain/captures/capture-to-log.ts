import { formatRequestTime } from '../mailbox-log/log-writer';
import { decodeEasBody } from '../wbxml/decode-eas-body';
import { CaptureFormatError, headerValue, isEasRequest, type CaptureExchange } from './capture-model';

/**
 * Sections a capture adds to the mailbox-log layout: what only the device side can see. They are
 * ordinary `Key : ` sections, so the parser keeps them (as unknown sections) and the capture-only
 * detectors read them from the same entries the mailbox-log patterns read.
 */
export const CAPTURE_SECTIONS = {
  source: 'CaptureSource',
  host: 'CaptureHost',
  authScheme: 'CaptureAuthScheme',
  error: 'CaptureError',
  wwwAuthenticate: 'CaptureWwwAuthenticate',
  location: 'CaptureLocation',
  contentType: 'CaptureContentType',
  htmlTitle: 'CaptureHtmlTitle',
} as const;

/** Request headers never written: credentials and session cookies stay out of the case. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-ms-oauth-token']);
/** Response headers a mailbox log shows (the ones EAS code adds, eas-reference.md §1.3). */
const EAS_RESPONSE_HEADERS = /^(retry-after|x-ms-.*|ms-asprotocol.*|ms-server-activesync)$/i;
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>';

/**
 * Turns the EAS requests of a device-side capture into mailbox-log text (eas-reference.md §1.2),
 * so that one parser, one log model and the same patterns serve both. Bodies are decoded from
 * WBXML; credentials are masked as Exchange masks them (`Authorization: ********`).
 * Throws CaptureFormatError when the capture holds no ActiveSync request at all.
 */
export function captureToMailboxLog(exchanges: readonly CaptureExchange[], source: string): string {
  const eas = exchanges.filter((e) => isEasRequest(e.url));
  if (eas.length === 0) throw new CaptureFormatError(`"${source}" has no ActiveSync requests (none to /Microsoft-Server-ActiveSync), so there is nothing to analyse.`);
  return eas.map((e, i) => entryText(e, i, source)).join('');
}

function entryText(e: CaptureExchange, entryNumber: number, source: string): string {
  const url = safeUrl(e.url);
  const sections: Array<[string, string]> = [];
  if (e.startedAt !== undefined) sections.push(['RequestTime', logTime(e.startedAt)]);
  sections.push(['Identifier', `C${e.index.toString(16).toUpperCase().padStart(7, '0')}`]);
  sections.push(['RequestHeader', [`${e.method} ${url?.pathname ?? ''}${url?.search ?? ''} HTTP/1.1`, ...headerLines(e.requestHeaders, true)].join('\r\n')]);
  sections.push(['RequestBody', bodyText(e.requestBody, headerValue(e.requestHeaders, 'content-type'))]);
  sections.push([CAPTURE_SECTIONS.source, `${oneLine(source)} #${e.index}`]);
  if (url !== undefined) sections.push([CAPTURE_SECTIONS.host, url.host]);
  sections.push([CAPTURE_SECTIONS.authScheme, authScheme(headerValue(e.requestHeaders, 'authorization'))]);
  if (e.error !== undefined) sections.push([CAPTURE_SECTIONS.error, oneLine(e.error)]);
  const response = e.response;
  if (response !== undefined) {
    const challenge = headerValue(response.headers, 'www-authenticate');
    if (challenge !== undefined) sections.push([CAPTURE_SECTIONS.wwwAuthenticate, oneLine(response.headers.filter(([k]) => k.toLowerCase() === 'www-authenticate').map(([, v]) => v.split(' ')[0]).join(', '))]);
    const location = headerValue(response.headers, 'location') ?? headerValue(response.headers, 'x-ms-location');
    if (location !== undefined) sections.push([CAPTURE_SECTIONS.location, oneLine(location)]);
    const contentType = headerValue(response.headers, 'content-type');
    if (contentType !== undefined) sections.push([CAPTURE_SECTIONS.contentType, oneLine(contentType)]);
    if (/html/i.test(contentType ?? '') || looksHtml(response.body)) sections.push([CAPTURE_SECTIONS.htmlTitle, htmlTitle(response.body)]);
    const statusLine = `HTTP/1.1 ${response.status} ${response.reason ?? ''}`.trimEnd();
    sections.push(['ResponseHeader', [statusLine, ...headerLines(response.headers.filter(([k]) => EAS_RESPONSE_HEADERS.test(k)), false)].join('\r\n')]);
    sections.push(['ResponseBody', /html/i.test(contentType ?? '') ? '[No XmlResponse]' : bodyText(response.body, contentType, '[No XmlResponse]')]);
  }
  // A request with no answer still ends: the capture knows when it gave up.
  const end = e.finishedAt ?? (response === undefined ? e.startedAt : undefined);
  if (end !== undefined) sections.push(['ResponseTime', logTime(end)]);
  const head = `\r\n-----------------\r\n Log Entry: ${entryNumber}\r\n-----------------\r\n\r\n`;
  return head + sections.map(([k, v]) => `${k} : \r\n${v}\r\n\r\n`).join('');
}

function headerLines(headers: ReadonlyArray<readonly [string, string]>, request: boolean): string[] {
  const lines: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith(':')) continue; // HTTP/2 pseudo-headers in HAR files
    if (SECRET_HEADERS.has(lower)) {
      if (request && lower === 'authorization') lines.push('Authorization: ********');
      continue;
    }
    lines.push(`${name}: ${oneLine(value)}`);
  }
  return lines;
}

function bodyText(bytes: Uint8Array | undefined, contentType: string | undefined, empty = 'Empty'): string {
  if (bytes === undefined || bytes.length === 0) return empty;
  if (/rfc822/i.test(contentType ?? '')) return `<Mime>[Mime Removed] BytesCount = ${bytes.length}</Mime>`;
  try {
    const xml = decodeEasBody(bytes).xml.split('\n').slice(2).join('\r\n').trimEnd();
    return `${XML_DECLARATION}\r\n${xml}`;
  } catch (error) {
    return `[Body not decoded: ${bytes.length} bytes; ${error instanceof Error ? error.message : 'not WBXML'}]`;
  }
}

function authScheme(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return 'None';
  const scheme = value.trim().split(/\s+/)[0] as string;
  return /^basic$/i.test(scheme) ? 'Basic' : /^bearer$/i.test(scheme) ? 'Bearer' : scheme.replace(/[^A-Za-z0-9-]/g, '').slice(0, 20) || 'Other';
}

function looksHtml(bytes: Uint8Array | undefined): boolean {
  if (bytes === undefined || bytes.length === 0) return false;
  const head = new TextDecoder().decode(bytes.subarray(0, 200)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

function htmlTitle(bytes: Uint8Array | undefined): string {
  const text = bytes === undefined ? '' : new TextDecoder().decode(bytes.subarray(0, 20_000));
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1] ?? '';
  return oneLine(title.replace(/<[^>]+>/g, ' ')).slice(0, 200) || '(no title)';
}

function logTime(time: number): string {
  return `${formatRequestTime(time)}.${String(((time % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
