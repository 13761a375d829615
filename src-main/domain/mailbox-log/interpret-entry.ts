import { describeStatus } from '../eas/command-status';
import type { CollectionSyncKeys, EasResponseHeaders, EntryException, EntryStatus, LogEntry } from './entry-model';
import { parseLogTime } from './log-time';
import { parseResponseHeader, readPooled, type RequestHeaderMemo } from './request-line';
import type { LineValueMemo, ResponseHeaderMemo } from './value-memos';
import type { BodyScanMemo, ScannedBody } from './body-scanner';
import { scanBody } from './body-scanner';
import { COMPLETE, EMPTY_HEADERS, InterpretedEntry, PENDING, REQUEST_BODY_EMPTY, RESPONSE_BODY_PRESENT, WAS_PENDING, type EntryBodyFacts, type EntryContext, type EntryContextCache, type EntryExtras } from './interpreted-entry';
import { isExceptionSection, KNOWN_SECTIONS } from './section-names';
import { knownSection, Sections } from './section-reader';
import type { StringPool } from './string-pool';
import { detach, flatCopy } from './string-pool';

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
export function bodyIsWhole(text: string): boolean {
  const body = text.trim().replace(/^<\?xml[^>]*\?>/, '').trim();
  if (!body.includes('<')) return true;
  const name = /^<([A-Za-z][\w:.-]*)/.exec(body)?.[1];
  if (name === undefined) return body.endsWith('>');
  return body.endsWith(`</${name}>`) || (body.endsWith('/>') && body.indexOf('>') === body.length - 1);
}

const OTHER_SECTION_CAP = 2000;
/** Known sections that are not exception sections: neither kept as exceptions nor as other sections. */
const PLAIN_SECTIONS: ReadonlySet<string> = new Set([...KNOWN_SECTIONS].filter((name) => !isExceptionSection(name)));
/** Known sections that are exception sections (IRM_FailureCode, IRM_Exception), by index. */
const KNOWN_NOT_PLAIN: readonly number[] = [...KNOWN_SECTIONS].filter((name) => !PLAIN_SECTIONS.has(name)).map(knownSection);
const S_REQUEST_HEADER = knownSection('RequestHeader');
const S_RESPONSE_HEADER = knownSection('ResponseHeader');
const S_REQUEST_TIME = knownSection('RequestTime');
const S_RESPONSE_TIME = knownSection('ResponseTime');
const S_LOGICAL_REQUEST = knownSection('LogicalRequest');
const S_REQUEST_BODY = knownSection('RequestBody');
const S_RESPONSE_BODY = knownSection('ResponseBody');
const S_SERVER_NAME = knownSection('ServerName');
const S_ASSEMBLY_VERSION = knownSection('AssemblyVersion');
const S_ACCESS_STATE = knownSection('AccessState');
const S_ACCESS_STATE_REASON = knownSection('AccessStateReason');
const S_DEVICE_ACCESS_CONTROL_RULE = knownSection('DeviceAccessControlRule');
const S_WAS_PENDING = knownSection('WasPending');
const S_IDENTIFIER = knownSection('Identifier');

/**
 * What one parse keeps between entries so that entries reading the same share their parts: the
 * body scans of the last body per command, the contexts (request line, headers, answer), and the
 * body facts built from the last pair of body scans per command.
 */
export interface InterpretCaches {
  readonly request: BodyScanMemo;
  readonly response: BodyScanMemo;
  readonly contexts?: EntryContextCache;
  readonly facts?: BodyFactsMemo;
  readonly requestHeaders?: RequestHeaderMemo;
  readonly responses?: ResponseHeaderMemo<ResponseFacts>;
  readonly lines?: LineValueMemo;
}

/** What an entry keeps of its response header (values from the pool). */
export interface ResponseFacts {
  readonly status?: number;
  readonly reason?: string;
  readonly easHeaders: EasResponseHeaders;
}

function readResponse(text: string, pool: StringPool): ResponseFacts {
  const response = parseResponseHeader(text);
  return { status: response.status, reason: pool.get(response.reason), easHeaders: readEasHeaders(response.headers, pool) };
}

/** A single-line section's value, pooled. */
function lineValue(raw: string | undefined, pool: StringPool, memo: InterpretCaches | undefined): string | undefined {
  return memo?.lines === undefined ? pool.get(oneLine(raw)) : memo.lines.read(raw, pool, oneLine);
}

