import { formatRequestTime } from '../mailbox-log/log-writer';
import { parseRequestHeader } from '../mailbox-log/request-line';
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
  /** Response headers only Microsoft's front end (or Exchange's ActiveSync code) adds: who really answered. */
  fromMicrosoft: 'CaptureMicrosoftHeaders',
} as const;

/** Request headers never written: credentials and session cookies stay out of the case. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-ms-oauth-token']);
/** Other headers whose names say they carry a secret (a browser app's own token or session headers). */
const SECRET_HEADER_NAME = /token|secret|canary|session|cookie|password|api-?key|signature|credential/i;
/**
 * The query parameters an ActiveSync request has (eas-reference.md §3.1); the value of any other
 * parameter (a browser app's `access_token`, `code`, `sig`) is masked, so no token reaches a case.
 */
const EAS_QUERY_PARAMETERS = new Set(['cmd', 'user', 'deviceid', 'devicetype', 'attachmentname', 'collectionid', 'itemid', 'longid', 'occurrence', 'saveinsent']);
/** Free text (a tool's error, a header value) that quotes a token: `Bearer …`, `access_token=…`. */
const TOKEN_IN_TEXT = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}|\b(access_token|id_token|refresh_token|token|code|sig|client_secret|password)=[^&\s"']+/gi;
/**
 * Response headers only Exchange Online's front end or Exchange's ActiveSync code sends: a page
 * that carries one came from Microsoft (an IIS error page of Exchange), not from a proxy in front.
 * Not every `X-MS-` header: other Microsoft services (an Azure-hosted proxy) send `x-ms-request-id`.
 */
const MICROSOFT_RESPONSE_HEADER = /^(x-feserver|x-beserver|x-calculatedbetarget|x-backendhttpstatus|x-diaginfo|x-feproxyinfo|x-proxy-[a-z-]+|x-firsthopcafeefz|x-feefzinfo|x-owa-version|ms-server-activesync|x-ms-as[a-z-]*|x-ms-location|x-ms-rp|x-ms-backoff[a-z-]*|x-ms-nopush|x-ms-diagnostics)$/i;
/**
 * What capture tools write when the app itself cancelled a request (Chrome, Firefox, Fiddler's
 * x-clientaborted flag): not a network failure. A timeout ("the operation was canceled") is one.
 */
const CANCELLED_BY_CLIENT = /ERR_ABORTED|NS_BINDING_ABORTED|client aborted/i;
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
  const eas = exchanges.filter((e) => isEasRequest(e.url) && !isCorsPreflight(e));
  if (eas.length === 0) {
    const tunnels = exchanges.filter((e) => e.method.toUpperCase() === 'CONNECT');
    if (tunnels.length > 0) {
      const hosts = [...new Set(tunnels.map((e) => safeUrl(e.url)?.hostname ?? '?'))].slice(0, 3).join(', ');
      throw new CaptureFormatError(`"${source}" holds only encrypted connections (CONNECT to ${hosts}) and no ActiveSync request: the capturing tool did not decrypt HTTPS. Turn on HTTPS decryption (in Fiddler: Tools, Options, HTTPS, Decrypt HTTPS traffic), trust its certificate on the phone, and capture again.`);
    }
    throw new CaptureFormatError(`"${source}" has no ActiveSync requests (none to /Microsoft-Server-ActiveSync), so there is nothing to analyse.`);
  }
  const followedByLater = laterRequests(eas);
  return eas.map((e, i) => entryText(e, i, source, followedByLater(e, i))).join('');
}

/**
 * Whether the phone sent another request after this one (by start time; by file order when a
 * capture lacks times). A request without a DeviceId (the base64 query form) counts for every phone.
 */
function laterRequests(eas: readonly CaptureExchange[]): (e: CaptureExchange, index: number) => boolean {
  const timed = eas.every((e) => e.startedAt !== undefined);
  const at = (e: CaptureExchange, index: number): number => (timed ? (e.startedAt as number) : index);
  const latest = new Map<string, number>();
  let latestOfAll = -Infinity;
  eas.forEach((e, i) => {
    const key = deviceIdOf(e) ?? '';
    latest.set(key, Math.max(latest.get(key) ?? -Infinity, at(e, i)));
    latestOfAll = Math.max(latestOfAll, at(e, i));
  });
  return (e, i) => {
    const id = deviceIdOf(e);
    const last = id === undefined ? latestOfAll : Math.max(latest.get(id) ?? -Infinity, latest.get('') ?? -Infinity);
    return last > at(e, i);
  };
}

/**
 * What became of a request that got no HTTP answer. A network failure the tool recorded ended it.
 * One the app cancelled itself (a push wait given up to sync, a page that moved on) says nothing
 * about the network: pending, as in a mailbox log (facts F29). So is one still waiting when the
 * capture stopped: the phone's last request, or a push wait (Ping, a Sync with Wait or
 * HeartbeatInterval). Any other request the phone went on from, still without an answer, got none.
 */
