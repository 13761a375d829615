import { describe, expect, it } from 'vitest';
import { LogAnalysisSession } from '../../../../src-main/domain/diagnosis/log-analysis-session';
import { buildFinding } from '../../../../src-main/domain/diagnosis/catalog';
import { findingsFromCapture } from '../../../../src-main/domain/captures/capture-findings';
import { captureToMailboxLog } from '../../../../src-main/domain/captures/capture-to-log';
import type { CaptureExchange } from '../../../../src-main/domain/captures/capture-model';
import { readHar } from '../../../../src-main/domain/captures/har-reader';
import { parseHttpMessage } from '../../../../src-main/domain/captures/http-message';
import { parseMailboxLogFileName, parseScriptLogFileName } from '../../../../src-main/domain/mailbox-log/file-name';
import { parseRequestHeader } from '../../../../src-main/domain/mailbox-log/request-line';
import { encodeWbxml } from '../../../../src-main/domain/wbxml/encode-wbxml';

const URL_BASE = 'https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=Ping&User=a&DeviceId=DEV1&DeviceType=iPhone';

function exchange(index: number, minute: number, extra: Partial<CaptureExchange>): CaptureExchange {
  return { index, method: 'POST', url: URL_BASE, startedAt: Date.UTC(2026, 10, 30, 9, minute), requestHeaders: [['MS-ASProtocolVersion', '16.1']], ...extra };
}

function timeline(exchanges: CaptureExchange[]) {
  const session = new LogAnalysisSession();
  session.addText('capture.har', captureToMailboxLog(exchanges, 'capture.har'));
  return session.timelines()[0]!;
}

const ok = (index: number, minute: number) => exchange(index, minute, { response: { status: 200, headers: [['Content-Type', 'application/vnd.ms-sync.wbxml']], body: encodeWbxml({ namespace: 'Ping', name: 'Ping', children: [{ namespace: 'Ping', name: 'Status', text: '1' }] }) } });

describe('capture-only findings', () => {
  it('a failure followed by requests Exchange answered is history (info)', () => {
    const drafts = findingsFromCapture(timeline([exchange(1, 0, { error: 'net::ERR_CERT_DATE_INVALID' }), ok(2, 1)]));
    expect(drafts).toEqual([expect.objectContaining({ code: 'CAPTURE_TLS_OR_PROXY_FAILURE', history: true })]);
    expect(buildFinding(drafts[0]!)).toEqual(expect.objectContaining({ severity: 'info', history: true }));
  });

  it('a failure at the end of the capture is current', () => {
    const drafts = findingsFromCapture(timeline([ok(1, 0), exchange(2, 1, { error: 'net::ERR_NAME_NOT_RESOLVED' })]));
    expect(drafts).toEqual([expect.objectContaining({ code: 'CAPTURE_REQUEST_NOT_SENT' })]);
    expect(drafts[0]!.severity).toBeUndefined();
  });

  it('a 401 with a Bearer token and a Bearer challenge is not a Basic-auth client', () => {
    const drafts = findingsFromCapture(timeline([exchange(1, 0, { requestHeaders: [['Authorization', 'Bearer abc']], response: { status: 401, headers: [['WWW-Authenticate', 'Bearer authorization_uri="https://login.microsoftonline.com/common"']] } })]));
    expect(drafts.map((d) => d.code)).not.toContain('BASIC_AUTH_CLIENT');
  });

  it('a 401 that only offers Basic is a password-configured account', () => {
    const drafts = findingsFromCapture(timeline([exchange(1, 0, { response: { status: 401, headers: [['WWW-Authenticate', 'Basic realm="x"']] } })]));
    expect(drafts.map((d) => d.code)).toEqual(['BASIC_AUTH_CLIENT']);
  });

  it('a redirect within Exchange Online is not an on-premises redirect; 451 to a company host is', () => {
    const inCloud = findingsFromCapture(timeline([exchange(1, 0, { response: { status: 302, headers: [['Location', 'https://outlook.office.com/Microsoft-Server-ActiveSync']] } })]));
    expect(inCloud).toEqual([]);
    const onPrem = findingsFromCapture(timeline([exchange(1, 0, { response: { status: 451, headers: [['X-MS-Location', 'https://mail.contoso.example/Microsoft-Server-ActiveSync']] } })]));
    expect(onPrem.map((d) => d.code)).toEqual(['CAPTURE_REDIRECT_ON_PREMISES']);
  });

  it('mailbox logs (no capture sections) never give capture findings', () => {
    const session = new LogAnalysisSession();
    session.addText('x.txt', '\r\n-----------------\r\n Log Entry: 0\r\n-----------------\r\n\r\nRequestTime : \r\n05/14/2024 09:02:11\r\n\r\nRequestHeader : \r\nPOST /Microsoft-Server-ActiveSync?Cmd=Ping&DeviceId=A1&DeviceType=iPhone HTTP/1.1\r\n\r\nResponseHeader : \r\nHTTP/1.1 401 Unauthorized\r\n\r\n');
    expect(findingsFromCapture(session.timelines()[0]!)).toEqual([]);
  });
});

