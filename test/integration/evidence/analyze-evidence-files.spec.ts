import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeEvidenceFiles } from '../../../src-main/services/evidence-import/analyze-evidence-files';
import { EvidenceInputError } from '../../../src-main/services/evidence-import/evidence-errors';
import { evidenceUnits, fileSource } from '../../../src-main/services/evidence-import/evidence-units';
import { bodies, CAPTURE_SECRETS, IPHONE, problemCaptureHar } from '../../support/capture-fixtures';

const FIXTURES = path.resolve(__dirname, '../../fixtures/mailbox-logs');
const ANDROID = readFileSync(path.join(FIXTURES, 'synthetic-android-problems-14.1.txt'));
const HEALTHY = readFileSync(path.join(FIXTURES, 'synthetic-iphone-healthy-16.1.txt'));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evidence-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const full = path.join(dir, name);
  writeFileSync(full, bytes);
  return full;
}

async function analyse(...files: string[]) {
  return (await analyzeEvidenceFiles(files.map(fileSource))).analysis;
}

const codes = (a: { findings: { code: string }[] }) => a.findings.map((f) => f.code).sort();

function zip(entries: Record<string, Uint8Array | string>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) z.addBuffer(Buffer.from(bytes), name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

describe('mailbox logs the operator brings', () => {
  it('reads an emailed gzipped log exactly like the text it holds, with the device from the file name', async () => {
    const plain = await analyse(file('plain.txt', ANDROID));
    const gz = await analyse(file('EASMailboxLog_alex_SAMSUNGSMS918B_androidc1234567890.gz', gzipSync(ANDROID)));
    expect(codes(gz)).toEqual(codes(plain));
    expect(gz.devices.map((d) => [d.deviceId, d.entryCount])).toEqual(plain.devices.map((d) => [d.deviceId, d.entryCount]));
  });

  it('reads overlapping files of the collection script once, without a parse note', async () => {
    const text = HEALTHY.toString('utf8');
    const entries = text.split(/(?=\r\n-----------------\r\n Log Entry:)/);
    const first = entries.slice(0, 4).join('');
    const second = entries.slice(2).join('');
    const a = file('alex_MailboxLog_iPhone_ApplF17XK2Q1N72_638680000000000000.txt', first);
    const b = file('alex_MailboxLog_iPhone_ApplF17XK2Q1N72_638680100000000000.txt', second);
    const overlapped = await analyse(b, a);
    const whole = await analyse(file('whole.txt', HEALTHY));
    expect(overlapped.devices.map((d) => d.entryCount)).toEqual(whole.devices.map((d) => d.entryCount));
    expect(codes(overlapped)).not.toContain('LOG_PARSE_WARNINGS');
    expect(codes(overlapped)).toEqual(codes(whole));
  });

  it('still notes duplicates between files that are not the script’s', async () => {
    const twice = await analyse(file('one.txt', HEALTHY), file('two.txt', HEALTHY));
    expect(codes(twice)).toContain('LOG_PARSE_WARNINGS');
  });

  it('reads a zip of several devices’ logs, one of them gzipped', async () => {
    const archive = file('logs.zip', await zip({ 'iphone.txt': HEALTHY, 'EASMailboxLog_alex_SAMSUNGSMS918B_androidc1234567890.gz': gzipSync(ANDROID), '__MACOSX/._iphone.txt': 'x' }));
    const zipped = await analyse(archive);
    const separate = await analyse(file('i.txt', HEALTHY), file('a.txt', ANDROID));
    expect(zipped.devices.map((d) => [d.deviceId, d.entryCount])).toEqual(separate.devices.map((d) => [d.deviceId, d.entryCount]));
    expect(codes(zipped)).toEqual(codes(separate));
  });

  it('takes the device from a request line wrapped over two lines', async () => {
    const text = ANDROID.toString('utf8').replace(/(DeviceId=androidc12345)(67890&DeviceType=SAMSUNGSMS918B)/g, '$1\r\n$2');
    expect(text).not.toBe(ANDROID.toString('utf8'));
    const wrapped = await analyse(file('wrapped.txt', text));
    expect(wrapped.devices.map((d) => [d.deviceId, d.deviceType])).toEqual([['androidc1234567890', 'SAMSUNGSMS918B']]);
  });
});

describe('device-side captures', () => {
  it('maps a HAR capture onto the log model: the same patterns plus the capture-only findings', async () => {
    const result = await analyse(file('iphone.har', problemCaptureHar()));
    expect(result.devices).toEqual([expect.objectContaining({ deviceId: IPHONE.deviceId, deviceType: 'iPhone', protocolVersion: '16.1', userAgent: IPHONE.userAgent, entryCount: 9 })]);
    expect(codes(result)).toEqual(expect.arrayContaining(['SYNC_KEY_LOOP', 'CAPTURE_TLS_OR_PROXY_FAILURE', 'BASIC_AUTH_CLIENT', 'CAPTURE_REDIRECT_ON_PREMISES', 'CAPTURE_PROXY_ERROR_PAGE', 'CAPTURE_REQUEST_NOT_SENT']));
    const redirect = result.findings.find((f) => f.code === 'CAPTURE_REDIRECT_ON_PREMISES');
    expect(redirect?.explanation).toContain('mail.contoso.example');
    expect(result.findings.find((f) => f.code === 'CAPTURE_PROXY_ERROR_PAGE')?.explanation).toContain('Access Denied - Web Filter');
  });

  it('keeps credentials and cookies out of the log text a capture becomes', async () => {
    const units = [];
    for await (const unit of evidenceUnits(fileSource(file('secret.har', problemCaptureHar())))) units.push(unit);
    const text = units.map((u) => (u.kind === 'capture' ? u.text : '')).join('');
    expect(text).toContain('Authorization: ********');
    for (const secret of CAPTURE_SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('<Status>3</Status>');
  });

  it('reads a Fiddler .saz capture (raw sessions in a zip), chunked and gzipped bodies included', async () => {
    const request = (cmd: string, body: Uint8Array) =>
      Buffer.concat([Buffer.from(`POST https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=${cmd}&User=alex&DeviceId=${IPHONE.deviceId}&DeviceType=iPhone HTTP/1.1\r\nHost: outlook.office365.com\r\nMS-ASProtocolVersion: 16.1\r\nAuthorization: Bearer abc.def.ghi\r\nContent-Type: application/vnd.ms-sync.wbxml\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
    const gz = gzipSync(bodies.syncResponse(3));
    const chunked = Buffer.concat([Buffer.from(`${gz.length.toString(16)}\r\n`), gz, Buffer.from('\r\n0\r\n\r\n')]);
    const response = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/vnd.ms-sync.wbxml\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n'), chunked]);
    const meta = (begin: string) => `<?xml version="1.0" encoding="utf-8"?><Session SID="1"><SessionTimers ClientConnected="${begin}" ClientBeginRequest="${begin}" ClientDoneResponse="${begin}" /></Session>`;
    const saz = await zip({
      'raw/01_c.txt': request('Sync', bodies.syncRequest('0')), 'raw/01_s.txt': response, 'raw/01_m.xml': meta('2026-11-30T09:00:00.0000000+00:00'),
      'raw/02_c.txt': request('Sync', bodies.syncRequest('0')), 'raw/02_s.txt': response, 'raw/02_m.xml': meta('2026-11-30T09:01:00.0000000+00:00'),
      'raw/03_c.txt': request('Sync', bodies.syncRequest('0')), 'raw/03_s.txt': response, 'raw/03_m.xml': meta('2026-11-30T09:02:00.0000000+00:00'),
      'raw/04_c.txt': request('Ping', new Uint8Array(0)), 'raw/04_s.txt': 'HTTP/1.1 502 Fiddler - Connection Failed\r\nContent-Type: text/html\r\n\r\n[Fiddler] The connection to \'outlook.office365.com\' failed. System.Security.SecurityException Failed to negotiate HTTPS connection with server. fiddler.network.https&gt; HTTPS handshake to outlook.office365.com failed.', 'raw/04_m.xml': meta('2026-11-30T09:03:00.0000000+00:00'),
    });
    const result = await analyse(file('phone.saz', saz));
    expect(result.devices[0]).toMatchObject({ deviceId: IPHONE.deviceId, entryCount: 4 });
    expect(codes(result)).toEqual(expect.arrayContaining(['SYNC_KEY_LOOP', 'CAPTURE_TLS_OR_PROXY_FAILURE']));
  });
});

describe('bad input names the file and what it is not', () => {
  it.each([
    ['photo.har', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), /"photo.har" is not a HAR capture/],
    ['notes.har', JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: 'https://example.com/' }, response: { status: 200 } }] } }), /"notes.har" has no ActiveSync requests/],
    ['logs.zip', 'just text', /"logs.zip" is not a zip archive/],
    ['trace.saz', 'just text', /"trace.saz" is not a Fiddler capture/],
    ['EASMailboxLog_a_b_c.gz', 'not gzip', /is not a gzip file/],
    ['readme.txt', 'Hello, this is not a log.', /"readme.txt" is not an EAS mailbox log/],
  ])('%s', async (name, content, message) => {
    await expect(analyse(file(name, content))).rejects.toThrow(message);
  });

  it('an empty zip', async () => {
    await expect(analyse(file('empty.zip', await zip({})))).rejects.toThrow(EvidenceInputError);
  });
});
