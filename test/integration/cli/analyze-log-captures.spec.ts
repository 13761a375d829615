import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWbxml } from '../../../src-main/domain/wbxml/encode-wbxml';
import { bodies, har, harEntry, type HarSpec } from '../../support/capture-fixtures';
import { buildCliBundle } from '../../support/cli-build';

/**
 * The first finding `analyze-log` prints for device-side captures, through the built CLI: the
 * headline a tier-1 operator acts on. What the phone does at the end of the capture decides it.
 */
const ROOT = path.resolve(__dirname, '../../..');
const WBXML = 'application/vnd.ms-sync.wbxml';

let temp: string;

beforeAll(async () => {
  // Built to a staging file and swapped in (parallel CLI tests may be spawning it meanwhile).
  await buildCliBundle();
  temp = mkdtempSync(path.join(tmpdir(), 'analyze-captures-'));
}, 240_000);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Printed {
  findings: Array<{ code: string; severity: string }>;
}

function analyse(name: string, content: string | Buffer): { out: Printed; stdout: string } {
  const file = path.join(temp, name);
  writeFileSync(file, content);
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/eas-troubleshooter.js'), 'analyze-log', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return { out: JSON.parse(run.stdout) as Printed, stdout: run.stdout };
}

const at = (minute: number) => `2026-11-30T09:${String(minute).padStart(2, '0')}:00.000Z`;
const pingBody = (status: number) => encodeWbxml({ namespace: 'Ping', name: 'Ping', children: [{ namespace: 'Ping', name: 'Status', text: String(status) }] });
const entry = (spec: Partial<HarSpec> & { at: string }) => harEntry({ cmd: 'Sync', status: 200, ...spec });
const healthy = (from: number) => [
  entry({ cmd: 'FolderSync', at: at(from), requestBody: bodies.folderSyncRequest(), contentType: WBXML, responseBody: bodies.folderSyncResponse(1) }),
  entry({ at: at(from + 1), requestBody: bodies.syncRequest('5'), contentType: WBXML, responseBody: bodies.syncResponse(1) }),
  entry({ cmd: 'Ping', at: at(from + 2), contentType: WBXML, responseBody: pingBody(1) }),
  entry({ at: at(from + 3), requestBody: bodies.syncRequest('5'), contentType: WBXML, responseBody: bodies.syncResponse(1) }),
];
const top = (out: Printed) => out.findings[0];

describe('analyze-log headlines on device captures (built CLI)', () => {
  it('an early failure (TLS, no connection, proxy page, 503) then normal sync: the phone syncs normally; the failure is a note below', () => {
    const early = [
      entry({ at: at(0), status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' }),
      entry({ at: at(1), status: 0, error: 'net::ERR_INTERNET_DISCONNECTED' }),
      entry({ at: at(2), status: 403, contentType: 'text/html', responseBody: '<html><head><title>Web filter</title></head></html>' }),
      entry({ at: at(3), status: 503 }),
    ];
    const { out } = analyse('recovered.har', har([...early, ...healthy(4)]));
    expect(top(out)).toMatchObject({ code: 'HEALTHY_SYNC', severity: 'info' });
    expect(out.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('healthy first, failing at the end: the failure comes first', () => {
    const { out } = analyse('broke.har', har([...healthy(0), entry({ at: at(5), status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' }), entry({ at: at(6), status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' })]));
    expect(top(out)).toMatchObject({ code: 'CAPTURE_TLS_OR_PROXY_FAILURE', severity: 'blocker' });
    expect(out.findings.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
  });

  it('a Fiddler capture saved while the last Ping was still waiting reads as healthy', async () => {
    const request = (cmd: string) => `POST https://outlook.office365.com/Microsoft-Server-ActiveSync?Cmd=${cmd}&User=a&DeviceId=SAZ1&DeviceType=iPhone HTTP/1.1\r\nHost: outlook.office365.com\r\nAuthorization: Bearer SAZ-SECRET-TOKEN\r\nMS-ASProtocolVersion: 16.1\r\n\r\n`;
    const response = (body: Uint8Array) => Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: ${WBXML}\r\n\r\n`), Buffer.from(body)]);
    const meta = (minute: number) => `<Session><SessionTimers ClientBeginRequest="${at(minute)}" ClientDoneResponse="${at(minute)}" /></Session>`;
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(request('Sync')), 'raw/01_c.txt');
    zip.addBuffer(response(bodies.syncResponse(1)), 'raw/01_s.txt');
    zip.addBuffer(Buffer.from(meta(0)), 'raw/01_m.xml');
    zip.addBuffer(Buffer.from(request('Ping')), 'raw/02_c.txt');
    zip.addBuffer(response(pingBody(1)), 'raw/02_s.txt');
    zip.addBuffer(Buffer.from(meta(1)), 'raw/02_m.xml');
    zip.addBuffer(Buffer.from(request('Ping')), 'raw/03_c.txt');
    zip.addBuffer(Buffer.from(meta(2)), 'raw/03_m.xml');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const { out, stdout } = analyse('waiting.saz', Buffer.concat(chunks));
    expect(out.findings.map((f) => f.code)).toEqual(['HEALTHY_SYNC']);
    expect(stdout).not.toContain('SAZ-SECRET-TOKEN');
  });

  it('a 451 to another Exchange Online host that the phone followed is not a present problem, and never "on-premises"', () => {
    const redirect = entry({ cmd: 'FolderSync', at: at(0), status: 451, responseHeaders: [['X-MS-Location', 'https://outlook.office365.com/Microsoft-Server-ActiveSync']] });
    const { out } = analyse('followed.har', har([redirect, ...healthy(1)]));
    expect(top(out)).toMatchObject({ code: 'HEALTHY_SYNC' });
    expect(out.findings.map((f) => f.code)).not.toContain('CAPTURE_REDIRECT_ON_PREMISES');
  });

  it('a redirect to a Wi-Fi sign-in page is a web page answering, not an on-premises server', () => {
    const portal = (minute: number) => entry({ cmd: 'FolderSync', at: at(minute), status: 302, responseHeaders: [['Location', 'http://portal.hotel-wifi.example/login']] });
    const { out } = analyse('portal.har', har([portal(0), portal(1)]));
    expect(top(out)).toMatchObject({ code: 'CAPTURE_PROXY_ERROR_PAGE', severity: 'blocker' });
    expect(out.findings.map((f) => f.code)).not.toContain('CAPTURE_REDIRECT_ON_PREMISES');
  });

  it('requests that never got an answer are never "healthy"; a fully healthy capture blames nothing', () => {
    const { out: nothing } = analyse('nothing.har', har([0, 1, 2].map((minute) => entry({ cmd: 'FolderSync', at: at(minute), status: 0 }))));
    expect(top(nothing)).toMatchObject({ code: 'CAPTURE_REQUEST_NOT_SENT', severity: 'blocker' });
    expect(nothing.findings.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
    const { out: fine } = analyse('fine.har', har(healthy(0)));
    expect(fine.findings.map((f) => f.code)).toEqual(['HEALTHY_SYNC']);
  });
});
