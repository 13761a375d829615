import { SEND_COMMANDS } from '../eas/command-status';
import { GLOBAL_STATUS } from '../eas/global-status';
import { HTTP_STATUS_MEANING } from '../eas/http-status';
import { formatProtocolVersion } from '../eas/protocol-version';
import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, lastAnsweredIndex, type PatternKind, when } from './pattern';
import { NOT_PROVISIONABLE_STATUSES, PROVISIONING_DEMANDS } from './provisioning';

const SERVER_ERROR_GLOBAL = new Set([110, 111, 112, 114]);
const QUOTA_GLOBAL = new Set([113, 115]);
/** Exceptions that go with a sync-key reset; they are evidence for that pattern, not a server fault. */
const SYNC_KEY_EXCEPTIONS = new Set(['SyncCollection_VerifySyncKey_Exception']);
/**
 * Exceptions Exchange catches per item while it builds or applies a Sync (one message it could not
 * convert, a calendar item it could not expand): it logs them and goes on, and the response is an
 * ordinary success for everything else. They are server errors only when the request failed too.
 * (Section names from eas-reference.md; that they are per-item is read from where Exchange's code
 * writes them: unverified against Exchange Online.)
 */
const ITEM_LEVEL_EXCEPTIONS = new Set([
  'SyncCommand_ConvertRequestsAndApply_Add_Exception',
  'SyncCommand_ConvertRequestsAndApply_Change_RejectClientChange_Exception',
  'SyncCommand_ConvertRequestsAndApply_Change_AcceptClientChange_Exception',
  'SyncCommand_ConvertRequestsAndApply_Delete_Exception',
  'SyncCommand_GenerateResponsesXmlNode_Fetch_Exception',
  'SyncCommand_GenerateResponsesXmlNode_AddChange_ConvertServerToClientObject_Exception',
  'SyncCommand_GenerateResponsesXmlNode_AddChange_Exception',
  'MailboxSyncCommand_HasSchemaPropertyChanged_Exception',
  'CalendarSync_Exception',
]);
/** Item statuses that are ordinary (success, conflict resolved by the server, item already gone). */
const BENIGN_ITEM = new Set([1, 7, 8]);

export interface RequestFailureRule {
  kind: PatternKind;
  matches(entry: LogEntry): boolean;
  describe(hits: LogEntry[]): string;
}

const isThrottleBackOff = (e: LogEntry): boolean =>
  e.easHeaders.backOff !== undefined || e.easHeaders.backOffReason !== undefined;
const isAutoBlock = (e: LogEntry): boolean => e.easHeaders.throttleReason !== undefined;
/** The request as a whole succeeded: no HTTP error, and every status Exchange gave is 1 (Success). */
const requestSucceeded = (e: LogEntry): boolean =>
  (e.httpStatus === undefined || e.httpStatus < 400) && (e.commandStatus === undefined || e.commandStatus.code === 1) && e.collectionStatuses.every((s) => s.code === 1);
/** An exception section that says the server failed this request (see ITEM_LEVEL_EXCEPTIONS and SYNC_KEY_EXCEPTIONS). */
const serverException = (e: LogEntry) => (x: { section: string }): boolean =>
  !SYNC_KEY_EXCEPTIONS.has(x.section) && !(ITEM_LEVEL_EXCEPTIONS.has(x.section) && requestSucceeded(e));

