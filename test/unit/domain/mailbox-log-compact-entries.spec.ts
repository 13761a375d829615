import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src-main/domain/mailbox-log/entry-model';
import { BodyScanMemo, scanBody } from '../../../src-main/domain/mailbox-log/body-scanner';
import { EntrySplitter } from '../../../src-main/domain/mailbox-log/entry-splitter';
import { parseLogTime } from '../../../src-main/domain/mailbox-log/log-time';
import { easXml, formatLogEntry, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { MailboxLogParser } from '../../../src-main/domain/mailbox-log/parser';
import { parseRequestHeader, RequestHeaderMemo } from '../../../src-main/domain/mailbox-log/request-line';
import { StringPool } from '../../../src-main/domain/mailbox-log/string-pool';
import { EMPTY_HEADERS, EntryContextCache, type EntryContext } from '../../../src-main/domain/mailbox-log/interpreted-entry';
import { LineValueMemo } from '../../../src-main/domain/mailbox-log/value-memos';
import { referenceInterpretEntry } from './support/reference/interpret-entry';
import { referenceReadSections } from './support/reference/section-reader';

/**
 * Issue 14's last speed goal: entries are compact (InterpretedEntry shares the parts that repeat)
 * and the parser reads repeated headers, bodies and values once. Whatever repeats or not, every
 * field an entry shows must be what the plain interpretation (the reference, as it was before)
 * gives for the same text.
 */

/** Every field of the LogEntry interface, read through it (getters included). */
const FIELDS: ReadonlyArray<keyof LogEntry> = [
  'seq', 'entryNumber', 'reportIndex', 'source', 'requestTime', 'responseTime', 'roundTripMs', 'serverName', 'assemblyVersion', 'identifier',
  'method', 'command', 'user', 'deviceId', 'deviceType', 'userAgent', 'protocolVersion', 'policyKey', 'clientIp', 'httpStatus', 'httpReason',
  'easHeaders', 'commandStatus', 'collectionStatuses', 'itemStatuses', 'syncKeys', 'folderSyncKey', 'policyStatuses', 'responsePolicyKey',
  'remoteWipeRequested', 'heartbeatInterval', 'requestBodyEmpty', 'responseBodyPresent', 'deviceInformation', 'accessState', 'accessStateReason',
  'deviceAccessControlRule', 'wasPending', 'exceptions', 'otherSections', 'complete', 'pending',
];

/** A plain copy of what an entry shows; nested objects as plain data, so key sets compare too. */
const shown = (entry: LogEntry): unknown => Object.fromEntries(FIELDS.map((field) => [field, JSON.parse(JSON.stringify(entry[field] ?? null)) as unknown]));

/** Mostly the usual value: then two entries often differ in one field only, which the shared parts must notice. */
const usually = <T>(usual: T, ...others: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

/** Few values each, so that entries repeat one another's parts (and the memos hit) as well as differ. */
const entryArb: fc.Arbitrary<WritableEntry> = fc
  .record({
    second: fc.integer({ min: 0, max: 7200 }),
    device: usually('PHONEA', 'PHONEB', 'PHONEC'),
    kind: fc.constantFrom('ping', 'ping', 'sync', 'sync', 'folder', 'provision', 'settings', 'none', 'oddsync'),
    pingStatus: usually(1, 2, 7),
    syncKey: fc.constantFrom('0', '1', '2', '{5CA1AB1E-0000-4000-8000-000000000001}17'),
    status: usually(1, 3, 12, 142),
    items: usually<number[]>([], [1, 1], [6], [1, 8, 6]),
    userAgent: usually<string | undefined>('Apple-iPhone15C2/2104.219', 'Android-SAMSUNG-SM-S918B/101.140102', undefined),
    protocolVersion: usually<string | undefined>('16.1', '14.1', undefined),
    policyKey: usually<string | undefined>('1166421309', '0', undefined),
    serverName: usually<string | undefined>('BY5PR00MB0002', 'SN7PR00MB0001', ' ', undefined),
    accessState: usually('Allowed', 'Blocked', 'Quarantined', ''),
    accessStateReason: usually('Global', 'DeviceRule', 'CommandFrequency', 'ExternalCompliance'),
    rule: usually<string | undefined>(undefined, 'No iPhones'),
    httpStatus: usually(200, 449, 503),
    httpReason: usually<string | undefined>(undefined, 'Retry With', 'Service Unavailable'),
    responseHeaders: usually<ReadonlyArray<readonly [string, string]>>(
      [],
      [['Retry-After', '600'], ['X-MS-ASThrottle', 'CommandFrequency']],
      [['Retry-After', '300'], ['X-MS-ASThrottle', 'CommandFrequency']],
      [['X-MS-BackOffDuration', 'L/30'], ['X-MS-BackOffReason', 'Budget']],
      [['X-MS-BackOffDuration', 'H/30'], ['X-MS-BackOffReason', 'Budget']],
      [['Content-Type', 'application/vnd.ms-sync.wbxml']],
      [['X-MS-RP', '14.1,16.1'], ['X-MS-Location', 'https://eas.contoso.example/']],
    ),
    extraSections: usually<ReadonlyArray<readonly [string, string]>>(
      [],
      [['SyncCommand_OnExecute_Exception', 'Microsoft.Exchange.AirSync.AirSyncPermanentException: bad key\r\n   at Stack.Frame()']],
      [['NewEXOSection', 'some value']],
    ),
    wasPending: usually(false, true),
  })
  .map((r): WritableEntry => {
    const base = {
      requestTime: Date.UTC(2026, 2, 1) + r.second * 1000,
      responseTime: Date.UTC(2026, 2, 1) + r.second * 1000 + (r.kind === 'ping' ? 900_000 : 120),
      identifier: (r.second * 3 + r.items.length).toString(16).toUpperCase().padStart(8, '0'),
      deviceId: r.device,
      deviceType: r.device === 'PHONEB' ? 'SAMSUNGSMS918B' : 'iPhone',
      userAgent: r.userAgent,
      protocolVersion: r.protocolVersion,
      policyKey: r.policyKey,
      serverName: r.serverName,
      accessState: r.accessState,
      accessStateReason: r.accessStateReason,
      deviceAccessControlRule: r.rule,
      httpStatus: r.httpStatus,
      httpReason: r.httpReason,
      responseHeaders: r.responseHeaders,
      extraSections: r.extraSections,
      wasPending: r.wasPending,
    };
    if (r.kind === 'ping') return { ...base, command: 'Ping', requestBody: easXml.ping(900), responseBody: easXml.rootStatus('Ping', 'Ping', r.pingStatus) };
    if (r.kind === 'folder') return { ...base, command: 'FolderSync', requestBody: easXml.folderSyncRequest(r.syncKey), responseBody: easXml.folderSyncResponse(r.status, `${r.syncKey}1`) };
    if (r.kind === 'provision') return { ...base, command: 'Provision', responseBody: '<Provision xmlns="Provision:">\r\n\t<Status>1</Status>\r\n\t<Policies>\r\n\t\t<Policy>\r\n\t\t\t<Status>1</Status>\r\n\t\t\t<PolicyKey>3942919513</PolicyKey>\r\n\t\t</Policy>\r\n\t</Policies>\r\n</Provision>' };
    if (r.kind === 'settings') return { ...base, command: 'Settings', requestBody: '<Settings xmlns="Settings:">\r\n\t<DeviceInformation>\r\n\t\t<Set>\r\n\t\t\t<Model>iPhone15C2</Model>\r\n\t\t\t<OS>iOS 17.4</OS>\r\n\t\t</Set>\r\n\t</DeviceInformation>\r\n</Settings>' };
    if (r.kind === 'none') return { ...base, command: 'Sync', responseBody: undefined };
    // Folders named twice, answered for folders not asked about, asked about and not answered.
    if (r.kind === 'oddsync') return { ...base, command: 'Sync', requestBody: easXml.syncRequest([{ id: '5', syncKey: r.syncKey }, { id: '7', syncKey: '3' }, { id: '5', syncKey: '4' }, { id: '8', syncKey: '1' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '6', status: r.status }, { id: '9', syncKey: '2', status: 1 }, { id: '5', syncKey: '7', status: 1 }, { id: '8', syncKey: '2', status: 3 }]) };
    const items = r.items.map((status, i) => ({ kind: 'Change', id: `5:${i}`, status }));
    return { ...base, command: 'Sync', requestBody: easXml.syncRequest([{ id: '5', syncKey: r.syncKey }, { id: '1', syncKey: '0' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: `${r.syncKey}1`, status: r.status, itemStatuses: items }]) };
  });

/** A log of those entries (one device report), optionally ending in an entry cut off before its answer. */
const logArb = fc
  .record({ entries: fc.array(entryArb, { minLength: 1, maxLength: 40 }), newline: fc.constantFrom('\r\n', '\n'), cut: fc.integer({ min: 0, max: 3 }) })
  .map(({ entries, newline, cut }) => {
    const text = entries.map((e, i) => formatLogEntry(i, e, newline)).join('');
    if (cut !== 0) return text;
    // The last entry ends after its request body: a pending (or cut-off) request.
    const at = text.lastIndexOf(`AccessState : ${newline}`);
    return at === -1 ? text : text.slice(0, at);
  });

function parseWithCaches(text: string, chunk: number): LogEntry[] {
  const entries: LogEntry[] = [];
  const parser = new MailboxLogParser({ source: 'log.txt', onEntry: (e) => entries.push(e) });
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
  parser.end();
  return entries;
}

function parseByReference(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  const pool = new StringPool();
  const splitter = new EntrySplitter({
    entry: (entryNumber, raw) => {
      const sections = referenceReadSections(raw);
      if (sections.size > 0) entries.push(referenceInterpretEntry(sections, { seq: entries.length + 1, entryNumber, reportIndex: 0, source: 'log.txt' }, pool));
    },
    preamble: () => undefined,
  });
  splitter.push(text);
  splitter.end();
  return entries;
}

describe('compact entries show what the plain interpretation gave', () => {
  it('every field of every entry, with the memos and shared parts, over any chunking', () => {
    fc.assert(
      fc.property(logArb, fc.integer({ min: 7, max: 4096 }), (text, chunk) => {
        expect(parseWithCaches(text, chunk).map(shown)).toStrictEqual(parseByReference(text).map(shown));
      }),
      { numRuns: 600 },
    );
  });

  it('entries that read the same share their parts; entries that differ do not', () => {
    const ping = (second: number, status: number): WritableEntry => ({ requestTime: Date.UTC(2026, 2, 1) + second * 1000, identifier: String(second).padStart(8, '0'), command: 'Ping', deviceId: 'PHONEA', deviceType: 'iPhone', userAgent: 'Apple-iPhone15C2/2104.219', protocolVersion: '16.1', requestBody: easXml.ping(900), responseBody: easXml.rootStatus('Ping', 'Ping', status) });
    const text = [ping(1, 1), ping(2, 1), ping(3, 2)].map((e, i) => formatLogEntry(i, e)).join('');
    const [a, b, c] = parseWithCaches(text, 1 << 16) as [LogEntry, LogEntry, LogEntry];
    expect(a.easHeaders).toBe(b.easHeaders);
    expect(a.collectionStatuses).toBe(b.collectionStatuses);
    expect(a.commandStatus).toBe(b.commandStatus);
    expect(c.commandStatus?.code).toBe(2);
    expect([a.identifier, b.identifier, c.identifier]).toEqual(['00000001', '00000002', '00000003']);
  });
});

describe('memos read what a fresh reading gives', () => {
  const headerArb = fc
    .record({
      command: fc.constantFrom('Sync', 'Ping'),
      device: fc.constantFrom('PHONEA', 'PHONEB'),
      length: fc.constantFrom(13, 13, 148, 2048),
      userAgent: fc.constantFrom('Apple-iPhone15C2/2104.219', 'Outlook-iOS/2.0', ''),
      forwarded: fc.constantFrom('', 'X-Forwarded-For: 203.0.113.7, 10.0.0.1'),
      newline: fc.constantFrom('\r\n', '\n'),
    })
    .map((r) => [
      `POST /Microsoft-Server-ActiveSync/default.eas?Cmd=${r.command}&User=alex%40contoso.example&DeviceId=${r.device}&DeviceType=iPhone HTTP/1.1`,
      `Content-Length: ${r.length}`,
      `User-Agent: ${r.userAgent}`,
      r.forwarded,
      'MS-ASProtocolVersion: 16.1',
      '',
    ].join(r.newline));

  it('RequestHeaderMemo: the request line and headers, repeated or changed after the request line', () => {
    fc.assert(
      fc.property(fc.array(headerArb, { maxLength: 40 }), (headers) => {
        const memo = new RequestHeaderMemo();
        const pool = new StringPool();
        for (const text of headers) expect(memo.read(text, pool)).toEqual(parseRequestHeader(text));
      }),
      { numRuns: 500 },
    );
  });

  it('BodyScanMemo: long runs of bodies that never repeat (it stops keeping them), then repeats again', () => {
    const body = fc.oneof(
      fc.integer({ min: 0, max: 5 }).map((n) => easXml.rootStatus('Ping', 'Ping', n)),
      fc.nat().map((key) => easXml.syncResponse([{ id: '5', syncKey: String(key), status: 1 }])),
    );
    const run = fc.tuple(fc.constantFrom('Ping', 'Sync'), body, fc.integer({ min: 1, max: 40 }));
    fc.assert(
      fc.property(fc.array(run, { maxLength: 40 }), (runs) => {
        const memo = new BodyScanMemo();
        for (const [command, text, times] of runs) for (let i = 0; i < times; i++) expect(memo.scan(command, i % 3 === 2 ? `${text} ` : text)).toEqual(scanBody(i % 3 === 2 ? `${text} ` : text));
      }),
      { numRuns: 200 },
    );
  });

  it('LineValueMemo: first lines, trimmed, blank ones absent', () => {
    const value = fc.constantFrom('BY5PR00MB0002', ' BY5PR00MB0002 ', 'Allowed\r\nsecond line', '   ', '', 'Blocked');
    const oneLine = (text: string): string | undefined => text.split('\n')[0]?.trim() || undefined;
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), (values) => {
        const memo = new LineValueMemo();
        const pool = new StringPool();
        for (const raw of values) expect(memo.read(raw, pool, oneLine)).toBe(oneLine(raw));
      }),
      { numRuns: 300 },
    );
  });
});

