import { certaintyOf, type FindingDraft } from '../diagnosis/catalog';
import type { MailboxLogAnalysis } from '../diagnosis/analyze-mailbox-log';
import { type Evidence, isUnavailable } from '../evaluators/evidence';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { checkDraft, worstOutcome, type CheckDraft, type StepJudgement } from './judgement';

/** One phone's log as fetched: its text length, or why it could not be fetched. */
export interface LogFetch {
  deviceId: string;
  /** The phone as the operator knows it: "iPhone (ApplF4K7Q2)". */
  name: string;
  log: Evidence<{ characters: number; empty: boolean }>;
}

/** When logging started (the app turned it on in this case) and when Exchange last saw the phone try. */
export interface LoggingWindow {
  enabledAt?: string | undefined;
  /** Get-MobileDeviceStatistics LastSyncAttemptTime of the phone being diagnosed; null: never. */
  lastSyncAttempt?: string | null | undefined;
  /** The case's "now": with logging on, it was turned on at most LONGEST_LOGGING_HOURS before. */
  now?: string | undefined;
}

/**
 * Debug logging switches itself off 48 hours after it is turned on in Exchange Online (F4); one
 * source says 72. Logging that is on now started within the longer of the two, which holds under
 * either reading.
 */
export const LONGEST_LOGGING_HOURS = 72;

/** When logging started at the latest known, or the earliest it can have started when the app did not turn it on. */
function loggingStart(window: LoggingWindow): { at: number; exact: boolean } | undefined {
  const exact = window.enabledAt === undefined ? Number.NaN : Date.parse(window.enabledAt);
  if (!Number.isNaN(exact)) return { at: exact, exact: true };
  const now = window.now === undefined ? Number.NaN : Date.parse(window.now);
  return Number.isNaN(now) ? undefined : { at: now - LONGEST_LOGGING_HOURS * 3_600_000, exact: false };
}

/**
 * Has the phone not tried since logging started? Its LastSyncAttemptTime is older than the start
 * (or never, when the app turned logging on in this case and so knows the start); logging on
 * before the case started within LONGEST_LOGGING_HOURS of now. An empty log then says nothing yet. A phone stopped before Exchange (sign-in, Conditional Access)
 * also leaves LastSyncAttemptTime old, so the finding's words send the operator to the sign-ins
 * when the user did try. (That Exchange Online updates LastSyncAttemptTime for every request it
 * receives, refused ones included, is what the cmdlet docs imply, not stated: unverified.)
 */
export function notTriedSinceLogging(window: LoggingWindow | undefined): boolean {
  if (window === undefined || window.lastSyncAttempt === undefined) return false;
  const started = loggingStart(window);
  if (started === undefined) return false;
  // "Never" with an unknown start: the partnership exists, so the phone did reach Exchange once.
  if (window.lastSyncAttempt === null) return started.exact;
  const tried = Date.parse(window.lastSyncAttempt);
  return !Number.isNaN(tried) && tried < started.at;
}

/**
 * Exchange recorded an attempt from the phone after logging started: a request it records has
 * reached the mailbox (one stopped at sign-in or by Conditional Access never does), so an empty
 * log then is an incomplete log, not a phone stopped before Exchange.
 */
export function triedSinceLogging(window: LoggingWindow | undefined): boolean {
  if (window == null || window.lastSyncAttempt == null) return false;
  // Only a known start: an attempt within the longest logging time may as well predate logging.
  const started = loggingStart(window);
  const tried = Date.parse(window.lastSyncAttempt);
  return started?.exact === true && !Number.isNaN(tried) && tried >= started.at;
}

/**
 * The mailbox logs: what was fetched, the patterns the analysis saw, and the log's findings for
 * the phone being diagnosed (or every phone, when none was picked).
 */
export function judgeLogs(analysis: Evidence<MailboxLogAnalysis>, fetches: readonly LogFetch[], targetDeviceId: string | undefined, window?: LoggingWindow): StepJudgement {
  const checks: CheckDraft[] = [];
  for (const fetch of fetches) {
    const evidence = [EVIDENCE.mailboxLog(fetch.deviceId)];
    if (isUnavailable(fetch.log)) {
      checks.push(checkDraft(`log-${fetch.deviceId}`, `The log of ${fetch.name} could not be fetched`, 'unavailable', fetch.log.unavailable, evidence));
    } else if (fetch.log.empty) {
      checks.push(
        checkDraft(`log-${fetch.deviceId}`, `The log of ${fetch.name} is empty`, 'warning', 'No request from this phone has reached the mailbox since logging was turned on (or the user has not tried yet).', evidence),
      );
    } else {
      checks.push(checkDraft(`log-${fetch.deviceId}`, `The log of ${fetch.name} was fetched`, 'info', `${Math.max(1, Math.round(fetch.log.characters / 1024))} KB of log text.`, evidence));
    }
  }
  const present = isUnavailable(analysis) ? undefined : analysis;
  for (const [index, pattern] of (present?.patterns ?? []).entries()) {
    // A healthy sync rhythm is a pattern too, and good news; one reset is worth a note, not a warning.
    const outcome = pattern.kind === 'healthy' ? 'ok' : pattern.kind === 'sync-key-reset' ? 'info' : 'warning';
    checks.push(checkDraft(`pattern-${index + 1}`, pattern.summary, outcome, pattern.summary));
  }
  const nothingToFetch =
    targetDeviceId === undefined
      ? 'No ActiveSync phone is known for this mailbox, so there is no log to fetch.'
      : `Exchange lists no ActiveSync phone with the device ID ${targetDeviceId} for this mailbox, so there is no log to fetch.`;
  if (fetches.length === 0) checks.push(checkDraft('no-devices', 'No phone has a log to fetch', 'unavailable', nothingToFetch));
  const fetched = fetches.filter((f) => !isUnavailable(f.log) && !f.log.empty).length;
  return {
    outcome: worstOutcome(checks.filter((c) => !(c.id.startsWith('log-') && c.outcome === 'info'))),
    summary:
      fetches.length === 0
        ? nothingToFetch
        : fetched === 0
          ? 'No mailbox log could be fetched; see why below.'
          : `Analysed the logs of ${fetched} phone(s): ${present?.devices.reduce((n, d) => n + d.entryCount, 0) ?? 0} requests.`,
    checks,
    findings: logFindings(present, targetDeviceId, window),
  };
}