export const RULES: readonly RequestFailureRule[] = [
  {
    kind: 'eas-disabled',
    matches: (e) => e.commandStatus?.code === 126 || (e.httpStatus === 403 && !isNewProtocol(e)),
    describe: (hits) => `Exchange answered "ActiveSync not allowed for this user" (status 126 or HTTP 403) in ${hits.length} request(s)`,
  },
  // The log signs of a removed licence and of a disabled account (facts.md F37).
  {
    kind: 'no-mailbox',
    matches: (e) => e.commandStatus?.code === 123,
    describe: (hits) => `Exchange answered "the user has no mailbox" (status 123) in ${hits.length} request(s)`,
  },
  {
    kind: 'account-disabled',
    matches: (e) => e.commandStatus?.code === 131,
    describe: (hits) => `Exchange answered "the account is disabled" (status 131) in ${hits.length} request(s)`,
  },
  // The sync state is locked, most often while the mailbox is being moved between servers (facts F37, status 133).
  {
    kind: 'sync-state-locked',
    matches: (e) => e.commandStatus?.code === 133,
    describe: (hits) => `Exchange answered "the sync state is locked" (status 133, usually a mailbox move in progress) in ${hits.length} request(s)`,
  },
  {
    kind: 'throttled',
    // 429 Too Many Requests is throttling by definition (a front end in a device capture may send it).
    matches: (e) => !isAutoBlock(e) && (isThrottleBackOff(e) || e.httpStatus === 429 || (e.httpStatus === 503 && e.easHeaders.retryAfterSeconds !== undefined)),
    describe: (hits) => {
      const waits = hits.map((e) => e.easHeaders.backOff?.seconds ?? e.easHeaders.retryAfterSeconds ?? 0);
      const longest = waits.reduce((a, b) => Math.max(a, b), 0);
      return `Exchange asked the phone to back off in ${hits.length} request(s) (${longest > 0 ? `longest wait ${longest} s` : 'no waiting time given'}${reason(hits)})`;
    },
  },
  {
    kind: 'server-errors',
    matches: (e) =>
      (e.httpStatus !== undefined && e.httpStatus >= 500 && e.httpStatus !== 507 && !isAutoBlock(e) && !isThrottleBackOff(e) && e.easHeaders.retryAfterSeconds === undefined) ||
      (e.commandStatus !== undefined && SERVER_ERROR_GLOBAL.has(e.commandStatus.code)) ||
      (e.command === 'Sync' && e.collectionStatuses.some((s) => s.code === 5)) ||
      (e.command === 'FolderSync' && e.commandStatus?.code === 6) ||
      (e.command === 'Ping' && e.commandStatus?.code === 8) ||
      e.exceptions.some(serverException(e)),
    describe: (hits) => {
      const sections = [...new Set(hits.flatMap((e) => e.exceptions.filter(serverException(e)).map((x) => x.section)))];
      return `${hits.length} request(s) failed on the server side${sections.length > 0 ? ` (errors in ${sections.slice(0, 3).join(', ')})` : ''}`;
    },
  },
  {
    kind: 'quota',
    matches: (e) => e.httpStatus === 507 || (e.commandStatus !== undefined && QUOTA_GLOBAL.has(e.commandStatus.code)) || (e.command === 'Sync' && e.collectionStatuses.some((s) => s.code === 9)),
    describe: (hits) => `Exchange reported the mailbox or send limit as exceeded in ${hits.length} request(s)`,
  },
  {
    kind: 'too-many-folders',
    matches: (e) => e.commandStatus?.code === 151 || (e.command === 'Ping' && e.commandStatus?.code === 6) || (e.command === 'Sync' && e.commandStatus?.code === 15),
    describe: (hits) => `Exchange reported too many folders in ${hits.length} request(s)`,
  },
  {
    kind: 'redirect',
    matches: (e) => e.httpStatus === 451,
    describe: (hits) => {
      const target = hits.find((e) => e.easHeaders.location !== undefined)?.easHeaders.location;
      return `Exchange redirected the phone (HTTP 451) in ${hits.length} request(s)${target === undefined ? '' : ` to ${target}`}`;
    },
  },
  {
    kind: 'send-failed',
    matches: (e) => e.command !== undefined && SEND_COMMANDS.has(e.command) && ((e.httpStatus !== undefined && e.httpStatus >= 400) || (e.commandStatus !== undefined && e.commandStatus.code !== 1)),
    describe: (hits) => {
      const codes = [...new Set(hits.map((e) => (e.commandStatus ? `${e.commandStatus.code} ${e.commandStatus.name}` : `HTTP ${e.httpStatus}`)))];
      return `${hits.length} message(s) could not be sent (${codes.slice(0, 3).join(', ')})`;
    },
  },
  {
    kind: 'item-errors',
    matches: (e) => e.command === 'Sync' && e.itemStatuses.some((s) => !BENIGN_ITEM.has(s.code)),
    describe: (hits) => {
      const bad = hits.flatMap((e) => e.itemStatuses.filter((s) => !BENIGN_ITEM.has(s.code)));
      const codes = [...new Set(bad.map((s) => `${s.code} ${s.name}`))];
      return `${bad.length} item(s) failed to sync in ${hits.length} request(s) (${codes.slice(0, 3).join(', ')})`;
    },
  },
  // The catch-all: a refusal no rule above and no other detector explains. Said as "cannot tell
  // which setting" rather than dropped, so a log that ends in refusals never reads as "nothing found".
  {
    kind: 'refused',
    matches: isUnexplainedFailure,
    describe: (hits) => {
      const counts = new Map<string, number>();
      for (const e of hits) counts.set(failureLabel(e), (counts.get(failureLabel(e)) ?? 0) + 1);
      const parts = [...counts].map(([label, n]) => `${label} ×${n}`);
      return `${hits.length} request(s) were refused: ${parts.join('; ')}`;
    },
  },
  {
    kind: 'max-devices',
    matches: (e) => e.commandStatus?.code === 177,
    describe: (hits) => `Exchange refused a new partnership because the mailbox has too many devices (status 177) in ${hits.length} request(s)`,
  },
];

/**
 * False only for an entry no rule can match: no command or global status other than a success
 * (1, or a Ping's 2, "changes"), HTTP below 400, no back-off header, no exception section, no item
 * status kept (only non-success ones are), and every folder status a success. Every rule above
 * needs one of these (a property test holds each rule to it), so a rule added with a new kind of
 * condition must extend this too.
 */
