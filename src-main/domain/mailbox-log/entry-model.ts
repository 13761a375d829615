import type { StatusInfo, StatusScope } from '../eas/status-info';

/** A status read from a response, with the layer it came from and its name. */
export interface EntryStatus extends StatusInfo {
  readonly scope: StatusScope;
  /** For collection statuses: the folder (CollectionId). */
  readonly collectionId?: string;
  /** For item statuses: the element that carried it (Add, Change, Fetch, Delete…) and the item id. */
  readonly itemKind?: string;
  readonly itemId?: string;
}

/** Sync keys seen for one folder in one entry. */
export interface CollectionSyncKeys {
  readonly collectionId: string;
  readonly requestSyncKey?: string;
  readonly responseSyncKey?: string;
  readonly status?: number;
}

/** Response headers that EAS code adds, as typed fields (eas-reference.md §2.2). */
export interface EasResponseHeaders {
  readonly throttleReason?: string;
  readonly retryAfterSeconds?: number;
  readonly backOff?: { readonly level: string; readonly seconds: number };
  readonly backOffReason?: string;
  readonly location?: string;
  readonly asError?: string;
  readonly resetPartnership?: boolean;
  readonly noPush?: boolean;
  readonly serverProtocolVersions?: string;
}

/** An `…_Exception` (or IRM failure) section: Exchange's own error text for this request. */
export interface EntryException {
  readonly section: string;
  /** The first line: exception type and message. */
  readonly summary: string;
  /** The text, capped so one runaway stack trace cannot bloat memory. */
  readonly text: string;
}

/** One request/response pair from a mailbox log, with everything the analysis reads. */
export interface LogEntry {
  /** 1-based position in the order parsed, across all input; evidence refers to it. */
  readonly seq: number;
  /** The number printed in the entry header (restarts at 0 for each device report). */
  readonly entryNumber?: number;
  /** Which device report of the input this entry belongs to (0-based). */
  readonly reportIndex: number;
  /** The input file (or other source label) it came from. */
  readonly source?: string;
  readonly requestTime?: number;
  readonly responseTime?: number;
  readonly roundTripMs?: number;
  readonly serverName?: string;
  readonly assemblyVersion?: string;
  readonly identifier?: string;
  readonly method?: string;
  readonly command?: string;
  readonly user?: string;
  readonly deviceId?: string;
  readonly deviceType?: string;
  readonly userAgent?: string;
  readonly protocolVersion?: string;
  readonly policyKey?: string;
  /** X-Forwarded-For from the front end, when the log shows it (unverified for EXO). */
  readonly clientIp?: string;
  readonly httpStatus?: number;
  readonly httpReason?: string;
  readonly easHeaders: EasResponseHeaders;
  /** First status directly under the response root: the command or global status. */
  readonly commandStatus?: EntryStatus;
  readonly collectionStatuses: readonly EntryStatus[];
  readonly itemStatuses: readonly EntryStatus[];
  readonly syncKeys: readonly CollectionSyncKeys[];
  /** FolderSync: the hierarchy sync key sent and returned. */
  readonly folderSyncKey?: { readonly request?: string; readonly response?: string };
  /** Provision: policy statuses and keys returned, and whether a remote wipe was ordered. */
  readonly policyStatuses: readonly EntryStatus[];
  readonly responsePolicyKey?: string;
  readonly remoteWipeRequested: boolean;
  readonly heartbeatInterval?: number;
  readonly requestBodyEmpty: boolean;
  readonly responseBodyPresent: boolean;
  /** Device details the phone reported (Provision/Settings DeviceInformation). */
  readonly deviceInformation?: { readonly model?: string; readonly os?: string; readonly friendlyName?: string };
  readonly accessState?: string;
  readonly accessStateReason?: string;
  readonly deviceAccessControlRule?: string;
  readonly wasPending: boolean;
  readonly exceptions: readonly EntryException[];
  /** Sections this parser does not know, kept by name (value capped). */
  readonly otherSections: Readonly<Record<string, string>>;
  /** False when the entry has no response part: a pending request, or an entry cut off. */
  readonly complete: boolean;
  /**
   * A request still waiting for its answer (facts F29): the request part is whole and no response
   * was written yet, usually the last Ping of a phone on Direct Push. Normal, not damage.
   */
  readonly pending: boolean;
}

/** A problem met while parsing that did not stop the parse. */
export interface ParseWarning {
  readonly kind: 'truncated-entry' | 'missing-request-time' | 'unreadable-time' | 'duplicate-entry' | 'replacement-characters' | 'stray-text';
  readonly message: string;
  readonly seq?: number;
  readonly source?: string;
}
