import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureToMailboxLog } from '../../../../src-main/domain/captures/capture-to-log';
import { readHar } from '../../../../src-main/domain/captures/har-reader';
import { readSaz } from '../../../../src-main/domain/captures/saz-reader';
import { LogAnalysisSession } from '../../../../src-main/domain/diagnosis/log-analysis-session';
import { headline } from '../../../../src-main/domain/diagnosis/rank';
import { encodeWbxml } from '../../../../src-main/domain/wbxml/encode-wbxml';
import { bodies, har, harEntry, type HarSpec } from '../../../support/capture-fixtures';

/**
 * The judgement on whole device-side captures: which finding comes first, and what never may.
 * Each capture goes the production way: reader → mailbox-log text → parser → detectors → ranking.
 */
const WBXML = 'application/vnd.ms-sync.wbxml';
const at = (minute: number) => `2026-11-30T09:${String(minute).padStart(2, '0')}:00.000Z`;
const pingBody = (status: number) => encodeWbxml({ namespace: 'Ping', name: 'Ping', children: [{ namespace: 'Ping', name: 'Status', text: String(status) }] });
const okSync = (minute: number) => harEntry({ cmd: 'Sync', at: at(minute), requestBody: bodies.syncRequest('5'), status: 200, contentType: WBXML, responseBody: bodies.syncResponse(1) });
const okPing = (minute: number) => harEntry({ cmd: 'Ping', at: at(minute), status: 200, contentType: WBXML, responseBody: pingBody(1) });
const okFolderSync = (minute: number) => harEntry({ cmd: 'FolderSync', at: at(minute), requestBody: bodies.folderSyncRequest(), status: 200, contentType: WBXML, responseBody: bodies.folderSyncResponse(1) });
/** A phone that syncs normally for four minutes from `from`. */
const healthy = (from: number) => [okFolderSync(from), okSync(from + 1), okPing(from + 2), okSync(from + 3)];
const entry = (spec: Partial<HarSpec> & { at: string }) => harEntry({ cmd: 'FolderSync', status: 200, ...spec });

function analyseHar(entries: object[]) {
  const text = captureToMailboxLog(readHar(har(entries), 'phone.har'), 'phone.har');
  const session = new LogAnalysisSession();
  session.addText('phone.har', text);
  const analysis = session.finish();
  return { text, findings: analysis.findings, codes: analysis.findings.map((f) => f.code), top: analysis.findings[0], headline: headline(analysis.findings) };
}