export function mayMatchARule(e: LogEntry): boolean {
  const code = e.commandStatus?.code;
  return (
    (code !== undefined && code !== 1 && !(code === 2 && e.command === 'Ping')) ||
    (e.httpStatus !== undefined && e.httpStatus >= 400) ||
    e.easHeaders.backOff !== undefined ||
    e.easHeaders.backOffReason !== undefined ||
    e.exceptions.length > 0 ||
    e.itemStatuses.length > 0 ||
    anyCollectionFailed(e.collectionStatuses)
  );
}

/** collectionStatuses.some((s) => s.code !== 1), without a closure per entry (this runs for every entry). */
function anyCollectionFailed(statuses: LogEntry['collectionStatuses']): boolean {
  for (let i = 0; i < statuses.length; i++) if ((statuses[i] as LogEntry['collectionStatuses'][number]).code !== 1) return true;
  return false;
}

/** Request-level failures: disabled protocol, back-off, server errors, quota, folders, redirects, send and item errors. */
export function detectRequestFailures(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  // "Still failing" is judged on the last answered request: a pending Ping after it has no answer yet (facts F29).
  const entries = timeline.entries;
  const lastAnswered = lastAnsweredIndex(entries);
  const last = entries[lastAnswered >= 0 ? lastAnswered : entries.length - 1];
  // Most requests of a long log went through; only the others can match a rule. They are picked
  // in one pass, so the rules below walk a short list (same entries, same order).
  const candidates = timeline.entries.filter(mayMatchARule);
  for (const rule of RULES) {
    const hits = candidates.filter((e) => rule.matches(e));
    if (hits.length > 0) patterns.push(rulePattern(timeline, rule, hits, last));
  }
  return patterns;
}

/** One rule's pattern over the requests it matched (in order); still failing when the last of them is `last`. */
export function rulePattern(timeline: DeviceTimeline, rule: RequestFailureRule, hits: LogEntry[], last: LogEntry | undefined): DevicePattern {
  const first = hits[0] as LogEntry;
  const end = hits[hits.length - 1] as LogEntry;
  return {
    kind: rule.kind,
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${rule.describe(hits)}, first at ${when(first.requestTime)}, last at ${when(end.requestTime)}.`,
    entries: citeEntries(hits),
    from: first.requestTime,
    to: end.requestTime,
    ongoing: end === last,
  };
}

/** HTTP refusals other detectors read: provisioning (449), redirect (451); 5xx are the server-side rules'. */
const HTTP_READ_ELSEWHERE = new Set([449, 451]);
/** Common statuses (101 and up) the access, provisioning and wipe detectors read. */
const STATUS_READ_ELSEWHERE = new Set([129, 140, ...PROVISIONING_DEMANDS, ...NOT_PROVISIONABLE_STATUSES]);

/**
 * A failure no other rule or detector reads: an HTTP 4xx, or a common status (101 and up, each
 * of them an error by MS-ASCMD's definition) in an answer that is not a block, a quarantine or a send.
 */
function isUnexplainedFailure(e: LogEntry): boolean {
  if (e.accessState === 'Blocked' || e.accessState === 'Quarantined' || isAutoBlock(e)) return false;
  if (e.command !== undefined && SEND_COMMANDS.has(e.command)) return false;
  const code = e.commandStatus?.code;
  const statusFailure = code !== undefined && code >= 101 && !STATUS_READ_ELSEWHERE.has(code);
  const httpFailure = e.httpStatus !== undefined && e.httpStatus >= 400 && e.httpStatus < 500 && !HTTP_READ_ELSEWHERE.has(e.httpStatus);
  if (!statusFailure && !httpFailure) return false;
  return !RULES.some((rule) => rule.kind !== 'refused' && rule.matches(e));
}

function failureLabel(e: LogEntry): string {
  const status = e.commandStatus;
  if (status !== undefined && status.code >= 101) {
    const meaning = GLOBAL_STATUS.get(status.code)?.meaning;
    return `status ${status.code} ${status.name}${meaning !== undefined ? ` (${meaning})` : ''}`;
  }
  const http = e.httpStatus as number;
  const meaning = HTTP_STATUS_MEANING[http];
  // The table's sentence, said inside the label: "HTTP 401 (sign-in refused: …)".
  return `HTTP ${http} (${meaning === undefined ? 'no meaning the app knows' : meaning.charAt(0).toLowerCase() + meaning.slice(1).replace(/\.$/, '')})`;
}

function isNewProtocol(e: LogEntry): boolean {
  const version = formatProtocolVersion(e.protocolVersion);
  return version !== undefined && Number(version) >= 14;
}

function reason(hits: LogEntry[]): string {
  const r = hits.find((e) => e.easHeaders.backOffReason !== undefined)?.easHeaders.backOffReason;
  return r === undefined ? '' : `, reason ${r}`;
}