function unanswered(e: CaptureExchange, followedByLater: boolean, requestXml: string): { pending: true } | { pending: false; error: string } {
  if (e.error !== undefined) return CANCELLED_BY_CLIENT.test(e.error) ? { pending: true } : { pending: false, error: e.error };
  const url = safeUrl(e.url);
  const pushWait = (url !== undefined && parseRequestHeader(`POST ${url.pathname}${url.search} HTTP/1.1`).command === 'Ping') || /<(Wait|HeartbeatInterval)>/.test(requestXml);
  if (!followedByLater || pushWait) return { pending: true };
  return { pending: false, error: 'No answer came back, and the phone went on to its next request.' };
}

function entryText(e: CaptureExchange, entryNumber: number, source: string, followedByLater: boolean): string {
  const url = safeUrl(e.url);
  const sections: Array<[string, string]> = [];
  if (e.startedAt !== undefined) sections.push(['RequestTime', logTime(e.startedAt)]);
  sections.push(['Identifier', `C${e.index.toString(16).toUpperCase().padStart(7, '0')}`]);
  sections.push(['RequestHeader', [`${e.method} ${url?.pathname ?? ''}${url === undefined ? '' : safeQuery(url)} HTTP/1.1`, ...headerLines(e.requestHeaders, true)].join('\r\n')]);
  const requestXml = bodyText(e.requestBody, headerValue(e.requestHeaders, 'content-type'));
  sections.push(['RequestBody', requestXml]);
  sections.push([CAPTURE_SECTIONS.source, `${oneLine(source)} #${e.index}`]);
  if (url !== undefined) sections.push([CAPTURE_SECTIONS.host, url.host]);
  sections.push([CAPTURE_SECTIONS.authScheme, authScheme(headerValue(e.requestHeaders, 'authorization'))]);
  const response = e.response;
  const noAnswer = response === undefined ? unanswered(e, followedByLater, requestXml) : undefined;
  if (noAnswer !== undefined && !noAnswer.pending) sections.push([CAPTURE_SECTIONS.error, cleanText(noAnswer.error)]);
  if (response !== undefined) {
    if (e.error !== undefined) sections.push([CAPTURE_SECTIONS.error, cleanText(e.error)]);
    const challenge = headerValue(response.headers, 'www-authenticate');
    if (challenge !== undefined) sections.push([CAPTURE_SECTIONS.wwwAuthenticate, oneLine(response.headers.filter(([k]) => k.toLowerCase() === 'www-authenticate').map(([, v]) => v.split(' ')[0]).join(', '))]);
    const location = headerValue(response.headers, 'location') ?? headerValue(response.headers, 'x-ms-location');
    if (location !== undefined) sections.push([CAPTURE_SECTIONS.location, safeLocation(location, url)]);
    const microsoft = [...new Set(response.headers.map(([k]) => k).filter((k) => MICROSOFT_RESPONSE_HEADER.test(k)))];
    if (microsoft.length > 0) sections.push([CAPTURE_SECTIONS.fromMicrosoft, microsoft.slice(0, 5).join(', ')]);
    const contentType = headerValue(response.headers, 'content-type');
    if (contentType !== undefined) sections.push([CAPTURE_SECTIONS.contentType, oneLine(contentType)]);
    if (/html/i.test(contentType ?? '') || looksHtml(response.body)) sections.push([CAPTURE_SECTIONS.htmlTitle, htmlTitle(response.body)]);
    const statusLine = `HTTP/1.1 ${response.status} ${response.reason ?? ''}`.trimEnd();
    sections.push(['ResponseHeader', [statusLine, ...headerLines(response.headers.filter(([k]) => EAS_RESPONSE_HEADERS.test(k)), false)].join('\r\n')]);
    // A web page is a body, just not an ActiveSync one: written as `[No XmlResponse]` it would read
    // as Exchange's empty Sync answer ("no changes"), a healthy one.
    const page = /html/i.test(contentType ?? '') || looksHtml(response.body);
    sections.push(['ResponseBody', page ? `[Web page, not an ActiveSync answer: "${htmlTitle(response.body)}"]` : bodyText(response.body, contentType, '[No XmlResponse]')]);
  }
  // A request with no answer that failed or was given up still ends: the capture knows when. One
  // still waiting has no response part at all, so the parser reads it as pending.
  const end = noAnswer?.pending === true ? undefined : (e.finishedAt ?? (response === undefined ? e.startedAt : undefined));
  if (end !== undefined) sections.push(['ResponseTime', logTime(end)]);
  const head = `\r\n-----------------\r\n Log Entry: ${entryNumber}\r\n-----------------\r\n\r\n`;
  return head + sections.map(([k, v]) => `${k} : \r\n${v}\r\n\r\n`).join('');
}

