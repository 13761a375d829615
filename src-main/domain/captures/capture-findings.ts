import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from '../patterns/device-timeline';
import type { FindingCode, FindingDraft } from '../diagnosis/catalog';
import { deviceLabel } from '../diagnosis/log-findings';
import { isEasRequest } from './capture-model';
import { CAPTURE_SECTIONS } from './capture-to-log';

/**
 * Microsoft's own host names (Exchange Online worldwide, its national clouds, and Microsoft's
 * sign-in service); a redirect anywhere else leaves Microsoft: to an on-premises server or a proxy.
 */
const MICROSOFT_CLOUD = /(^|\.)(office365\.com|outlook\.com|office\.com|microsoft\.com|microsoftonline\.com|office365\.us|microsoftonline\.us|outlook\.cn|partner\.microsoftonline\.cn|webmail\.apps\.mil)$/i;
const TLS_OR_PROXY = /cert|ssl|tls|handshake|proxy|tunnel|407/i;

/**
 * Findings only a device-side capture can show, read from the capture sections of the log model
 * (capture-to-log.ts): requests that never got an answer, TLS or proxy failures, a password sent
 * and refused (Basic; facts F32: Exchange Online refuses it before sign-in), the phone's token
 * refused to the end, a redirect to an on-premises server, and a web page (a proxy's, a Wi-Fi
 * portal's) answering instead of Exchange. A problem followed by a request Exchange answered later
 * (in the capture or a mailbox log of the same phone) is history (info). `patternDrafts`, the log
 * findings of the same phone, lets a capture finding name those over the same requests as its own.
 */
