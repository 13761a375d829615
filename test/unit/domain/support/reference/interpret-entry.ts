/**
 * interpretEntry as it was before entries became compact (issue 14: one plain object of 42 fields
 * per entry, nothing shared, no memos), kept only as the reference the compact entries and the
 * memos are held to in property tests.
 */
import { describeStatus } from '../../../../../src-main/domain/eas/command-status';
import type { CollectionSyncKeys, EasResponseHeaders, EntryException, EntryStatus, LogEntry } from '../../../../../src-main/domain/mailbox-log/entry-model';
import { parseLogTime } from '../../../../../src-main/domain/mailbox-log/log-time';
import { parseRequestHeader, parseResponseHeader } from '../../../../../src-main/domain/mailbox-log/request-line';
import type { BodyScanMemo} from '../../../../../src-main/domain/mailbox-log/body-scanner';
import { scanBody } from '../../../../../src-main/domain/mailbox-log/body-scanner';
import { isExceptionSection, KNOWN_SECTIONS } from '../../../../../src-main/domain/mailbox-log/section-names';
import type { StringPool } from '../../../../../src-main/domain/mailbox-log/string-pool';
import { detach } from '../../../../../src-main/domain/mailbox-log/string-pool';

/** Where a raw entry sits in the input. */
export interface RawEntryPlace {
  seq: number;
  entryNumber?: number;
  reportIndex: number;
  source?: string;
  /** Device identity from the file name, used when the request line lacks it. */
  fallbackDevice?: { deviceId?: string; deviceType?: string };
}

const EXCEPTION_TEXT_CAP = 4000;

/**
 * Whether a logged body was written out in full: no XML at all (Empty, [No XmlRequest]), or XML
 * whose root element is closed. A body cut off in the middle is damage; a whole one is not.
 */
function bodyIsWhole(text: string): boolean {
  const body = text.trim().replace(/^<\?xml[^>]*\?>/, '').trim();
  if (!body.includes('<')) return true;
  const name = /^<([A-Za-z][\w:.-]*)/.exec(body)?.[1];
  if (name === undefined) return body.endsWith('>');
  return body.endsWith(`</${name}>`) || (body.endsWith('/>') && body.indexOf('>') === body.length - 1);
}

const OTHER_SECTION_CAP = 2000;
/** Known sections that are not exception sections: neither kept as exceptions nor as other sections. */
const PLAIN_SECTIONS: ReadonlySet<string> = new Set([...KNOWN_SECTIONS].filter((name) => !isExceptionSection(name)));

