import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { easXml, formatMailboxLog, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { NotAMailboxLogError } from '../../../src-main/domain/mailbox-log/parser';
import { LogAnalysisSession } from '../../../src-main/domain/diagnosis/log-analysis-session';
import { parseAll } from './support/log-builders';

const alnum = fc.stringMatching(/^[A-Za-z0-9]{1,32}$/);
const entryArb: fc.Arbitrary<WritableEntry> = fc.record({
  requestTime: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => t - (t % 1000)),
  identifier: fc.stringMatching(/^[0-9A-F]{8}$/),
  command: fc.constantFrom('Sync', 'Ping', 'FolderSync', 'Provision', 'SendMail', 'Settings', 'ItemOperations'),
  deviceId: alnum,
  deviceType: alnum,
  userAgent: fc.stringMatching(/^[A-Za-z][A-Za-z0-9\-/.]{0,40}$/),
  protocolVersion: fc.constantFrom('12.1', '14.0', '14.1', '16.0', '16.1'),
  policyKey: fc.nat().map(String),
  accessState: fc.constantFrom('Allowed', 'Blocked', 'Quarantined', 'DeviceDiscovery'),
  accessStateReason: fc.constantFrom('Global', 'Individual', 'DeviceRule', 'CommandFrequency', 'ExternalCompliance'),
  httpStatus: fc.constantFrom(200, 449, 451, 500, 503),
  wasPending: fc.boolean(),
  collection: fc.record({ id: fc.stringMatching(/^[0-9]{1,3}$/), syncKey: fc.nat().map(String), status: fc.integer({ min: 1, max: 16 }) }),
}).map(({ collection, ...e }) => ({
  ...e,
  requestBody: easXml.syncRequest([{ id: collection.id, syncKey: collection.syncKey }]),
  responseBody: easXml.syncResponse([{ ...collection, syncKey: String(Number(collection.syncKey) + 1) }]),
}));

describe('mailbox log parser properties', () => {
  it('never throws on arbitrary bytes except the documented "not a mailbox log" error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.integer({ min: 1, max: 512 }), (bytes, chunk) => {
        try {
          parseAll(bytes, chunk);
        } catch (error) {
          if (!(error instanceof NotAMailboxLogError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text built from log fragments, and always keeps the entry count', () => {
    const fragment = fc.constantFrom('\r\n', '\n', '-----------------', ' Log Entry: 3', 'RequestTime : ', 'RequestBody : ', '<Sync>', '</Status>', '<Body=12 bytes/>', 'Foo_Exception : ', 'x : ', '\uFFFD', '05/14/2024 10:15:02', 'ResponseHeader : ', 'HTTP/1.1 503 x', 'Retry-After: abc');
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 20 })), { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        try {
          const { entries } = parseAll(new TextEncoder().encode(text), 17);
          expect(entries.every((e) => Number.isInteger(e.seq))).toBe(true);
        } catch (error) {
          if (!(error instanceof NotAMailboxLogError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips generated logs (CRLF or LF, any chunking)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('\r\n', '\n'), fc.integer({ min: 1, max: 300 }), (written, newline, chunk) => {
        const { entries, warnings } = parseAll(new TextEncoder().encode(formatMailboxLog(written, newline)), chunk);
        expect(warnings).toEqual([]);
        expect(entries).toHaveLength(written.length);
        entries.forEach((parsed, i) => {
          const w = written[i] as WritableEntry;
          expect(parsed).toMatchObject({
            entryNumber: i,
            requestTime: w.requestTime,
            identifier: w.identifier,
            command: w.command,
            deviceId: w.deviceId,
            deviceType: w.deviceType,
            userAgent: w.userAgent,
            protocolVersion: w.protocolVersion,
            policyKey: w.policyKey,
            accessState: w.accessState,
            accessStateReason: w.accessStateReason,
            httpStatus: w.httpStatus,
            wasPending: w.wasPending,
            complete: true,
          });
          expect(parsed.collectionStatuses[0]?.code).toBeGreaterThanOrEqual(1);
          expect(parsed.syncKeys[0]?.responseSyncKey).toBe(String(Number(parsed.syncKeys[0]?.requestSyncKey) + 1));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('dedupes overlapping exports by Identifier', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { minLength: 2, maxLength: 8, selector: (e) => e.identifier }), (written) => {
        const same = written.map((e) => ({ ...e, deviceId: 'DEV1' }));
        const session = new LogAnalysisSession();
        session.addText('a.txt', formatMailboxLog(same));
        session.addText('b.txt', formatMailboxLog(same.slice(1)));
        const analysis = session.finish();
        expect(analysis.devices).toHaveLength(1);
        expect(analysis.devices[0]?.entryCount).toBe(same.length);
      }),
      { numRuns: 50 },
    );
  });
});
