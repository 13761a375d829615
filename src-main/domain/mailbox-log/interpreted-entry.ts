import type { CollectionSyncKeys, EasResponseHeaders, EntryException, EntryStatus, LogEntry } from './entry-model';

/**
 * What a run of requests of one phone has in common: where they came from, the request line and
 * headers, the answer's status line and EAS headers, the access state. A phone repeats these in
 * every request of a kind, so entries share one record instead of each holding ~20 fields.
 */
export type EntryContext = Pick<
  LogEntry,
  | 'source'
  | 'serverName'
  | 'assemblyVersion'
  | 'method'
  | 'command'
  | 'user'
  | 'deviceId'
  | 'deviceType'
  | 'userAgent'
  | 'protocolVersion'
  | 'policyKey'
  | 'clientIp'
  | 'httpStatus'
  | 'httpReason'
  | 'easHeaders'
  | 'accessState'
  | 'accessStateReason'
  | 'deviceAccessControlRule'
>;

/** What the request and response bodies said. Shared between entries whose bodies read the same (a phone's Pings). */
export type EntryBodyFacts = Pick<
  LogEntry,
  | 'commandStatus'
  | 'collectionStatuses'
  | 'itemStatuses'
  | 'syncKeys'
  | 'folderSyncKey'
  | 'policyStatuses'
  | 'responsePolicyKey'
  | 'remoteWipeRequested'
  | 'heartbeatInterval'
  | 'deviceInformation'
>;

/** The rare parts: exception sections and sections this parser does not know. */
export type EntryExtras = Pick<LogEntry, 'exceptions' | 'otherSections'>;

export const REQUEST_BODY_EMPTY = 1;
export const RESPONSE_BODY_PRESENT = 2;
export const WAS_PENDING = 4;
export const COMPLETE = 8;
export const PENDING = 16;

/**
 * One interpreted entry, compact: its own values (number, times, identifier, flags) and pointers
 * to the parts it shares with other entries. A 200 MB log holds some 150,000 entries until the
 * analysis ends; as plain objects of 42 fields (about 360 bytes each, plus their arrays) holding
 * them was the largest single cost of the parse (garbage collection copies what survives).
 * Consumers read it through the LogEntry interface, as before; the getters are plain reads.
 */
export class InterpretedEntry implements LogEntry {
  constructor(
    readonly seq: number,
    readonly entryNumber: number | undefined,
    readonly reportIndex: number,
    readonly requestTime: number | undefined,
    readonly responseTime: number | undefined,
    readonly identifier: string | undefined,
    private readonly context: EntryContext,
    private readonly body: EntryBodyFacts,
    private readonly extras: EntryExtras,
    private readonly flags: number,
  ) {
    this.command = context.command;
    this.httpStatus = context.httpStatus;
    this.commandStatus = body.commandStatus;
    this.collectionStatuses = body.collectionStatuses;
    this.syncKeys = body.syncKeys;
  }

  // What the detectors read of every entry is kept on the entry itself: a getter costs a call
  // until the optimising compiler inlines it, and each detector makes one pass per timeline.
  readonly command: string | undefined;
  readonly httpStatus: number | undefined;
  readonly commandStatus: EntryStatus | undefined;
  readonly collectionStatuses: readonly EntryStatus[];
  readonly syncKeys: readonly CollectionSyncKeys[];

  get roundTripMs(): number | undefined {
    return this.requestTime !== undefined && this.responseTime !== undefined ? this.responseTime - this.requestTime : undefined;
  }

  get source(): string | undefined {
    return this.context.source;
  }
  get serverName(): string | undefined {
    return this.context.serverName;
  }
  get assemblyVersion(): string | undefined {
    return this.context.assemblyVersion;
  }
  get method(): string | undefined {
    return this.context.method;
  }
  get user(): string | undefined {
    return this.context.user;
  }
  get deviceId(): string | undefined {
    return this.context.deviceId;
  }
  get deviceType(): string | undefined {
    return this.context.deviceType;
  }
  get userAgent(): string | undefined {
    return this.context.userAgent;
  }
  get protocolVersion(): string | undefined {
    return this.context.protocolVersion;
  }
  get policyKey(): string | undefined {
    return this.context.policyKey;
  }
  get clientIp(): string | undefined {
    return this.context.clientIp;
  }
  get httpReason(): string | undefined {
    return this.context.httpReason;
  }
  get easHeaders(): EasResponseHeaders {
    return this.context.easHeaders;
  }
  get accessState(): string | undefined {
    return this.context.accessState;
  }
  get accessStateReason(): string | undefined {
    return this.context.accessStateReason;
  }
  get deviceAccessControlRule(): string | undefined {
    return this.context.deviceAccessControlRule;
  }