describe('capture readers', () => {
  it('reads HAR bodies saved as text one character per byte', () => {
    const wbxml = encodeWbxml({ namespace: 'Ping', name: 'Ping', children: [{ namespace: 'Ping', name: 'Status', text: '2' }] });
    const har = JSON.stringify({ log: { entries: [{ startedDateTime: '2026-11-30T09:00:00Z', request: { method: 'POST', url: URL_BASE, headers: [] }, response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/vnd.ms-sync.wbxml' }], content: { text: String.fromCharCode(...wbxml) } } }] } });
    const text = captureToMailboxLog(readHar(har, 'x.har'), 'x.har');
    expect(text).toContain('<Status>2</Status>');
  });

  it('parses a raw HTTP message with a chunked body', () => {
    const raw = new TextEncoder().encode('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
    const message = parseHttpMessage(raw, 'x');
    expect(new TextDecoder().decode(message.body)).toBe('abcde');
  });
});

describe('file names and wrapped request lines', () => {
  it('reads the device from emailed names (.txt and .gz) and the collection script’s names', () => {
    expect(parseMailboxLogFileName('EASMailboxLog_alex_wilber_iPhone_ApplF17XK2Q1N72.gz')).toEqual({ alias: 'alex_wilber', deviceType: 'iPhone', deviceId: 'ApplF17XK2Q1N72' });
    expect(parseScriptLogFileName('alex@contoso.example_MailboxLog_iPhone_ApplF17XK2Q1N72_638680100000000000.txt')).toEqual({ mailbox: 'alex@contoso.example', deviceId: 'ApplF17XK2Q1N72', ticks: '638680100000000000' });
    expect(parseScriptLogFileName('EASMailboxLog_alex_iPhone_A1.txt')).toBeUndefined();
    // Members of an archive keep their own name's meaning.
    expect(parseMailboxLogFileName('logs.zip › mail/EASMailboxLog_alex_iPhone_A1.txt')).toMatchObject({ deviceId: 'A1' });
    expect(parseScriptLogFileName('logs.zip › alex_MailboxLog_iPhone_A1_638680100000000000.txt')).toMatchObject({ deviceId: 'A1' });
  });

  it('joins a request line wrapped inside the query and one wrapped before HTTP/1.1', () => {
    expect(parseRequestHeader('POST /Microsoft-Server-ActiveSync?Cmd=Sync&DeviceId=Appl12\r\n34&DeviceType=iPhone HTTP/1.1\r\nUser-Agent: x')).toMatchObject({ command: 'Sync', deviceId: 'Appl1234', deviceType: 'iPhone', userAgent: 'x' });
    expect(parseRequestHeader('POST /Microsoft-Server-ActiveSync?Cmd=Sync&DeviceId=Appl1234&DeviceType=iPhone\nHTTP/1.1\nUser-Agent: y')).toMatchObject({ deviceType: 'iPhone', userAgent: 'y' });
  });
});