describe('what the phone does at the end of the capture decides', () => {
  it('a Ping still waiting when the capture stopped (no answer, no error) is Direct Push, not a failure (facts F29)', () => {
    const result = analyseHar([...healthy(0), entry({ cmd: 'Ping', at: at(5), status: 0 })]);
    expect(result.top?.code).toBe('HEALTHY_SYNC');
    expect(result.codes).not.toContain('LOG_INCONCLUSIVE');
    expect(result.codes).not.toContain('CAPTURE_REQUEST_NOT_SENT');
  });

  it('"the last request" is by start time, not by the order the tool wrote the entries in', () => {
    const result = analyseHar([entry({ cmd: 'Sync', at: at(5), requestBody: bodies.syncRequest('5'), status: 0 }), ...healthy(0)]);
    expect(result.codes).toEqual(['HEALTHY_SYNC']);
  });

  it("another phone's later requests do not make this phone's last request unanswered", () => {
    const other = 'https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=Sync&User=a&DeviceId=OTHER2&DeviceType=Android';
    const result = analyseHar([...healthy(0), entry({ cmd: 'Sync', at: at(5), requestBody: bodies.syncRequest('5'), status: 0 }), entry({ at: at(6), url: other, requestBody: bodies.syncRequest('5'), contentType: WBXML, responseBody: bodies.syncResponse(1) })]);
    expect(result.codes).toEqual(['HEALTHY_SYNC', 'HEALTHY_SYNC']);
  });

  it('a Sync the app cancelled is not a network failure either, and a base64-query Ping left waiting is a push wait', () => {
    const b64Ping = 'https://outlook.office365.com/Microsoft-Server-ActiveSync?oRIJBA9BcHBsRjE3WEsyUTFONzIABmlQaG9uZQ==';
    const result = analyseHar([...healthy(0), entry({ cmd: 'Sync', at: at(5), requestBody: bodies.syncRequest('5'), status: 0, error: 'net::ERR_ABORTED' }), entry({ at: at(6), url: b64Ping, status: 0 }), okSync(7)]);
    expect(result.codes).toEqual(['HEALTHY_SYNC']);
  });

  it('a timeout the tool words as "canceled" is a failure, not a request the app cancelled', () => {
    const result = analyseHar([...healthy(0), entry({ cmd: 'Sync', at: at(5), status: 0, error: 'The operation was canceled (timeout)' }), entry({ cmd: 'Sync', at: at(6), status: 0, error: 'The operation was canceled (timeout)' })]);
    expect(result.top).toMatchObject({ code: 'CAPTURE_REQUEST_NOT_SENT', severity: 'blocker' });
  });

  it('a Ping the app cancelled (net::ERR_ABORTED) at the end is not a network failure', () => {
    const result = analyseHar([...healthy(0), entry({ cmd: 'Ping', at: at(5), status: 0, error: 'net::ERR_ABORTED' })]);
    expect(result.top?.code).toBe('HEALTHY_SYNC');
    expect(result.codes).not.toContain('CAPTURE_REQUEST_NOT_SENT');
  });

  it('a Fiddler session with no response file at the end (still open when saved) is pending, not "never got through"', () => {
    const enc = new TextEncoder();
    const request = (cmd: string) => enc.encode(`POST https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=${cmd}&User=a&DeviceId=SAZ1&DeviceType=iPhone HTTP/1.1\r\nHost: outlook.office365.com\r\nMS-ASProtocolVersion: 16.1\r\n\r\n`);
    const response = (body: Uint8Array) => new Uint8Array([...enc.encode(`HTTP/1.1 200 OK\r\nContent-Type: ${WBXML}\r\n\r\n`), ...body]);
    const meta = (minute: number) => enc.encode(`<Session><SessionTimers ClientBeginRequest="${at(minute)}" ClientDoneResponse="${at(minute)}" /></Session>`);
    const files = new Map<string, Uint8Array>([
      ['raw/01_c.txt', request('Sync')], ['raw/01_s.txt', response(bodies.syncResponse(1))], ['raw/01_m.xml', meta(0)],
      ['raw/02_c.txt', request('Ping')], ['raw/02_s.txt', response(pingBody(1))], ['raw/02_m.xml', meta(1)],
      ['raw/03_c.txt', request('Sync')], ['raw/03_s.txt', response(bodies.syncResponse(1))], ['raw/03_m.xml', meta(2)],
      ['raw/04_c.txt', request('Ping')], ['raw/04_m.xml', meta(3)],
    ]);
    const session = new LogAnalysisSession();
    session.addText('phone.saz', captureToMailboxLog(readSaz(files, 'phone.saz'), 'phone.saz'));
    const codes = session.finish().findings.map((f) => f.code);
    expect(codes[0]).toBe('HEALTHY_SYNC');
    expect(codes).not.toContain('CAPTURE_REQUEST_NOT_SENT');
  });

  it('requests the phone gave up on (no answer, a later request followed) are unanswered, and such a capture is never healthy', () => {
    const result = analyseHar([0, 1, 2].map((minute) => entry({ at: at(minute), status: 0 })));
    expect(result.top?.code).toBe('CAPTURE_REQUEST_NOT_SENT');
    expect(result.codes).not.toContain('HEALTHY_SYNC');
  });

  it('a phone that synced, then stopped getting answers, is failing now (not healthy)', () => {
    const result = analyseHar([...healthy(0), entry({ cmd: 'Sync', at: at(5), requestBody: bodies.syncRequest('5'), status: 0 }), entry({ cmd: 'Sync', at: at(6), requestBody: bodies.syncRequest('5'), status: 0 }), entry({ cmd: 'Sync', at: at(7), requestBody: bodies.syncRequest('5'), status: 0 })]);
    expect(result.top).toMatchObject({ code: 'CAPTURE_REQUEST_NOT_SENT', severity: 'blocker' });
    expect(result.top?.history).toBeUndefined();
    expect(result.codes).not.toContain('HEALTHY_SYNC');
  });

  it('a capture whose only request is still waiting says "cannot tell" about the capture, not that requests reached the mailbox', () => {
    const result = analyseHar([entry({ cmd: 'Ping', at: at(0), status: 0 })]);
    expect(result.codes).toEqual(['LOG_INCONCLUSIVE']);
    expect(result.top?.explanation).not.toMatch(/reached the mailbox/i);
    expect(result.top?.explanation).toMatch(/capture/i);
  });

  it('a capture of discovery only (OPTIONS answered) says it shows no sync, not that nothing was answered', () => {
    const result = analyseHar([entry({ cmd: 'OPTIONS', at: at(0), responseHeaders: [['MS-ASProtocolVersions', '14.0,14.1,16.0,16.1']] })]);
    expect(result.codes).toEqual(['LOG_INCONCLUSIVE']);
    expect(result.top?.explanation).toContain('all answered, but none of them a sync');
  });

  it('a redirect within Exchange Online that the phone followed is history once the phone syncs normally', () => {
    const result = analyseHar([entry({ at: at(0), status: 451, responseHeaders: [['X-MS-Location', 'https://outlook.office365.com/Microsoft-Server-ActiveSync']] }), ...healthy(1)]);
    expect(result.top?.code).toBe('HEALTHY_SYNC');
    expect(result.findings.find((f) => f.code === 'REDIRECT_451')).toMatchObject({ severity: 'info', history: true });
    expect(result.headline.text).toMatch(/^No blocking cause found/);
  });
});

