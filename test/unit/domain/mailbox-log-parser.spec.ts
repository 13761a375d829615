import { describe, expect, it } from 'vitest';
import { parseMailboxLogFileName } from '../../../src-main/domain/mailbox-log/file-name';
import { easXml, formatLogEntry, formatMailboxLog } from '../../../src-main/domain/mailbox-log/log-writer';
import { MailboxLogParser, NotAMailboxLogError } from '../../../src-main/domain/mailbox-log/parser';
import { entry, fixture, parseAll } from './support/log-builders';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = c & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = c >> 8;
  }
  return out;
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array(2 + le.length);
  out.set([0xfe, 0xff]);
  for (let i = 0; i < le.length; i += 2) {
    out[2 + i] = le[i + 1] as number;
    out[3 + i] = le[i] as number;
  }
  return out;
}

describe('mailbox log parser', () => {
  it('reads every field of the healthy iPhone sample', () => {
    const { entries, warnings } = parseAll(fixture('synthetic-iphone-healthy-16.1.txt'));
    expect(warnings).toEqual([]);
    expect(entries.map((e) => e.command)).toEqual(['Provision', 'Provision', 'FolderSync', 'Sync', 'Sync', 'Ping']);
    const [first, , folderSync, , syncWithAdd, ping] = entries;
    expect(first).toMatchObject({
      seq: 1,
      entryNumber: 0,
      deviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B',
      deviceType: 'iPhone',
      userAgent: 'Apple-iPhone15C2/2104.219',
      protocolVersion: '16.1',
      policyKey: '0',
      identifier: '1A2B3C01',
      serverName: 'SN7PR00MB0001',
      httpStatus: 200,
      accessState: 'Allowed',
      accessStateReason: 'Global',
      responsePolicyKey: '3942815770',
      deviceInformation: { model: 'iPhone15C2', os: 'iOS 17.4 21E219', friendlyName: "Alex's iPhone" },
    });
    expect(first?.requestTime).toBe(Date.UTC(2024, 4, 14, 9, 2, 11));
    expect(folderSync?.folderSyncKey).toEqual({ request: '0', response: '1' });
    expect(syncWithAdd?.syncKeys).toEqual([{ collectionId: '5', requestSyncKey: '1', responseSyncKey: '2', status: 1 }]);
    expect(ping).toMatchObject({ wasPending: true, heartbeatInterval: 1680, roundTripMs: 571_000 });
    expect(ping?.commandStatus).toMatchObject({ code: 2, name: 'ChangesFound', scope: 'command' });
  });

  it('reads statuses, access state, rules, headers and exceptions of the Android sample', () => {
    const { entries } = parseAll(fixture('synthetic-android-problems-14.1.txt'));
    expect(entries).toHaveLength(4);
    expect(entries[0]?.commandStatus).toMatchObject({ code: 144, name: 'InvalidPolicyKey', scope: 'global' });
    expect(entries[1]?.collectionStatuses[0]).toMatchObject({ code: 3, name: 'InvalidSyncKey', collectionId: '5' });
    expect(entries[1]?.exceptions[0]?.section).toBe('SyncCollection_VerifySyncKey_Exception');
    expect(entries[1]?.exceptions[0]?.summary).toContain('AirSyncPermanentException');
    expect(entries[2]).toMatchObject({ accessState: 'Blocked', accessStateReason: 'DeviceRule', deviceAccessControlRule: 'Block Samsung native mail (DeviceType)' });
    expect(entries[3]).toMatchObject({ httpStatus: 503, accessStateReason: 'CommandFrequency', responseBodyPresent: false });
    expect(entries[3]?.easHeaders).toMatchObject({ throttleReason: 'CommandFrequency', retryAfterSeconds: 600 });
  });

  it('gives the same entries for UTF-8, UTF-8 with BOM, UTF-16LE and UTF-16BE, CRLF or LF', () => {
    const text = fixture('synthetic-android-problems-14.1.txt').toString('utf8');
    const reference = parseAll(encode(text)).entries;
    const variants = [
      new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]),
      utf16le(text),
      utf16le(text, false),
      utf16be(text),
      encode(text.replace(/\r\n/g, '\n')),
    ];
    for (const bytes of variants) expect(parseAll(bytes).entries).toEqual(reference);
  });

  it('does not depend on where chunks split (BOM, CRLF and characters cut in half)', () => {
    const bytes = utf16le(fixture('synthetic-iphone-healthy-16.1.txt').toString('utf8'));
    const whole = parseAll(bytes).entries;
    for (const size of [1, 3, 7, 64, 1000]) expect(parseAll(bytes, size).entries).toEqual(whole);
  });

  it('numbers reports per device when several logs are concatenated', () => {
    const text = fixture('synthetic-iphone-healthy-16.1.txt').toString('utf8') + fixture('synthetic-android-problems-14.1.txt').toString('utf8');
    const { entries } = parseAll(encode(text));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(entries.map((e) => e.reportIndex)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(new Set(entries.map((e) => e.deviceId))).toEqual(new Set(['F2KQ7HZX1C9N3P5R7T9V1X3Z5B', 'androidc1234567890']));
  });

  it('keeps unknown sections generically and does not take header lines for sections', () => {
    const text = formatLogEntry(0, entry(0, { extraSections: [['NewEXOSection', 'some value\r\nsecond line'], ['AdditionalData', 'x']] }));
    const { entries } = parseAll(encode(text));
    expect(entries[0]?.otherSections).toEqual({ NewEXOSection: 'some value\nsecond line' });
    expect(entries[0]?.userAgent).toBe('Apple-iPhone15C2/2104.219');
  });

  it('reads a truncated last entry as far as it goes, with a warning', () => {
    const full = formatMailboxLog([entry(0), entry(1, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '6' }]) })]);
    // Cut in the middle of the last request body: damage, not a request still waiting.
    const cut = full.slice(0, full.lastIndexOf('<CollectionId>') + 6);
    const { entries, warnings } = parseAll(encode(cut));
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ complete: false, pending: false, command: 'Sync' });
    expect(warnings.map((w) => w.kind)).toEqual(['truncated-entry']);
  });

  it('reads a request with no response yet as pending, with no warning (facts F29)', () => {
    const full = formatMailboxLog([entry(0), entry(1, { command: 'Ping', requestBody: easXml.ping(900) }), entry(2), entry(3, { command: 'Ping', requestBody: easXml.ping(900) })]);
    // Exchange writes the request part first and appends the response when the Ping returns.
    const pendingMiddle = full.slice(0, full.indexOf('AccessState', full.indexOf('Log Entry: 1'))) + full.slice(full.indexOf('\r\n-----------------\r\n Log Entry: 2'));
    const text = pendingMiddle.slice(0, pendingMiddle.lastIndexOf('AccessState'));
    const { entries, warnings } = parseAll(encode(text));
    expect(warnings).toEqual([]);
    expect(entries.map((e) => [e.command, e.pending, e.complete])).toEqual([
      ['Sync', false, true],
      ['Ping', true, false],
      ['Sync', false, true],
      ['Ping', true, false],
    ]);
  });

  it('a broken request header is damage even without a response', () => {
    const full = formatMailboxLog([entry(0)]);
    const cut = full.slice(0, full.indexOf('POST ') + 3);
    const { entries, warnings } = parseAll(encode(cut));
    expect(entries[0]?.pending).toBe(false);
    expect(warnings.map((w) => w.kind)).toEqual(['truncated-entry']);
  });

  it('tolerates bodies that are not well-formed XML', () => {
    const body = '<Sync xmlns="AirSync:">\r\n\t<Collections>\r\n\t\t<Collection>\r\n\t\t\t<SyncKey>7</SyncKey>\r\n\t\t\t<CollectionId>5</CollectionId>\r\n\t\t\t<Status>1</Status>\r\n\t\t\t<Commands><Add><ApplicationData><Subject xmlns="Email:" bytes="22"/><Body=2817 bytes/></ApplicationData></Add>\r\n\t\t\t</Collection>\r\n</Sync>';
    const { entries } = parseAll(encode(formatLogEntry(0, entry(0, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '6' }]), responseBody: body }))));
    expect(entries[0]?.syncKeys).toEqual([{ collectionId: '5', requestSyncKey: '6', responseSyncKey: '7', status: 1 }]);
  });

  it('reads item-level statuses under Responses', () => {
    const responseBody = easXml.syncResponse([{ id: '5', syncKey: '3', status: 1, itemStatuses: [{ kind: 'Change', id: '5:12', status: 6 }] }]);
    const { entries } = parseAll(encode(formatLogEntry(0, entry(0, { responseBody }))));
    expect(entries[0]?.itemStatuses).toEqual([expect.objectContaining({ code: 6, name: 'ConversionError', itemKind: 'Change', itemId: '5:12', scope: 'item' })]);
  });

  it('reads the base64 query form', () => {
    // 8c = 14.0, command 0 = Sync, locale 0409, device id "v140Device", no policy key, type "SmartPhone".
    const text = formatLogEntry(0, entry(0)).replace(/POST \S+ HTTP\/1.1/, 'POST /Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l HTTP/1.1').replace(/MS-ASProtocolVersion: .*\r\n/, '');
    const { entries } = parseAll(encode(text));
    expect(entries[0]).toMatchObject({ command: 'Sync', deviceId: 'v140Device', deviceType: 'SmartPhone', protocolVersion: '14.0' });
  });

  it('never keeps the Authorization header', () => {
    const { entries } = parseAll(fixture('synthetic-iphone-healthy-16.1.txt'));
    expect(JSON.stringify(entries)).not.toMatch(/Authorization|\*{8}/);
  });

  it('rejects input that is not a mailbox log with a clear reason', () => {
    expect(() => parseAll(encode('hello,world\n1,2\n'))).toThrow(NotAMailboxLogError);
    expect(() => parseAll(encode('hello,world\n1,2\n'))).toThrow(/not an EAS mailbox log/);
    expect(() => parseAll(new Uint8Array(0))).toThrow(NotAMailboxLogError);
  });

  it('gives up early on a large input whose start has no log entry, without reading it all', () => {
    const parser = new MailboxLogParser({ onEntry: () => undefined, sniffLimitChars: 10_000 });
    const junk = encode('x'.repeat(4096) + '\n');
    expect(() => {
      for (let i = 0; i < 10; i++) parser.push(junk);
    }).toThrow(/its start has no "Log Entry" header/);
  });

  it('reads a log pasted without its first entry header, and counts stray text before it', () => {
    const text = formatLogEntry(0, entry(0)).replace(/^\r\n-+\r\n Log Entry: 0\r\n-+\r\n/, 'copied from mail:\r\n');
    const { entries, warnings } = parseAll(encode(text));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ command: 'Sync', complete: true });
    expect(entries[0]?.entryNumber).toBeUndefined();
    expect(warnings.map((w) => w.kind)).toEqual(['stray-text']);
  });

  it('reads the device from an emailed file name', () => {
    expect(parseMailboxLogFileName('EASMailboxLog_alex_wilber_iPhone_F2KQ7HZX1C9N3P5R7T9V1X3Z5B.txt')).toEqual({ alias: 'alex_wilber', deviceType: 'iPhone', deviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B' });
    expect(parseMailboxLogFileName('mailbox.txt')).toBeUndefined();
  });
});