/** Turns one entry's sections into the typed entry model. Pure; never throws on odd values. */
export function interpretEntry(sections: Sections | ReadonlyMap<string, string>, place: RawEntryPlace, pool: StringPool, memo?: InterpretCaches): LogEntry {
  const table = sections instanceof Sections ? sections : Sections.from(sections);
  const requestHeaderText = table.known(S_REQUEST_HEADER) ?? '';
  // Its values come from the pool.
  const request = memo?.requestHeaders === undefined ? readPooled(requestHeaderText, pool) : memo.requestHeaders.read(requestHeaderText, pool);
  const responseHeaderText = table.known(S_RESPONSE_HEADER);
  const response = memo?.responses === undefined ? readResponse(responseHeaderText ?? '', pool) : memo.responses.read(responseHeaderText ?? '', (text) => readResponse(text, pool));
  const requestTime = readTime(table.known(S_REQUEST_TIME));
  const responseTime = readTime(table.known(S_RESPONSE_TIME));
  const command = request.command;

  const requestBodyText = table.known(S_LOGICAL_REQUEST) ?? table.known(S_REQUEST_BODY) ?? '';
  const responseBodyText = table.known(S_RESPONSE_BODY) ?? '';
  const requestBody = memo === undefined ? scanBody(requestBodyText) : memo.request.scan(command, requestBodyText);
  const responseBody = memo === undefined ? scanBody(responseBodyText) : memo.response.scan(command, responseBodyText);
  const body = memo?.facts === undefined ? bodyFacts(command, requestBody, responseBody, pool) : memo.facts.get(command, requestBody, responseBody, pool);

  let extras = NO_EXTRAS;
  if (!onlyPlainSections(table)) {
    const exceptions: EntryException[] = [];
    const otherSections: Record<string, string> = {};
    table.forEach((value, name) => {
      // Most sections are the usual known ones: one lookup says so.
      if (PLAIN_SECTIONS.has(name)) return;
      if (isExceptionSection(name)) {
        const text = withoutCr(value.slice(0, EXCEPTION_TEXT_CAP));
        exceptions.push({ section: pool.get(name) as string, summary: detach(firstLine(text)), text: detach(text) });
      } else if (!KNOWN_SECTIONS.has(name)) {
        otherSections[pool.get(name) as string] = detach(withoutCr(value.slice(0, OTHER_SECTION_CAP)));
      }
    });
    if (exceptions.length > 0 || Object.keys(otherSections).length > 0) {
      extras = { exceptions: orEmpty(exceptions), otherSections: Object.keys(otherSections).length === 0 ? NO_SECTIONS : otherSections };
    }
  }

  const wanted: EntryContext = {
    source: place.source,
    serverName: lineValue(table.known(S_SERVER_NAME), pool, memo),
    assemblyVersion: lineValue(table.known(S_ASSEMBLY_VERSION), pool, memo),
    method: request.method,
    command,
    user: request.user,
    deviceId: request.deviceId ?? pool.get(place.fallbackDevice?.deviceId),
    deviceType: request.deviceType ?? pool.get(place.fallbackDevice?.deviceType),
    userAgent: request.userAgent,
    protocolVersion: request.protocolVersion,
    policyKey: request.policyKey,
    clientIp: request.clientIp,
    httpStatus: response.status,
    httpReason: response.reason,
    easHeaders: response.easHeaders,
    accessState: lineValue(table.known(S_ACCESS_STATE), pool, memo),
    accessStateReason: lineValue(table.known(S_ACCESS_STATE_REASON), pool, memo),
    deviceAccessControlRule: lineValue(table.known(S_DEVICE_ACCESS_CONTROL_RULE), pool, memo),
  };
  const context = memo?.contexts === undefined ? wanted : memo.contexts.get(wanted);

  const hasResponse = responseHeaderText !== undefined || table.hasKnown(S_RESPONSE_BODY) || table.hasKnown(S_RESPONSE_TIME);
  const pending = !hasResponse && request.command !== undefined && requestTime !== undefined && bodyIsWhole(requestBodyText);
  const flags =
    (/^\s*(Empty)?\s*$/.test(table.known(S_REQUEST_BODY) ?? '') ? REQUEST_BODY_EMPTY : 0) |
    (responseBodyText.trim().length > 0 && !responseBodyText.includes('[No XmlResponse]') ? RESPONSE_BODY_PRESENT : 0) |
    (table.hasKnown(S_WAS_PENDING) ? WAS_PENDING : 0) |
    (hasResponse ? COMPLETE : 0) |
    (pending ? PENDING : 0);
  // Unique per request: the identifier is copied, not pooled.
  return new InterpretedEntry(place.seq, place.entryNumber, place.reportIndex, requestTime, responseTime, detachOptional(oneLine(table.known(S_IDENTIFIER))), context, body, extras, flags);
}