/** Turns one entry's sections into the typed entry model. Pure; never throws on odd values. */
export function referenceInterpretEntry(sections: ReadonlyMap<string, string>, place: RawEntryPlace, pool: StringPool, memo?: { request: BodyScanMemo; response: BodyScanMemo }): LogEntry {
  const request = parseRequestHeader(sections.get('RequestHeader') ?? '');
  const responseHeaderText = sections.get('ResponseHeader');
  const response = parseResponseHeader(responseHeaderText ?? '');
  const requestTime = readTime(sections.get('RequestTime'));
  const responseTime = readTime(sections.get('ResponseTime'));
  const command = pool.get(request.command);

  const requestBodyText = sections.get('LogicalRequest') ?? sections.get('RequestBody') ?? '';
  const responseBodyText = sections.get('ResponseBody') ?? '';
  const requestBody = memo === undefined ? scanBody(requestBodyText) : memo.request.scan(command, requestBodyText);
  const responseBody = memo === undefined ? scanBody(responseBodyText) : memo.response.scan(command, responseBodyText);

  const collectionStatuses: EntryStatus[] = [];
  const syncKeys: CollectionSyncKeys[] = [];
  const requestKeys = new Map<string, string | undefined>();
  for (const c of requestBody.collections) if (c.collectionId !== undefined) requestKeys.set(c.collectionId, c.syncKey);
  for (const c of responseBody.collections) {
    const id = c.collectionId ?? '?';
    if (c.status !== undefined) collectionStatuses.push(sharedStatus(command, c.status, 'collection', id));
    syncKeys.push({ collectionId: pool.get(id) as string, requestSyncKey: requestKeys.get(id), responseSyncKey: c.syncKey, status: c.status });
    requestKeys.delete(id);
  }
  for (const [id, key] of requestKeys) syncKeys.push({ collectionId: pool.get(id) as string, requestSyncKey: key });

  const exceptions: EntryException[] = [];
  const otherSections: Record<string, string> = {};
  sections.forEach((value, name) => {
    // Most sections are the usual known ones: one lookup says so.
    if (PLAIN_SECTIONS.has(name)) return;
    if (isExceptionSection(name)) {
      const text = withoutCr(value.slice(0, EXCEPTION_TEXT_CAP));
      exceptions.push({ section: pool.get(name) as string, summary: detach(firstLine(text)), text: detach(text) });
    } else if (!KNOWN_SECTIONS.has(name)) {
      otherSections[pool.get(name) as string] = detach(withoutCr(value.slice(0, OTHER_SECTION_CAP)));
    }
  });

  const hasResponse = responseHeaderText !== undefined || sections.has('ResponseBody') || sections.has('ResponseTime');
  const entry: LogEntry = {
    seq: place.seq,
    entryNumber: place.entryNumber,
    reportIndex: place.reportIndex,
    source: place.source,
    requestTime,
    responseTime,
    roundTripMs: requestTime !== undefined && responseTime !== undefined ? responseTime - requestTime : undefined,
    serverName: pool.get(oneLine(sections.get('ServerName'))),
    assemblyVersion: pool.get(oneLine(sections.get('AssemblyVersion'))),
    // Unique per request: copied, not pooled.
    identifier: detachOptional(oneLine(sections.get('Identifier'))),
    method: pool.get(request.method),
    command,
    user: pool.get(request.user),
    deviceId: pool.get(request.deviceId ?? place.fallbackDevice?.deviceId),
    deviceType: pool.get(request.deviceType ?? place.fallbackDevice?.deviceType),
    userAgent: pool.get(request.userAgent),
    protocolVersion: pool.get(request.protocolVersion),
    policyKey: pool.get(request.policyKey),
    clientIp: pool.get(request.clientIp),
    httpStatus: response.status,
    httpReason: pool.get(response.reason),
    easHeaders: readEasHeaders(response.headers, pool),
    commandStatus: responseBody.rootStatus === undefined ? undefined : sharedStatus(command, responseBody.rootStatus, responseBody.rootStatus >= 100 ? 'global' : 'command'),
    collectionStatuses: orEmpty(collectionStatuses),
    // Successful items are the norm and a Sync can carry hundreds; only the others are kept.
    itemStatuses: responseBody.itemStatuses.length === 0 ? EMPTY : orEmpty(responseBody.itemStatuses.filter((s) => s.status !== 1).map((s) => ({ ...describeStatus(command, s.status), scope: 'item' as const, itemKind: pool.get(s.kind), itemId: pool.get(s.id) }))),
    syncKeys: orEmpty(syncKeys),
    folderSyncKey: command === 'FolderSync' ? { request: pool.get(requestBody.rootSyncKey), response: pool.get(responseBody.rootSyncKey) } : undefined,
    policyStatuses: responseBody.policies.length === 0 ? EMPTY : orEmpty(responseBody.policies.filter((p) => p.status !== undefined).map((p) => sharedStatus(command, p.status as number, 'policy'))),
    responsePolicyKey: pool.get(responseBody.policies.find((p) => p.policyKey !== undefined)?.policyKey),
    remoteWipeRequested: responseBody.remoteWipe,
    heartbeatInterval: requestBody.heartbeatInterval,
    requestBodyEmpty: /^\s*(Empty)?\s*$/.test(sections.get('RequestBody') ?? ''),
    responseBodyPresent: responseBodyText.trim().length > 0 && !responseBodyText.includes('[No XmlResponse]'),
    deviceInformation: requestBody.deviceInformation === undefined ? undefined : {
      model: pool.get(requestBody.deviceInformation.model),
      os: pool.get(requestBody.deviceInformation.os),
      friendlyName: pool.get(requestBody.deviceInformation.friendlyName),
    },
    accessState: pool.get(oneLine(sections.get('AccessState'))),
    accessStateReason: pool.get(oneLine(sections.get('AccessStateReason'))),
    deviceAccessControlRule: pool.get(oneLine(sections.get('DeviceAccessControlRule'))),
    wasPending: sections.has('WasPending'),
    exceptions: orEmpty(exceptions),
    otherSections: Object.keys(otherSections).length === 0 ? NO_SECTIONS : otherSections,
    complete: hasResponse,
    pending: !hasResponse && request.command !== undefined && requestTime !== undefined && bodyIsWhole(requestBodyText),
  };
  return entry;
}