export function findingsFromCapture(timeline: DeviceTimeline, patternDrafts: readonly FindingDraft[] = []): FindingDraft[] {
  const entries = timeline.entries.filter((e) => e.otherSections[CAPTURE_SECTIONS.source] !== undefined);
  if (entries.length === 0) return [];
  // "Later answered" is judged over the phone's whole timeline: a mailbox log added with the
  // capture that shows the phone syncing after the capture's failure makes that failure history.
  const lastAnswered = timeline.entries.findLastIndex(answeredByExchange);
  const drafts: FindingDraft[] = [];
  const add = (code: FindingCode, hits: LogEntry[], detail: (hits: LogEntry[]) => string, strength: Partial<Pick<FindingDraft, 'confidence' | 'certainty'>> = {}, onlyIfCurrent = false): void => {
    if (hits.length === 0) return;
    const over = timeline.entries.indexOf(hits[hits.length - 1] as LogEntry) < lastAnswered;
    if (over && onlyIfCurrent) return;
    const text = `${detail(hits)}${over ? ' Later requests were answered by Exchange, so this is history.' : ''}`;
    // The log's own findings over these same requests (the refusals a proxy's page caused, the 451
    // that sent the phone on-premises) follow from this one: it says who answered them.
    const seqs = new Set(hits.map((e) => e.seq));
    const explains = over ? [] : patternDrafts.filter((d) => d.history !== true && d.evidence.every((ref) => (ref.logEntries ?? []).length > 0 && (ref.logEntries ?? []).every((n) => seqs.has(n)))).map((d) => d.code);
    drafts.push({
      code,
      detail: text,
      evidence: [{ step: 'mailbox-log', object: deviceLabel(timeline), logEntries: hits.slice(0, 50).map((e) => e.seq), detail: text }],
      confidence: 'high',
      ...strength,
      deviceId: timeline.deviceId,
      ...(over ? { history: true } : {}),
      ...(explains.length > 0 ? { explains: [...new Set(explains)] } : {}),
    });
  };

  const errors = entries.filter((e) => section(e, 'error') !== undefined || e.httpStatus === 407);
  const tls = errors.filter((e) => e.httpStatus === 407 || TLS_OR_PROXY.test(section(e, 'error') ?? ''));
  const tlsSet = new Set(tls);
  const notSent = errors.filter((e) => !tlsSet.has(e));
  add('CAPTURE_REQUEST_NOT_SENT', notSent, (hits) => `${hits.length} request(s) in the capture got no answer at all (first: ${quote(section(hits[0] as LogEntry, 'error'))}).`);
  add('CAPTURE_TLS_OR_PROXY_FAILURE', tls, (hits) => `${hits.length} request(s) failed on the secure connection or at a proxy (${quote(section(hits[0] as LogEntry, 'error') ?? `HTTP ${(hits[0] as LogEntry).httpStatus}`)}).`);

  // 502 Bad Gateway and 504 Gateway Timeout come from a gateway; one that carries none of Exchange
  // Online's own headers is not Exchange's front end but something in between (inferred: a capture
  // tool could drop headers). A web page among them is the proxy-page finding's.
  const gateway = entries.filter((e) => (e.httpStatus === 502 || e.httpStatus === 504) && section(e, 'fromMicrosoft') === undefined && section(e, 'htmlTitle') === undefined);
  add('CAPTURE_TLS_OR_PROXY_FAILURE', gateway, (hits) => `${hits.length} request(s) got a gateway error (HTTP ${(hits[0] as LogEntry).httpStatus}) that carries none of Exchange Online's own headers: a proxy or gateway between the phone and Exchange answered.`, { confidence: 'medium', certainty: 'inferred' });

  // A password sent (Authorization: Basic) is certain; a challenge that offers only Basic, with the
  // capture not showing what the phone sent (a sanitised HAR drops the header), is only a sign.
  const sentBasic = (e: LogEntry): boolean => section(e, 'authScheme') === 'Basic';
  const basicChallenge = (e: LogEntry): boolean => /\bBasic\b/i.test(section(e, 'wwwAuthenticate') ?? '') && !/\bBearer\b/i.test(section(e, 'wwwAuthenticate') ?? '') && section(e, 'authScheme') === 'None';
  const basic = entries.filter((e) => e.httpStatus === 401 && (sentBasic(e) || basicChallenge(e)));
  const passwordSent = basic.some(sentBasic);
  add('BASIC_AUTH_CLIENT', basic, (hits) => passwordSent
    ? `The capture shows ${hits.length} request(s) refused with HTTP 401 after the phone sent a password (Basic): the account on the phone is set up with a password, not the Microsoft sign-in.`
    : `The capture shows ${hits.length} request(s) refused with HTTP 401 and a password challenge (WWW-Authenticate: Basic), but not what the phone sent: the account may be set up with a password instead of the Microsoft sign-in.`, passwordSent ? {} : { confidence: 'medium', certainty: 'inferred' });

  // The phone sent its Microsoft sign-in (a token) and Exchange refused it. A mail app whose sign-in
  // still works gets a new token by itself, so a refusal followed by an answer is a normal refresh
  // and not reported; refusals to the end mean the app cannot get a token Exchange accepts, which
  // signing in again usually mends (the sign-in log would say why: facts F33).
  const tokenRefused = entries.filter((e) => e.httpStatus === 401 && section(e, 'authScheme') === 'Bearer');
  add('PHONE_MUST_SIGN_IN_AGAIN', tokenRefused, (hits) => `The capture shows the phone sending its Microsoft sign-in (a token) and Exchange refusing it with HTTP 401 in ${hits.length} request(s), up to the end of the capture: the mail app does not get a new token that works.`, { confidence: 'medium', certainty: 'inferred' }, true);

  // Where a redirect goes decides what it is: Exchange Online (the phone follows it), another
  // ActiveSync server outside Microsoft (on-premises), or a web page (a Wi-Fi portal or a proxy's).
  const target = (e: LogEntry): string | undefined => {
    const redirect = e.httpStatus === 451 || (e.httpStatus !== undefined && e.httpStatus >= 300 && e.httpStatus < 400);
    return redirect ? (section(e, 'location') ?? e.easHeaders.location) : undefined;
  };
  const leavesMicrosoft = (e: LogEntry): boolean => {
    const host = hostOf(target(e) ?? '');
    return host !== undefined && !MICROSOFT_CLOUD.test(host);
  };
  const redirects = entries.filter((e) => leavesMicrosoft(e) && (e.httpStatus === 451 || isEasRequest(target(e) ?? '')));
  add('CAPTURE_REDIRECT_ON_PREMISES', redirects, (hits) => `${hits.length} request(s) were redirected (HTTP ${(hits[0] as LogEntry).httpStatus}) to ${hostOf(target(hits[0] as LogEntry) ?? '')}, which is not Exchange Online.`);

  // A web page that carries Exchange Online's own front-end headers is Exchange's error page, not a proxy's.
  const redirected = new Set(redirects);
  const html = new Set(entries.filter((e) => (/html/i.test(section(e, 'contentType') ?? '') || section(e, 'htmlTitle') !== undefined) && section(e, 'fromMicrosoft') === undefined && !redirected.has(e)));
  const toPage = new Set(entries.filter((e) => leavesMicrosoft(e) && !redirected.has(e) && !html.has(e)));
  add('CAPTURE_PROXY_ERROR_PAGE', entries.filter((e) => html.has(e) || toPage.has(e)), (hits) => {
    const first = hits[0] as LogEntry;
    return toPage.has(first)
      ? `${hits.length} request(s) were answered with a redirect (HTTP ${first.httpStatus}) to a web page at ${hostOf(target(first) ?? '')}, not to an ActiveSync server: a Wi-Fi sign-in page (portal) or a proxy sent it.`
      : `${hits.length} request(s) to ${section(first, 'host') ?? 'the server'} were answered with a web page (HTTP ${first.httpStatus}, "${section(first, 'htmlTitle') ?? 'no title'}") that carries none of Exchange Online's own headers.`;
  });
  return drafts;
}

/** Exchange answered: an HTTP response that is not a redirect, a proxy page or a password challenge. */
function answeredByExchange(e: LogEntry): boolean {
  return e.httpStatus !== undefined && e.httpStatus < 300 && section(e, 'error') === undefined && section(e, 'htmlTitle') === undefined;
}

function section(e: LogEntry, key: keyof typeof CAPTURE_SECTIONS): string | undefined {
  return e.otherSections[CAPTURE_SECTIONS[key]];
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function quote(text: string | undefined): string {
  return text === undefined ? 'no reason given' : `"${text.slice(0, 160)}"`;
}