/** The typed facts of one entry's request and response bodies. */
function bodyFacts(command: string | undefined, requestBody: ScannedBody, responseBody: ScannedBody, pool: StringPool): EntryBodyFacts {
  const collectionStatuses: EntryStatus[] = [];
  const syncKeys: CollectionSyncKeys[] = [];
  // The request's folders in order, each once (a later key for the same folder wins), as small
  // arrays: an entry has one or two folders, and a Map per entry cost more than the search.
  const requestIds: string[] = [];
  const requestKeys: Array<string | undefined> = [];
  for (const c of requestBody.collections) {
    if (c.collectionId === undefined) continue;
    const at = requestIds.indexOf(c.collectionId);
    if (at === -1) {
      requestIds.push(c.collectionId);
      requestKeys.push(c.syncKey);
    } else requestKeys[at] = c.syncKey;
  }
  for (const c of responseBody.collections) {
    const id = c.collectionId ?? '?';
    if (c.status !== undefined) collectionStatuses.push(sharedStatus(command, c.status, 'collection', id));
    // A request folder is paired with the first response folder of its id, then taken out.
    const at = requestIds.indexOf(id);
    const requestKey = at === -1 ? undefined : requestKeys[at];
    if (at !== -1) {
      requestIds.splice(at, 1);
      requestKeys.splice(at, 1);
    }
    // Sync keys are kept as copies: a long one cut from the body would keep the log's text alive.
    syncKeys.push({ collectionId: pool.get(id) as string, requestSyncKey: copyOptional(requestKey), responseSyncKey: copyOptional(c.syncKey), status: c.status });
  }
  for (let i = 0; i < requestIds.length; i++) syncKeys.push({ collectionId: pool.get(requestIds[i]) as string, requestSyncKey: copyOptional(requestKeys[i]) });
  return {
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
    deviceInformation: requestBody.deviceInformation === undefined ? undefined : {
      model: pool.get(requestBody.deviceInformation.model),
      os: pool.get(requestBody.deviceInformation.os),
      friendlyName: pool.get(requestBody.deviceInformation.friendlyName),
    },
  };
}

/**
 * The body facts last built per command, with the two scans they were built from: when the body
 * scan memo hands out the very same scans again (a phone's Pings), so are the facts.
 */
export class BodyFactsMemo {
  private readonly last = new Map<string | undefined, { request: ScannedBody; response: ScannedBody; facts: EntryBodyFacts }>();

  get(command: string | undefined, request: ScannedBody, response: ScannedBody, pool: StringPool): EntryBodyFacts {
    const last = this.last.get(command);
    if (last !== undefined && last.request === request && last.response === response) return last.facts;
    const facts = bodyFacts(command, request, response, pool);
    if (last !== undefined) {
      last.request = request;
      last.response = response;
      last.facts = facts;
    } else if (this.last.size < 64) this.last.set(command, { request, response, facts });
    return facts;
  }
}

/** Whether every section is one of the usual known, non-exception ones (then there are no extras to collect). */
function onlyPlainSections(sections: Sections): boolean {
  if (sections.unknownCount > 0) return false;
  for (const index of KNOWN_NOT_PLAIN) if (sections.hasKnown(index)) return false;
  return true;
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

const NO_SECTIONS: Readonly<Record<string, string>> = Object.freeze({});
const EMPTY: readonly never[] = Object.freeze([]);
const NO_EXTRAS: EntryExtras = Object.freeze({ exceptions: EMPTY, otherSections: NO_SECTIONS });

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

function copyOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : flatCopy(text);
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