function readEasHeaders(headers: Map<string, string>, pool: StringPool): EasResponseHeaders {
  if (headers.size === 0) return EMPTY_HEADERS;
  const backOff = /^([LMH])\/(-?\d+)$/i.exec(headers.get('x-ms-backoffduration') ?? '');
  const retryAfter = Number(headers.get('retry-after'));
  return {
    throttleReason: pool.get(headers.get('x-ms-asthrottle')),
    retryAfterSeconds: headers.has('retry-after') && Number.isFinite(retryAfter) ? retryAfter : undefined,
    backOff: backOff ? { level: (backOff[1] as string).toUpperCase(), seconds: Number(backOff[2]) } : undefined,
    backOffReason: pool.get(headers.get('x-ms-backoffreason')),
    location: pool.get(headers.get('x-ms-location')),
    asError: pool.get(headers.get('x-ms-aserror')),
    resetPartnership: headers.has('x-ms-rp') ? true : undefined,
    noPush: headers.has('x-ms-nopush') ? true : undefined,
    serverProtocolVersions: pool.get(headers.get('ms-asprotocolversions')),
  };
}

const EMPTY_HEADERS: EasResponseHeaders = Object.freeze({});
const NO_SECTIONS: Readonly<Record<string, string>> = Object.freeze({});
const EMPTY: readonly never[] = Object.freeze([]);

function orEmpty<T>(items: T[]): readonly T[] {
  // A list grown by push keeps spare room (17 slots after the first push); the entry keeps a
  // copy of exactly its length, which matters with hundreds of thousands of entries held.
  return items.length === 0 ? EMPTY : items.slice();
}

/**
 * Entries repeat the same few statuses endlessly (Ping 1, Sync 1 on folder 5…), so status records
 * are shared rather than allocated per entry; this keeps a 200 MB log's entries in memory cheaply.
 */
const statusCache = new Map<string | undefined, StatusesOfCommand>();
let statusesCached = 0;
interface StatusesOfCommand {
  /** By code * 8 + scope. */
  plain: Map<number, EntryStatus>;
  /** By code * 8 + scope, then collection id. */
  ofCollection: Map<number, Map<string, EntryStatus>>;
}
const SCOPE_INDEX: Readonly<Record<EntryStatus['scope'], number>> = { global: 0, command: 1, collection: 2, item: 3, policy: 4 };

function sharedStatus(command: string | undefined, code: number, scope: EntryStatus['scope'], collectionId?: string): EntryStatus {
  // Looked up by command, number and folder: no key string is built for every status read.
  let ofCommand = statusCache.get(command);
  if (ofCommand === undefined) {
    ofCommand = { plain: new Map(), ofCollection: new Map() };
    if (statusCache.size < 1_000) statusCache.set(command, ofCommand);
  }
  const key = code * 8 + SCOPE_INDEX[scope];
  let byFolder: Map<string, EntryStatus> | undefined;
  let status: EntryStatus | undefined;
  if (collectionId === undefined) status = ofCommand.plain.get(key);
  else {
    byFolder = ofCommand.ofCollection.get(key);
    if (byFolder === undefined) ofCommand.ofCollection.set(key, (byFolder = new Map()));
    status = byFolder.get(collectionId);
  }
  if (status === undefined) {
    const info = describeStatus(command, code, scope === 'policy' ? 'policy' : 'other');
    status = Object.freeze(collectionId === undefined ? { ...info, scope } : { ...info, scope, collectionId: detach(collectionId) });
    if (statusesCached < 10_000) {
      statusesCached++;
      if (byFolder === undefined) ofCommand.plain.set(key, status);
      else byFolder.set(status.collectionId as string, status);
    }
  }
  return status;
}

function detachOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : detach(text);
}

/** Section values keep the file's CRLF; text we store and show gets plain LF. */
function withoutCr(text: string): string {
  return text.includes('\r') ? text.replace(/\r/g, '') : text;
}

function readTime(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseLogTime(text);
}

function oneLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const value = firstLine(text).trim();
  return value.length === 0 ? undefined : value;
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}