describe('times read by position, the day start remembered', () => {
  /** The reading as it was: Date.UTC for the whole time, after the same range checks. */
  const reference = (text: string): number | undefined => {
    const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
    if (m === null) return undefined;
    const [mo, d, y, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
    return Date.UTC(y, mo - 1, d, h, mi, s, 0);
  };
  const two = (n: number): string => String(n).padStart(2, '0');

  it('gives what Date.UTC gives, in any order of days (leap days, 31 February, years below 100)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ y: fc.constantFrom(0, 99, 1999, 2024, 2026, 9999), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 24 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }) }), { maxLength: 30 }),
        (times) => {
          for (const t of times) {
            const text = `${two(t.mo)}/${two(t.d)}/${String(t.y).padStart(4, '0')} ${two(t.h)}:${two(t.mi)}:${two(t.s)}`;
            expect(parseLogTime(text)).toBe(reference(text));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('EntryContextCache', () => {
  const maybe = <T>(...values: T[]): fc.Arbitrary<T | undefined> => fc.constantFrom<T | undefined>(undefined, ...values);
  const headersArb = fc.oneof(
    fc.constant(EMPTY_HEADERS),
    // An answer with headers, none of them EAS ones: every field there, all absent.
    fc.constant({ throttleReason: undefined, retryAfterSeconds: undefined, backOff: undefined, backOffReason: undefined, location: undefined, asError: undefined, resetPartnership: undefined, noPush: undefined, serverProtocolVersions: undefined }),
    fc.record({
      throttleReason: maybe('CommandFrequency'),
      retryAfterSeconds: maybe(300, 600),
      backOff: maybe({ level: 'L', seconds: 30 }, { level: 'H', seconds: 30 }, { level: 'L', seconds: 60 }),
      backOffReason: maybe('Budget'),
      location: maybe('https://eas.contoso.example/'),
      asError: maybe('1'),
      resetPartnership: maybe(true),
      noPush: maybe(true),
      serverProtocolVersions: maybe('14.1,16.1'),
    }),
  );
  const contextArb: fc.Arbitrary<EntryContext> = fc.record({
    source: maybe('a.txt'), serverName: maybe('BY5'), assemblyVersion: maybe('15.20'), method: maybe('POST'), command: maybe('Sync', 'Ping'),
    user: maybe('alex'), deviceId: maybe('PHONEA'), deviceType: maybe('iPhone'), userAgent: maybe('UA'), protocolVersion: maybe('16.1'),
    policyKey: maybe('1'), clientIp: maybe('203.0.113.7'), httpStatus: maybe(200, 503), httpReason: maybe('OK'), easHeaders: headersArb,
    accessState: maybe('Blocked'), accessStateReason: maybe('Global'), deviceAccessControlRule: maybe('rule'),
  });

  /** Every key and value (absent ones marked), nested objects included, whatever their prototype. */
  const plain = (value: unknown): unknown =>
    value === undefined ? '(absent)' : value !== null && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [k, plain(v)]) : value;

  /** Contexts that mostly differ from one another in a single value (or a single header), in any order. */
  const nearDuplicates = fc
    .tuple(contextArb, fc.array(fc.tuple(contextArb, fc.nat(), fc.nat()), { maxLength: 30 }))
    .map(([base, changes]) => {
      const out: EntryContext[] = [base];
      for (const [other, which, header] of changes) {
        const keys = Object.keys(base) as Array<keyof EntryContext>;
        const key = keys[which % keys.length] as keyof EntryContext;
        if (key === 'easHeaders' && base.easHeaders !== EMPTY_HEADERS && other.easHeaders !== EMPTY_HEADERS) {
          const names = Object.keys(base.easHeaders) as Array<keyof typeof base.easHeaders>;
          const name = names[header % names.length] as keyof typeof base.easHeaders;
          out.push({ ...base, easHeaders: { ...base.easHeaders, [name]: other.easHeaders[name] } });
        } else out.push({ ...base, [key]: other[key] });
      }
      return out;
    });

  it('hands out a context equal to the one asked for, shared only when all values are equal', () => {
    fc.assert(
      fc.property(nearDuplicates, (contexts) => {
        const cache = new EntryContextCache();
        for (const wanted of [...contexts, ...contexts.reverse()]) {
          expect(plain(cache.get(wanted))).toEqual(plain(wanted));
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