/** The log's drafts for the phone being diagnosed, and the absence of its requests as a finding. */
function logFindings(log: MailboxLogAnalysis | undefined, targetDeviceId: string | undefined, window: LoggingWindow | undefined): FindingDraft[] {
  if (log === undefined) return [];
  const target = targetDeviceId?.toLowerCase();
  const relevant = target === undefined ? log.drafts : log.drafts.filter((d) => d.deviceId === undefined || d.deviceId.toLowerCase() === target);
  // What the log shows is read from Exchange's answers to the phone: inferred, not Exchange's state.
  const drafts: FindingDraft[] = relevant.map((d) => ({ ...d, certainty: d.certainty ?? (certaintyOf(d) === 'unconfirmed' ? 'unconfirmed' : 'inferred') }));
  const reached = target === undefined ? log.devices.length > 0 : log.devices.some((d) => d.deviceId?.toLowerCase() === target);
  if (!reached && targetDeviceId !== undefined && notTriedSinceLogging(window)) {
    const tried = window?.lastSyncAttempt ? `its last attempt was at ${window.lastSyncAttempt}` : 'it has never tried';
    drafts.push({
      code: 'PHONE_NOT_TRIED_SINCE_LOGGING',
      detail: `Debug logging was turned on at ${window?.enabledAt}; Get-MobileDeviceStatistics says ${tried} (LastSyncAttemptTime).`,
      evidence: [
        { step: 'mailbox-log', object: `device ${targetDeviceId}`, detail: 'no entries for this phone' },
        { step: 'devices', object: `device ${targetDeviceId}`, detail: `LastSyncAttemptTime = ${window?.lastSyncAttempt ?? 'never'}` },
      ],
      confidence: 'medium',
      certainty: 'inferred',
      deviceId: targetDeviceId,
    });
  } else if (!reached && targetDeviceId !== undefined && triedSinceLogging(window)) {
    drafts.push({
      code: 'LOG_MISSING_RECORDED_ATTEMPT',
      detail: `Debug logging was turned on at ${window?.enabledAt}; Get-MobileDeviceStatistics says the phone last tried at ${window?.lastSyncAttempt} (LastSyncAttemptTime), after that, but the log has no entry from device ${targetDeviceId}.`,
      evidence: [
        { step: 'mailbox-log', object: `device ${targetDeviceId}`, detail: 'no entries for this phone' },
        { step: 'devices', object: `device ${targetDeviceId}`, detail: `LastSyncAttemptTime = ${window?.lastSyncAttempt}` },
      ],
      confidence: 'low',
      certainty: 'unconfirmed',
      deviceId: targetDeviceId,
    });
  } else if (!reached) {
    drafts.push({
      code: 'NO_REQUESTS_REACHED_MAILBOX',
      detail: targetDeviceId === undefined ? 'The mailbox log has no entries at all.' : `The mailbox log has no entries for device ${targetDeviceId}.`,
      evidence: [{ step: 'mailbox-log', object: targetDeviceId === undefined ? undefined : `device ${targetDeviceId}`, detail: `${log.devices.length} device(s) in the log` }],
      confidence: 'medium',
      certainty: 'inferred',
      deviceId: targetDeviceId,
    });
  }
  return drafts;
}

/** A file the operator brought, as read into the case. */
export interface ImportedLog {
  kind: 'capture' | 'log';
  name: string;
  entries: number;
  sha256: string;
}

/** The logs step after files were added: one line per file, then the patterns the analysis saw. */
export function judgeImportedLogs(analysis: Evidence<MailboxLogAnalysis>, imports: readonly ImportedLog[]): StepJudgement {
  const checks: CheckDraft[] = imports.map((item, i) =>
    checkDraft(`import-${i + 1}`, `${item.kind === 'capture' ? 'Capture' : 'Log'} "${item.name}" was added`, 'info', `${item.entries} ActiveSync request(s); SHA-256 ${item.sha256.slice(0, 16)}…`),
  );
  const present = isUnavailable(analysis) ? undefined : analysis;
  for (const [index, pattern] of (present?.patterns ?? []).entries()) {
    checks.push(checkDraft(`pattern-${index + 1}`, pattern.summary, pattern.kind === 'healthy' ? 'ok' : pattern.kind === 'sync-key-reset' ? 'info' : 'warning', pattern.summary));
  }
  const requests = present?.devices.reduce((n, d) => n + d.entryCount, 0) ?? 0;
  return {
    outcome: checks.some((c) => c.outcome === 'warning') ? 'warning' : 'info',
    summary: `Analysed ${requests} request(s) from ${present?.devices.length ?? 0} phone(s), from the files you added and any fetched logs.`,
    checks,
    findings: [],
  };
}