function headerLines(headers: ReadonlyArray<readonly [string, string]>, request: boolean): string[] {
  const lines: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith(':')) continue; // HTTP/2 pseudo-headers in HAR files
    if (SECRET_HEADERS.has(lower) || SECRET_HEADER_NAME.test(lower)) {
      if (request && lower === 'authorization') lines.push('Authorization: ********');
      continue;
    }
    lines.push(`${name}: ${cleanText(value)}`);
  }
  return lines;
}

function bodyText(bytes: Uint8Array | undefined, contentType: string | undefined, empty = 'Empty'): string {
  if (bytes === undefined || bytes.length === 0) return empty;
  if (/rfc822/i.test(contentType ?? '')) return `<Mime>[Mime Removed] BytesCount = ${bytes.length}</Mime>`;
  try {
    const xml = decodeEasBody(bytes).xml.split('\n').slice(2).join('\r\n').trimEnd();
    return `${XML_DECLARATION}\r\n${withoutPersonalData(xml)}`;
  } catch (error) {
    return `[Body not decoded: ${bytes.length} bytes; ${error instanceof Error ? error.message : 'not WBXML'}]`;
  }
}

/**
 * Elements whose text Exchange never writes to a mailbox log (eas-reference.md §1.4: subjects,
 * bodies, addresses, contact fields, attachment data); a capture holds them in full. They are
 * written as Exchange writes them, `<Subject xmlns="Email:" bytes="22"/>` (the character count),
 * and the MIME of a sent mail as `[Mime Removed] BytesCount = N`, so no mail content reaches a case.
 */
const PERSONAL_ELEMENT =
  /<(AccountName|Alias|Anniversary|AssistantName|AssistantPhoneNumber|Birthday|Body|Business\w*|CarPhoneNumber|Category|CC|Child|CompanyMainPhone|CompanyName|CompressedRTF|CustomerId|Data|Department|DisplayTo|Email|Email[123]Address|FileAs|FirstName|From|GovernmentId|Home\w*|IMAddress\w*|JobTitle|LastName|Location|ManagerName|MiddleName|MIMEData|MMS|MobilePhoneNumber|Name|NickName|OfficeLocation|Organizer\w*|Other\w*|PagerNumber|Picture|Preview|RadioPhoneNumber|ReplyTo|Rtf|Sender|Spouse|Subject|Suffix|ThreadTopic|Title|To|WebPage|Yomi\w*|Bcc|ForwardeeName|ForwardeeEmail|Mime|MIME)((?: xmlns="[^"]*")?)>(<!\[CDATA\[[\s\S]*?\]\]>|[^<]*)<\/\1>/g;

function withoutPersonalData(xml: string): string {
  return xml.replace(PERSONAL_ELEMENT, (_match, name: string, ns: string, content: string) => {
    const text = content.startsWith('<![CDATA[') ? content.slice(9, -3) : content;
    return /^mime$/i.test(name) ? `<${name}${ns}>[Mime Removed] BytesCount = ${text.length}</${name}>` : `<${name}${ns} bytes="${text.length}"/>`;
  });
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

/** The request's query with every value that is not an ActiveSync parameter masked (a base64 query has none). */
function safeQuery(url: URL): string {
  // The base64 form (eas-reference.md §3.2) is one value, padded with '=' at most twice.
  if (url.search === '' || /^\?(?:[A-Za-z0-9+/]|%2[BbFf])+(?:=|%3[Dd]){0,2}$/.test(url.search)) return url.search;
  const parts = url.search.slice(1).split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq === -1) return part;
    const name = decodeURIComponentSafe(part.slice(0, eq)).toLowerCase();
    return EAS_QUERY_PARAMETERS.has(name) ? part : `${part.slice(0, eq)}=********`;
  });
  return `?${parts.join('&')}`;
}

/** A redirect target without secrets: its query masked like a request's. */
function safeLocation(location: string, base: URL | undefined): string {
  // A relative Location (a reverse proxy's "/logon.aspx?…") is on the host the request went to.
  const url = safeUrl(location, base);
  return url === undefined ? cleanText(location) : oneLine(`${url.origin}${url.pathname}${safeQuery(url)}`);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One line, with any token the text quotes masked. */
function cleanText(text: string): string {
  return oneLine(text).replace(TOKEN_IN_TEXT, (_match, scheme: string | undefined, parameter: string | undefined) => (scheme !== undefined ? `${scheme} ********` : `${parameter}=********`));
}

/** A browser's CORS preflight for a web mail app's request: the browser's, not the app's, so not counted. */
function isCorsPreflight(e: CaptureExchange): boolean {
  return e.method.toUpperCase() === 'OPTIONS' && headerValue(e.requestHeaders, 'access-control-request-method') !== undefined;
}

function deviceIdOf(e: CaptureExchange): string | undefined {
  return safeUrl(e.url)?.searchParams.get('DeviceId') ?? undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function safeUrl(text: string, base?: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}