describe('a capture together with a mailbox log of the same phone', () => {
  const log = readFileSync(path.resolve(__dirname, '../../../fixtures/mailbox-logs/synthetic-iphone-healthy-16.1.txt'), 'utf8');
  const url = 'https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=Sync&User=alex.wilber%40contoso.example&DeviceId=F2KQ7HZX1C9N3P5R7T9V1X3Z5B&DeviceType=iPhone';
  const tlsAt = (time: string) => entry({ cmd: 'Sync', url, at: time, status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' });
  const analyse = (entries: object[]) => {
    const session = new LogAnalysisSession();
    session.addText('EASMailboxLog_alex_iPhone_F2KQ7HZX1C9N3P5R7T9V1X3Z5B.txt', log);
    session.addText('phone.har', captureToMailboxLog(readHar(har(entries), 'phone.har'), 'phone.har'));
    return session.finish().findings;
  };

  it('a capture failure before the log shows the phone syncing is history', () => {
    const findings = analyse([tlsAt('2024-05-14T08:50:00.000Z'), tlsAt('2024-05-14T08:51:00.000Z')]);
    expect(findings[0]?.code).toBe('HEALTHY_SYNC');
    expect(findings.find((f) => f.code === 'CAPTURE_TLS_OR_PROXY_FAILURE')).toMatchObject({ severity: 'info', history: true });
  });

  it('a capture failure after the log ends is the present', () => {
    const findings = analyse([tlsAt('2024-05-14T12:50:00.000Z'), tlsAt('2024-05-14T12:51:00.000Z')]);
    expect(findings[0]).toMatchObject({ code: 'CAPTURE_TLS_OR_PROXY_FAILURE', severity: 'blocker' });
    expect(findings.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
  });
});

describe('redirects: Exchange Online, on-premises, and web pages', () => {
  it.each([
    'https://outlook.office365.com:443/Microsoft-Server-ActiveSync',
    'https://AM0PR01MB1234.eurprd01.prod.outlook.com/Microsoft-Server-ActiveSync',
    'https://outlook.office365.us/Microsoft-Server-ActiveSync',
    'https://partner.outlook.cn/Microsoft-Server-ActiveSync',
  ])('a 451 to %s is still Exchange Online, never "redirected to on-premises"', (target) => {
    const result = analyseHar([entry({ at: at(0), status: 451, responseHeaders: [['X-MS-Location', target]] })]);
    expect(result.codes).not.toContain('CAPTURE_REDIRECT_ON_PREMISES');
    expect(result.top?.code).toBe('REDIRECT_451');
  });

  it('a 451 to a company server is on-premises, and the plain 451 finding follows from it', () => {
    const result = analyseHar([entry({ at: at(0), status: 451, responseHeaders: [['X-MS-Location', 'https://mail.contoso.example/Microsoft-Server-ActiveSync']] })]);
    expect(result.codes).toEqual(['CAPTURE_REDIRECT_ON_PREMISES', 'REDIRECT_451']);
    expect(result.findings[1]?.followsFrom).toBe('CAPTURE_REDIRECT_ON_PREMISES');
  });

  it('a 302 to a Wi-Fi sign-in page (captive portal) is a web page answering instead of Exchange, not an on-premises server', () => {
    const result = analyseHar([0, 1].map((minute) => entry({ at: at(minute), status: 302, statusText: 'Found', responseHeaders: [['Location', 'http://portal.hotel-wifi.example/login?orig=outlook']] })));
    expect(result.top?.code).toBe('CAPTURE_PROXY_ERROR_PAGE');
    expect(result.top?.explanation).toContain('portal.hotel-wifi.example');
    expect(result.codes).not.toContain('CAPTURE_REDIRECT_ON_PREMISES');
  });

  it("a relative redirect to a sign-in form on the company's own server (a reverse proxy) is a web page, not ActiveSync", () => {
    const url = 'https://mail.contoso.example/Microsoft-Server-ActiveSync?Cmd=FolderSync&User=a&DeviceId=ApplF17XK2Q1N72&DeviceType=iPhone';
    const result = analyseHar([entry({ at: at(0), url, status: 302, responseHeaders: [['Location', '/CookieAuth.dll?GetLogon?curl=Z2FMicrosoft-Server-ActiveSync']] })]);
    expect(result.top?.code).toBe('CAPTURE_PROXY_ERROR_PAGE');
    expect(result.top?.explanation).toContain('mail.contoso.example');
  });

  it('a 302 to another ActiveSync server outside Microsoft is an on-premises redirect', () => {
    const result = analyseHar([entry({ at: at(0), status: 302, responseHeaders: [['Location', 'https://mail.contoso.example/Microsoft-Server-ActiveSync?Cmd=FolderSync']] })]);
    expect(result.top?.code).toBe('CAPTURE_REDIRECT_ON_PREMISES');
  });

  it('a 302 to the Microsoft sign-in service is neither on-premises nor a proxy page', () => {
    const result = analyseHar([entry({ at: at(0), status: 302, responseHeaders: [['Location', 'https://login.microsoftonline.com/common/oauth2/authorize?client_id=x']] })]);
    expect(result.codes).not.toContain('CAPTURE_REDIRECT_ON_PREMISES');
    expect(result.codes).not.toContain('CAPTURE_PROXY_ERROR_PAGE');
    expect(result.codes).not.toContain('HEALTHY_SYNC');
  });
});

describe('who answered: Exchange Online or something in front of it', () => {
  it('a Wi-Fi portal answering 200 with a web page is not an empty Sync answer: the phone is not healthy', () => {
    const portal = (minute: number) => entry({ cmd: 'Sync', at: at(minute), requestBody: bodies.syncRequest('5'), status: 200, contentType: 'text/html', responseBody: '<html><head><title>Guest WiFi - accept the terms</title></head></html>' });
    const result = analyseHar([...healthy(0), portal(5), portal(6)]);
    expect(result.top?.code).toBe('CAPTURE_PROXY_ERROR_PAGE');
    expect(result.codes).not.toContain('HEALTHY_SYNC');
  });

  it("a browser app's CORS preflights (OPTIONS with Access-Control-Request-Method) are browser noise, not requests of the phone", () => {
    const preflight = (minute: number) => ({ startedDateTime: at(minute), time: 3, request: { method: 'OPTIONS', url: 'https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=Sync&User=a&DeviceId=ApplF17XK2Q1N72&DeviceType=iPhone', headers: [{ name: 'Origin', value: 'https://mail.example' }, { name: 'Access-Control-Request-Method', value: 'POST' }] }, response: { status: 401, headers: [], content: { size: 0 } } });
    const result = analyseHar([preflight(0), ...healthy(1), preflight(6), preflight(7)]);
    expect(result.codes).toEqual(['HEALTHY_SYNC']);
    expect(result.text.match(/ Log Entry: /g)).toHaveLength(4);
  });

  const page = '<!DOCTYPE html><html><head><title>403 - Forbidden: Access is denied.</title></head><body></body></html>';

  it('an HTML 403 carrying Exchange Online front-end headers is Exchange refusing, not a proxy', () => {
    const result = analyseHar([0, 1].map((minute) => entry({ at: at(minute), status: 403, contentType: 'text/html', responseBody: page, responseHeaders: [['X-FEServer', 'AM0PR01CA0001'], ['X-CalculatedBETarget', 'AM0PR01MB1234.eurprd01.prod.outlook.com'], ['request-id', 'f00']] })));
    expect(result.codes).not.toContain('CAPTURE_PROXY_ERROR_PAGE');
    expect(result.top?.code).toBe('REQUESTS_REFUSED');
  });

  it('a gateway error (502, 504) with none of Exchange Online\'s headers came from something in between; with them it is Exchange\'s', () => {
    const gateway = (minute: number, headers: Array<[string, string]>) => entry({ cmd: 'Sync', at: at(minute), status: 504, statusText: 'Gateway Timeout', responseHeaders: headers });
    const between = analyseHar([...healthy(0), gateway(5, []), gateway(6, [])]);
    expect(between.top).toMatchObject({ code: 'CAPTURE_TLS_OR_PROXY_FAILURE', certainty: 'inferred' });
    expect(between.findings.find((f) => f.code === 'SERVER_ERRORS')?.followsFrom).toBe('CAPTURE_TLS_OR_PROXY_FAILURE');
    const exchange = analyseHar([...healthy(0), gateway(5, [['X-FEServer', 'AM0PR01CA0001']]), gateway(6, [['X-FEServer', 'AM0PR01CA0001']])]);
    expect(exchange.top?.code).toBe('SERVER_ERRORS');
    expect(exchange.codes).not.toContain('CAPTURE_TLS_OR_PROXY_FAILURE');
  });

  it('the same page with no Microsoft header is a proxy, and the refusals follow from it', () => {
    const result = analyseHar([0, 1].map((minute) => entry({ at: at(minute), status: 403, contentType: 'text/html', responseBody: page, responseHeaders: [['Via', '1.1 squid']] })));
    expect(result.codes).toEqual(['CAPTURE_PROXY_ERROR_PAGE', 'REQUESTS_REFUSED']);
    expect(result.findings[1]?.followsFrom).toBe('CAPTURE_PROXY_ERROR_PAGE');
  });

  it('an Azure request id alone does not make a page Exchange\'s', () => {
    const result = analyseHar([entry({ at: at(0), status: 403, contentType: 'text/html', responseBody: page, responseHeaders: [['x-ms-request-id', 'abc']] })]);
    expect(result.top?.code).toBe('CAPTURE_PROXY_ERROR_PAGE');
  });
});

describe('throttling is Exchange slowing the phone down, not a fault of the account', () => {
  it.each([
    ['503 with Retry-After', 503, [['Retry-After', '300']]],
    ['429 Too Many Requests', 429, [['Retry-After', '60']]],
    ['429 without Retry-After', 429, []],
  ] as Array<[string, number, Array<[string, string]>]>)('%s at the end reads as throttling, not as a refusal or a sign-in problem', (_name, status, headers) => {
    const result = analyseHar([...healthy(0), entry({ cmd: 'Sync', at: at(5), status, responseHeaders: headers }), entry({ cmd: 'Sync', at: at(6), status, responseHeaders: headers })]);
    expect(result.top?.code).toBe('THROTTLED');
    expect(result.codes).not.toContain('REQUESTS_REFUSED');
    expect(result.codes).not.toContain('PHONE_MUST_SIGN_IN_AGAIN');
  });
});

describe('a Fiddler capture without HTTPS decryption', () => {
  it('says the tunnels were not decrypted and how to capture again', () => {
    const enc = new TextEncoder();
    const files = new Map<string, Uint8Array>([
      ['raw/01_c.txt', enc.encode('CONNECT outlook.office365.com:443 HTTP/1.1\r\nHost: outlook.office365.com:443\r\n\r\n')],
      ['raw/01_s.txt', enc.encode('HTTP/1.1 200 Connection Established\r\n\r\n')],
    ]);
    expect(() => captureToMailboxLog(readSaz(files, 'phone.saz'), 'phone.saz')).toThrow(/only encrypted connections \(CONNECT to outlook\.office365\.com\).*decrypt HTTPS/);
  });
});

describe('passwords and tokens', () => {
  it('a Basic-only challenge when the capture does not show the phone sending a password is only a possible cause', () => {
    const result = analyseHar([entry({ at: at(0), auth: '', status: 401, responseHeaders: [['WWW-Authenticate', 'Basic realm="x"']] })]);
    expect(result.top).toMatchObject({ code: 'BASIC_AUTH_CLIENT', certainty: 'inferred' });
    expect(result.headline.confirmed).toBe(false);
  });

  it('a phone that sent a password (Authorization: Basic) and was refused is a confirmed Basic-auth client', () => {
    const result = analyseHar([entry({ at: at(0), auth: 'Basic YWxleDpodW50ZXIy', status: 401, responseHeaders: [['WWW-Authenticate', 'Basic realm="x"']] })]);
    expect(result.top).toMatchObject({ code: 'BASIC_AUTH_CLIENT', certainty: 'confirmed' });
  });

  it('the base64 query form is kept whole (its "=" padding is not a parameter)', () => {
    const query = 'oRIJBA9BcHBsRjE3WEsyUTFONzIABmlQaG9uZQ==';
    const result = analyseHar([...healthy(0), { ...entry({ at: at(5), status: 0 }), request: { method: 'POST', url: `https://outlook.office365.com/Microsoft-Server-ActiveSync?${query}`, headers: [] } }]);
    expect(result.text).toContain(`?${query} HTTP/1.1`);
    expect(result.codes).toEqual(['HEALTHY_SYNC']);
  });

  it('a Microsoft sign-in token (Bearer) refused until the end of the capture: possibly the phone must sign in again, above the refusals', () => {
    const refused = (minute: number) => entry({ cmd: 'Sync', at: at(minute), status: 401, responseHeaders: [['WWW-Authenticate', 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"']] });
    const result = analyseHar([...healthy(0), refused(5), refused(6)]);
    expect(result.top).toMatchObject({ code: 'PHONE_MUST_SIGN_IN_AGAIN', certainty: 'inferred' });
    expect(result.top?.explanation).toContain('token');
    expect(result.findings.find((f) => f.code === 'REQUESTS_REFUSED')?.followsFrom).toBe('PHONE_MUST_SIGN_IN_AGAIN');
    expect(result.headline.confirmed).toBe(false);
    expect(result.codes).not.toContain('BASIC_AUTH_CLIENT');
  });

  it('a token refused once and then refreshed (the next request answered) is no sign-in problem at all', () => {
    const result = analyseHar([entry({ cmd: 'Sync', at: at(0), status: 401, responseHeaders: [['WWW-Authenticate', 'Bearer error="invalid_token"']] }), ...healthy(1)]);
    expect(result.top?.code).toBe('HEALTHY_SYNC');
    expect(result.codes).not.toContain('PHONE_MUST_SIGN_IN_AGAIN');
  });

  it('a 401 to a request that shows no credentials (a sanitised HAR) says nothing about the token', () => {
    const result = analyseHar([entry({ cmd: 'Sync', at: at(0), auth: '', status: 401, responseHeaders: [['WWW-Authenticate', 'Bearer']] })]);
    expect(result.codes).not.toContain('PHONE_MUST_SIGN_IN_AGAIN');
    expect(result.top?.code).toBe('REQUESTS_REFUSED');
  });

  it('mail content (subjects, addresses, bodies, sent MIME) is written as Exchange writes it in a mailbox log: sizes only', () => {
    const el = (namespace: string, name: string, content: string | ReturnType<typeof Object> = []) => (typeof content === 'string' ? { namespace, name, text: content } : { namespace, name, children: content });
    const mail = encodeWbxml(el('AirSync', 'Sync', [el('AirSync', 'Collections', [el('AirSync', 'Collection', [
      el('AirSync', 'SyncKey', '7'), el('AirSync', 'CollectionId', '5'), el('AirSync', 'Status', '1'),
      el('AirSync', 'Commands', [el('AirSync', 'Add', [el('AirSync', 'ServerId', '5:1'), el('AirSync', 'ApplicationData', [
        el('Email', 'Subject', 'Quarterly salaries'), el('Email', 'From', '"Ceo" <ceo@contoso.example>'), el('Email', 'To', 'alex@contoso.example'),
        el('AirSyncBase', 'Body', [el('AirSyncBase', 'Type', '2'), el('AirSyncBase', 'Data', '<html><body>Confidential figures</body></html>')]),
      ])])]),
    ])])]));
    const sent = encodeWbxml({ namespace: 'ComposeMail', name: 'SendMail', children: [{ namespace: 'ComposeMail', name: 'ClientId', text: 'c1' }, { namespace: 'ComposeMail', name: 'MIME', opaque: new TextEncoder().encode('Subject: Private\r\n\r\nSecret body text') }] });
    const result = analyseHar([
      entry({ cmd: 'Sync', at: at(0), requestBody: bodies.syncRequest('6'), contentType: WBXML, responseBody: mail }),
      entry({ cmd: 'SendMail', at: at(1), requestBody: sent, status: 200 }),
    ]);
    for (const secret of ['Quarterly salaries', 'ceo@contoso.example', 'Confidential figures', 'Secret body text', btoa('Subject: Private\r\n\r\nSecret body text')]) expect(result.text).not.toContain(secret);
    expect(result.text).toContain('<Subject xmlns="Email:" bytes="18"/>');
    expect(result.text).toMatch(/<MIME>\[Mime Removed\] BytesCount = \d+<\/MIME>/);
    expect(result.text).toContain('<SyncKey>7</SyncKey>');
    expect(result.codes).toEqual(['HEALTHY_SYNC']);
  });

  it('tokens in the query string of an ActiveSync request never reach the case text', () => {
    const url = 'https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=FolderSync&User=a&DeviceId=WEB1&DeviceType=WebApp&access_token=URLSECRET1&code=URLSECRET2&sig=URLSECRET3';
    const result = analyseHar([entry({ at: at(0), url, requestBody: bodies.folderSyncRequest(), contentType: WBXML, responseBody: bodies.folderSyncResponse(1) })]);
    expect(result.text).not.toMatch(/URLSECRET/);
    expect(result.text).toContain('Cmd=FolderSync');
    expect(result.text).toContain('DeviceId=WEB1');
  });
});