  get itemStatuses(): readonly EntryStatus[] {
    return this.body.itemStatuses;
  }
  get folderSyncKey(): { readonly request?: string; readonly response?: string } | undefined {
    return this.body.folderSyncKey;
  }
  get policyStatuses(): readonly EntryStatus[] {
    return this.body.policyStatuses;
  }
  get responsePolicyKey(): string | undefined {
    return this.body.responsePolicyKey;
  }
  get remoteWipeRequested(): boolean {
    return this.body.remoteWipeRequested;
  }
  get heartbeatInterval(): number | undefined {
    return this.body.heartbeatInterval;
  }
  get deviceInformation(): { readonly model?: string; readonly os?: string; readonly friendlyName?: string } | undefined {
    return this.body.deviceInformation;
  }

  get exceptions(): readonly EntryException[] {
    return this.extras.exceptions;
  }
  get otherSections(): Readonly<Record<string, string>> {
    return this.extras.otherSections;
  }

  get requestBodyEmpty(): boolean {
    return (this.flags & REQUEST_BODY_EMPTY) !== 0;
  }
  get responseBodyPresent(): boolean {
    return (this.flags & RESPONSE_BODY_PRESENT) !== 0;
  }
  get wasPending(): boolean {
    return (this.flags & WAS_PENDING) !== 0;
  }
  get complete(): boolean {
    return (this.flags & COMPLETE) !== 0;
  }
  get pending(): boolean {
    return (this.flags & PENDING) !== 0;
  }
}

/** The headers of an answer that has none (shared; a context with them is told apart from one whose headers are all absent values). */
export const EMPTY_HEADERS: EasResponseHeaders = Object.freeze({});

const CONTEXTS_PER_DEVICE = 64;

/**
 * Hands out one shared EntryContext per distinct set of values. Values come from the string pool,
 * so equal strings are usually the same string and compare in one step; when they are not (the
 * pool is full), they still compare equal by value, only a little slower.
 */
export class EntryContextCache {
  /** By device id: the contexts seen for that phone, most recently used first. */
  private readonly byDevice = new Map<string | undefined, EntryContext[]>();

  get(wanted: EntryContext): EntryContext {
    let list = this.byDevice.get(wanted.deviceId);
    if (list === undefined) {
      list = [];
      if (this.byDevice.size < 10_000) this.byDevice.set(wanted.deviceId, list);
    }
    for (let i = 0; i < list.length; i++) {
      const known = list[i] as EntryContext;
      if (!sameContext(known, wanted)) continue;
      if (i > 0) {
        list.splice(i, 1);
        list.unshift(known);
      }
      return known;
    }
    list.unshift(wanted);
    if (list.length > CONTEXTS_PER_DEVICE) list.pop();
    return wanted;
  }
}

function sameContext(a: EntryContext, b: EntryContext): boolean {
  return (
    a.command === b.command &&
    a.httpStatus === b.httpStatus &&
    a.userAgent === b.userAgent &&
    a.protocolVersion === b.protocolVersion &&
    a.policyKey === b.policyKey &&
    a.accessState === b.accessState &&
    a.accessStateReason === b.accessStateReason &&
    a.deviceAccessControlRule === b.deviceAccessControlRule &&
    a.httpReason === b.httpReason &&
    a.deviceType === b.deviceType &&
    a.user === b.user &&
    a.method === b.method &&
    a.clientIp === b.clientIp &&
    a.serverName === b.serverName &&
    a.assemblyVersion === b.assemblyVersion &&
    a.source === b.source &&
    a.deviceId === b.deviceId &&
    sameHeaders(a.easHeaders, b.easHeaders)
  );
}

function sameHeaders(a: EasResponseHeaders, b: EasResponseHeaders): boolean {
  if (a === b) return true;
  if (a === EMPTY_HEADERS || b === EMPTY_HEADERS) return false;
  return (
    a.throttleReason === b.throttleReason &&
    a.retryAfterSeconds === b.retryAfterSeconds &&
    a.backOff?.level === b.backOff?.level &&
    a.backOff?.seconds === b.backOff?.seconds &&
    a.backOffReason === b.backOffReason &&
    a.location === b.location &&
    a.asError === b.asError &&
    a.resetPartnership === b.resetPartnership &&
    a.noPush === b.noPush &&
    a.serverProtocolVersions === b.serverProtocolVersions
  );
}
