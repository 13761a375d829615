import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogAnalysisSession } from '../../../src-main/domain/diagnosis/log-analysis-session';
import { BodyScanMemo, scanBody } from '../../../src-main/domain/mailbox-log/body-scanner';
import type { EntryStatus, LogEntry } from '../../../src-main/domain/mailbox-log/entry-model';
import { EntrySplitter } from '../../../src-main/domain/mailbox-log/entry-splitter';
import { interpretEntry } from '../../../src-main/domain/mailbox-log/interpret-entry';
import { easXml, formatLogEntry, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { MailboxLogParser } from '../../../src-main/domain/mailbox-log/parser';
import { readSections } from '../../../src-main/domain/mailbox-log/section-reader';
import { StringPool } from '../../../src-main/domain/mailbox-log/string-pool';
import { detectAccessPeriods } from '../../../src-main/domain/patterns/access-periods';
import type { DeviceTimeline } from '../../../src-main/domain/patterns/device-timeline';
import { detectHealthyCycles } from '../../../src-main/domain/patterns/health';
import { detectProvisioning } from '../../../src-main/domain/patterns/provisioning';
import { detectOldProtocol } from '../../../src-main/domain/patterns/old-protocol';
import { detectRequestFailures } from '../../../src-main/domain/patterns/request-failures';
import { detectAccessPeriods as referenceAccessPeriods } from './support/reference/patterns/access-periods';
import { detectHealthyCycles as referenceHealthyCycles } from './support/reference/patterns/health';
import { detectProvisioning as referenceProvisioning } from './support/reference/patterns/provisioning';
import { detectOldProtocol as referenceOldProtocol } from './support/reference/patterns/old-protocol';
import { detectRequestFailures as referenceRequestFailures } from './support/reference/patterns/request-failures';

/**
 * The second round of speed work on analyze-log (issue 14): the entry splitter appends long
 * entries without re-joining them, a body equal to its command's last one reuses that scan, and
 * the detectors walk a timeline once. Each is held here to what it replaced, on generated input.
 */

const DETECTORS: ReadonlyArray<readonly [string, (t: DeviceTimeline) => unknown, (t: DeviceTimeline) => unknown]> = [
  ['healthy cycles', detectHealthyCycles, referenceHealthyCycles],
  ['access periods', detectAccessPeriods, referenceAccessPeriods],
  ['provisioning', detectProvisioning, referenceProvisioning],
  ['request failures', detectRequestFailures, referenceRequestFailures],
  ['old protocol', detectOldProtocol, referenceOldProtocol],
];

const status = (code: number, scope: EntryStatus['scope']): EntryStatus => ({ code, name: `S${code}`, meaning: `meaning ${code}`, scope }) as unknown as EntryStatus;
const codes = fc.constantFrom(1, 2, 3, 5, 6, 7, 8, 9, 12, 15, 110, 111, 113, 123, 126, 129, 131, 133, 139, 140, 142, 144, 151, 177);
/** Mostly the ordinary value, so that runs of healthy entries and single odd ones both occur. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, usual: T): fc.Arbitrary<T> => fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary });

/** Entries with every field the detectors read, in all combinations. */
const entryFields = fc.record({
  command: fc.constantFrom('Sync', 'Ping', 'FolderSync', 'SendMail', 'Provision', 'ItemOperations', undefined),
  minutesLater: fc.integer({ min: 0, max: 90 }),
  noTime: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  httpStatus: rarely(fc.constantFrom(401, 403, 449, 451, 500, 503, 507, undefined), 200 as number | undefined),
  commandStatus: rarely(codes, undefined as number | undefined),
  collection: rarely(fc.array(codes, { maxLength: 3 }), [1]),
  items: rarely(fc.array(codes, { maxLength: 3 }), [] as number[]),
  protocolVersion: rarely(fc.constantFrom('12.1', '14.1', '16.0', undefined), '16.1' as string | undefined),
  accessState: rarely(fc.constantFrom('Blocked', 'Quarantined', 'DeviceDiscovery', undefined), 'Allowed' as string | undefined),
  accessStateReason: rarely(fc.constantFrom('Individual', 'DeviceRule', 'CommandFrequency', 'ExternalCompliance', 'ExternalEnrollment', 'Policy', undefined), 'Global' as string | undefined),
  rule: rarely(fc.constant('Block old Android'), undefined as string | undefined),
  throttleReason: rarely(fc.constantFrom('CommandFrequency', 'Individual'), undefined as string | undefined),
  retryAfterSeconds: rarely(fc.constant(600), undefined as number | undefined),
  backOff: rarely(fc.constant({ level: 'L', seconds: 30 }), undefined as { level: string; seconds: number } | undefined),
  exceptions: rarely(fc.array(fc.constantFrom('SyncCollection_VerifySyncKey_Exception', 'SyncCommand_OnExecute_Exception', 'CalendarSync_Exception'), { maxLength: 2 }), [] as string[]),
  pending: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  remoteWipe: rarely(fc.constant(true), false),
});

/** A device's timeline as the collector hands it over: in time order, entries numbered. */
const timelineArb: fc.Arbitrary<DeviceTimeline> = fc.array(entryFields, { maxLength: 40 }).map((rows) => {
  let time = Date.UTC(2026, 2, 1);
  const entries = rows.map((r, i) => {
    time += r.minutesLater * 60_000;
    return {
      seq: i + 1,
      command: r.command,
      requestTime: r.noTime ? undefined : time,
      httpStatus: r.pending ? undefined : r.httpStatus,
      protocolVersion: r.protocolVersion,
      accessState: r.accessState,
      accessStateReason: r.accessStateReason,
      deviceAccessControlRule: r.rule,
      commandStatus: r.commandStatus === undefined ? undefined : status(r.commandStatus, r.commandStatus >= 100 ? 'global' : 'command'),
      collectionStatuses: r.collection.map((c) => status(c, 'collection')),
      itemStatuses: r.items.filter((c) => c !== 1).map((c) => status(c, 'item')),
      easHeaders: { throttleReason: r.throttleReason, retryAfterSeconds: r.retryAfterSeconds, backOff: r.backOff },
      exceptions: r.exceptions.map((section) => ({ section, summary: section, text: section })),
      pending: r.pending,
      remoteWipeRequested: r.remoteWipe,
      syncKeys: [],
      otherSections: {},
    } as unknown as LogEntry;
  });
  return { key: 'PHONE1', deviceId: 'PHONE1', userAgent: 'Apple-iPhone15C2/2104.219', entries };
});

describe('detectors walking the timeline once find what they found before', () => {
  for (const [name, detect, reference] of DETECTORS) {
    it(`${name}: generated timelines`, () => {
      fc.assert(
        fc.property(timelineArb, (timeline) => {
          expect(detect(timeline)).toEqual(reference(timeline));
        }),
        { numRuns: 3_000 },
      );
    });
  }

  it('all of them: parsed generated logs of several devices', () => {
    fc.assert(
      fc.property(fc.array(writableEntry, { minLength: 1, maxLength: 30 }), (written) => {
        const session = new LogAnalysisSession();
        session.addText('generated.txt', written.map((e, i) => formatLogEntry(i, e)).join(''));
        for (const timeline of session.timelines()) {
          for (const [, detect, reference] of DETECTORS) expect(detect(timeline)).toEqual(reference(timeline));
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Logs whose entries repeat bodies (Pings, unchanged folder lists) and differ in others. */
const writableEntry: fc.Arbitrary<WritableEntry> = fc
  .record({
    minute: fc.integer({ min: 0, max: 600 }),
    device: fc.constantFrom('PHONEA', 'PHONEB'),
    kind: fc.constantFrom('ping', 'ping', 'sync', 'folder', 'provision', 'blocked'),
    pingStatus: fc.constantFrom(1, 2, 7),
    syncKey: fc.integer({ min: 0, max: 3 }),
    syncStatus: fc.constantFrom(1, 1, 3, 12),
    folderStatus: fc.constantFrom(1, 1, 9),
  })
  .map((r): WritableEntry => {
    const base = { requestTime: Date.UTC(2026, 2, 1) + r.minute * 60_000, identifier: (r.minute * 7 + r.syncKey).toString(16).toUpperCase().padStart(8, '0'), deviceId: r.device, deviceType: 'iPhone', userAgent: 'Apple-iPhone15C2/2104.219', protocolVersion: '16.1' };
    if (r.kind === 'ping') return { ...base, command: 'Ping', requestBody: easXml.ping(900), responseBody: easXml.rootStatus('Ping', 'Ping', r.pingStatus) };
    if (r.kind === 'folder') return { ...base, command: 'FolderSync', requestBody: easXml.folderSyncRequest(String(r.syncKey)), responseBody: easXml.folderSyncResponse(r.folderStatus, String(r.syncKey + 1)) };
    if (r.kind === 'provision') return { ...base, command: 'Sync', httpStatus: 449, responseBody: undefined };
    if (r.kind === 'blocked') return { ...base, command: 'Sync', accessState: 'Blocked', accessStateReason: 'DeviceRule', deviceAccessControlRule: 'No iPhones', httpStatus: 403 };
    return { ...base, command: 'Sync', requestBody: easXml.syncRequest([{ id: '5', syncKey: String(r.syncKey) }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: String(r.syncKey + 1), status: r.syncStatus }]) };
  });

describe('the entry splitter appends long entries without re-joining them', () => {
  /** Entries of any length (long bodies span many chunks), and "Log Entry:" in a body. */
  const text = fc
    .array(
      fc.record({ entry: writableEntry, padding: fc.integer({ min: 0, max: 3000 }), decoy: fc.boolean(), newline: fc.constantFrom('\r\n', '\n') }),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) =>
      parts
        .map(({ entry, padding, decoy, newline }, i) => {
          const filler = `<Data>${'x'.repeat(padding)}${decoy ? `${newline} Log Entry: 7${newline}` : ''}</Data>`;
          return formatLogEntry(i, { ...entry, responseBody: `<Sync xmlns="AirSync:">${filler}</Sync>` }, newline);
        })
        .join(''),
    );

  const split = (input: string, sizes: readonly number[]): Array<[number | undefined, string]> => {
    const out: Array<[number | undefined, string]> = [];
    const splitter = new EntrySplitter({ entry: (n, t) => out.push([n, t]), preamble: (t) => out.push([-1, t]) });
    let at = 0;
    for (let i = 0; at < input.length; i++) {
      const size = sizes.length === 0 ? input.length : (sizes[i % sizes.length] as number);
      splitter.push(input.slice(at, at + size));
      at += size;
    }
    splitter.end();
    return out;
  };

  it('any chunking cuts the same entries as the whole text at once', () => {
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }), (input, sizes) => {
        expect(split(input, sizes)).toEqual(split(input, []));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('a body equal to its command\'s last one reuses that scan', () => {
  const body = fc.constantFrom(easXml.ping(900), easXml.ping(480), easXml.rootStatus('Ping', 'Ping', 1), easXml.rootStatus('Ping', 'Ping', 2), easXml.syncResponse([{ id: '5', syncKey: '2', status: 1 }]), easXml.syncResponse([{ id: '5', syncKey: '3', status: 3 }]), '', 'Empty', '<Sync><Collections><Collection><Status>1');

  it('memo.scan gives what scanBody gives, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('Ping', 'Sync', undefined), body), { maxLength: 30 }), (calls) => {
        const memo = new BodyScanMemo();
        for (const [command, text] of calls) expect(memo.scan(command, text)).toEqual(scanBody(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('the parser (with the memo) reads every entry as interpretEntry alone does', () => {
    fc.assert(
      fc.property(fc.array(writableEntry, { minLength: 1, maxLength: 25 }), (written) => {
        const text = written.map((e, i) => formatLogEntry(i, e)).join('');
        const parsed: LogEntry[] = [];
        const parser = new MailboxLogParser({ onEntry: (e) => parsed.push(e) });
        parser.push(new TextEncoder().encode(text));
        parser.end();
        const alone: LogEntry[] = [];
        const pool = new StringPool();
        const splitter = new EntrySplitter({
          entry: (entryNumber, raw) => {
            const sections = readSections(raw);
            if (sections.size > 0) alone.push(interpretEntry(sections, { seq: alone.length + 1, entryNumber, reportIndex: 0 }, pool));
          },
          preamble: () => undefined,
        });
        splitter.push(text);
        splitter.end();
        expect(parsed.map((e) => ({ ...e, reportIndex: 0 }))).toEqual(alone);
      }),
      { numRuns: 500 },
    );
  });
});
