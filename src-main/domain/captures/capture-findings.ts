import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from '../patterns/device-timeline';
import type { FindingCode, FindingDraft } from '../diagnosis/catalog';
import { deviceLabel } from '../diagnosis/log-findings';
import { CAPTURE_SECTIONS } from './capture-to-log';

/** Exchange Online's own host names; anything else answering for it is on-premises or a proxy. */
const MICROSOFT_CLOUD = /(^|\.)(office365\.com|outlook\.com|office\.com|microsoft\.com|microsoftonline\.com)$/i;
const TLS_OR_PROXY = /cert|ssl|tls|handshake|proxy|tunnel|407/i;

/**
 * Findings only a device-side capture can show, read from the capture sections of the log model
 * (capture-to-log.ts): requests that never got an answer, TLS or proxy failures, a 401 that asks
 * for a password (Basic; facts F32: Exchange Online refuses it before sign-in), a redirect to an
 * on-premises server, and an HTML error page where Exchange never answers with HTML. A problem
 * followed by a request Exchange answered later in the capture is reported as history (info).
 */
export function findingsFromCapture(timeline: DeviceTimeline): FindingDraft[] {
  const entries = timeline.entries.filter((e) => e.otherSections[CAPTURE_SECTIONS.source] !== undefined);
  if (entries.length === 0) return [];
  const lastAnswered = lastIndexWhere(entries, answeredByExchange);
  const drafts: FindingDraft[] = [];
  const add = (code: FindingCode, hits: LogEntry[], detail: (hits: LogEntry[]) => string): void => {
    if (hits.length === 0) return;
    const over = entries.indexOf(hits[hits.length - 1] as LogEntry) < lastAnswered;
    const text = `${detail(hits)}${over ? ' Later requests in the capture were answered by Exchange, so this is history.' : ''}`;
    drafts.push({
      code,
      detail: text,
      evidence: [{ step: 'mailbox-log', object: deviceLabel(timeline), logEntries: hits.slice(0, 50).map((e) => e.seq), detail: text }],
      confidence: 'high',
      deviceId: timeline.deviceId,
      ...(over ? { history: true } : {}),
    });
  };

  const errors = entries.filter((e) => section(e, 'error') !== undefined || e.httpStatus === 407);
  const tls = errors.filter((e) => e.httpStatus === 407 || TLS_OR_PROXY.test(section(e, 'error') ?? ''));
  const notSent = errors.filter((e) => !tls.includes(e));
  add('CAPTURE_REQUEST_NOT_SENT', notSent, (hits) => `${hits.length} request(s) in the capture got no answer at all (${quote(section(hits[0] as LogEntry, 'error'))}); they never reached Exchange.`);
  add('CAPTURE_TLS_OR_PROXY_FAILURE', tls, (hits) => `${hits.length} request(s) failed on the secure connection or at a proxy (${quote(section(hits[0] as LogEntry, 'error') ?? `HTTP ${(hits[0] as LogEntry).httpStatus}`)}).`);

  const basic = entries.filter((e) => e.httpStatus === 401 && (section(e, 'authScheme') === 'Basic' || (/\bBasic\b/i.test(section(e, 'wwwAuthenticate') ?? '') && !/\bBearer\b/i.test(section(e, 'wwwAuthenticate') ?? '') && section(e, 'authScheme') !== 'Bearer')));
  add('BASIC_AUTH_CLIENT', basic, (hits) => `The capture shows ${hits.length} request(s) refused with HTTP 401 ${section(hits[0] as LogEntry, 'authScheme') === 'Basic' ? 'after the phone sent a password (Basic)' : 'with a password challenge (WWW-Authenticate: Basic)'}: the account on the phone is set up with a password, not the Microsoft sign-in.`);

  const redirects = entries.filter((e) => {
    const target = e.httpStatus === 451 || (e.httpStatus !== undefined && e.httpStatus >= 300 && e.httpStatus < 400) ? (section(e, 'location') ?? e.easHeaders.location) : undefined;
    const host = target === undefined ? undefined : hostOf(target);
    return host !== undefined && !MICROSOFT_CLOUD.test(host);
  });
  add('CAPTURE_REDIRECT_ON_PREMISES', redirects, (hits) => `${hits.length} request(s) were redirected (HTTP ${(hits[0] as LogEntry).httpStatus}) to ${hostOf(section(hits[0] as LogEntry, 'location') ?? (hits[0] as LogEntry).easHeaders.location ?? '')}, which is not Exchange Online.`);

  const html = entries.filter((e) => /html/i.test(section(e, 'contentType') ?? '') || section(e, 'htmlTitle') !== undefined);
  add('CAPTURE_PROXY_ERROR_PAGE', html, (hits) => `${hits.length} request(s) were answered with a web page (HTTP ${(hits[0] as LogEntry).httpStatus}, "${section(hits[0] as LogEntry, 'htmlTitle') ?? 'no title'}") from ${section(hits[0] as LogEntry, 'host') ?? 'the network'}. Exchange never answers ActiveSync with a web page.`);
  return drafts;
}

/** Exchange answered: an HTTP response that is not a redirect, a proxy page or a password challenge. */
function answeredByExchange(e: LogEntry): boolean {
  return e.httpStatus !== undefined && e.httpStatus < 300 && section(e, 'error') === undefined && section(e, 'htmlTitle') === undefined;
}

function section(e: LogEntry, key: keyof typeof CAPTURE_SECTIONS): string | undefined {
  return e.otherSections[CAPTURE_SECTIONS[key]];
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function quote(text: string | undefined): string {
  return text === undefined ? 'no reason given' : `"${text.slice(0, 160)}"`;
}

