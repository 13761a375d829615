import { isFailure, isHealthy } from '../patterns/health';
import type { Finding } from '../../shared/models/finding';
import type { ParseWarning } from '../mailbox-log/entry-model';
import { formatLogTime } from '../mailbox-log/log-time';
import { type DevicePattern, when } from '../patterns/pattern';
import { formatProtocolVersion } from '../eas/protocol-version';
import { detectPatterns } from '../patterns/detect-patterns';
import type { DeviceTimeline } from '../patterns/device-timeline';
import { findingsFromCapture } from '../captures/capture-findings';
import { CAPTURE_SECTIONS } from '../captures/capture-to-log';
import { buildFinding, type FindingDraft } from './catalog';
import { deviceLabel, findingFromParseWarnings, findingsFromPatterns } from './log-findings';
import { mergeDrafts } from './merge';
import { rankFindings } from './rank';

/** One device as the analyze-log output lists it. */
export interface DeviceSummary {
  deviceId?: string;
  deviceType?: string;
  userAgent?: string;
  protocolVersion?: string;
  entryCount: number;
  firstRequest?: string;
  lastRequest?: string;
}

/** The result of analysing mailbox-log entries on their own (no tenant evidence). */
export interface MailboxLogAnalysis {
  devices: DeviceSummary[];
  findings: Finding[];
  patterns: DevicePattern[];
  warnings: string[];
  /** Drafts before ranking, so the full diagnosis can merge them with tenant evidence. */
  drafts: FindingDraft[];
}

/** Runs the pattern detectors per device and turns the results into ranked findings. */
export function analyzeTimelines(timelines: readonly DeviceTimeline[], warnings: readonly ParseWarning[], duplicates = 0): MailboxLogAnalysis {
  const drafts: FindingDraft[] = [];
  const patterns: DevicePattern[] = [];
  for (const timeline of timelines) {
    const found = detectPatterns(timeline);
    patterns.push(...found);
    const fromPatterns = findingsFromPatterns(timeline, found);
    const fromCapture = findingsFromCapture(timeline, fromPatterns);
    // "Syncs normally" only for a phone with no present problem, the capture's included (a proxy
    // page or a failed connection at the end of a capture is the phone's present).
    const captureTrouble = fromCapture.some((d) => d.history !== true && d.severity !== 'info');
    const own = [...fromPatterns.filter((d) => !(captureTrouble && d.code === 'HEALTHY_SYNC')), ...fromCapture];
    drafts.push(...own, ...inconclusive(timeline, own));
  }
  const parseDraft = findingFromParseWarnings(warnings, duplicates);
  if (parseDraft !== undefined) drafts.push(parseDraft);
  return {
    devices: timelines.map(summarise),
    findings: rankFindings(mergeDrafts(drafts).map(buildFinding)),
    patterns,
    warnings: warnings.map((w) => (w.source === undefined ? w.message : `${w.source}: ${w.message}`)),
    drafts,
  };
}

/**
 * "Cannot tell", said plainly: a phone whose log yields no present finding at all (neither a
 * normal sync at the end nor a problem the app reads) gets a finding that says so, never an empty
 * list that reads as "nothing wrong".
 */
function inconclusive(timeline: DeviceTimeline, own: readonly FindingDraft[]): FindingDraft[] {
  if (timeline.entries.length === 0 || own.some((d) => d.history !== true)) return [];
  const lastGood = timeline.entries.findLast(isHealthy);
  const detail = lastGood === undefined ? neverSynced(timeline) : `The phone last synced normally at ${when(lastGood.requestTime)}; the answers after that are ones the app has no rule for, so how the phone stands now is not clear.`;
  return [
    {
      code: 'LOG_INCONCLUSIVE',
      detail,
      evidence: [{ step: 'mailbox-log', object: deviceLabel(timeline), logEntries: timeline.entries.slice(-20).map((e) => e.seq), detail }],
      confidence: 'low',
      certainty: 'unconfirmed',
      ...(timeline.deviceId !== undefined ? { deviceId: timeline.deviceId } : {}),
    },
  ];
}

/** Why a phone with no normal sync at all cannot be judged, in the words that fit what its entries are. */
function neverSynced(timeline: DeviceTimeline): string {
  const entries = timeline.entries;
  const captured = entries.some((e) => e.otherSections[CAPTURE_SECTIONS.source] !== undefined);
  if (captured && entries.every((e) => e.httpStatus === undefined)) {
    return `The capture holds ${entries.length} ActiveSync request(s) from this phone and none had an answer yet when the capture stopped (a phone waiting for mail keeps one request open). Capture again for a few minutes while the user pulls down to refresh the inbox.`;
  }
  // Discovery, settings or policy requests that went through say nothing about whether mail syncs.
  if (entries.every((e) => e.pending || (e.httpStatus !== undefined && !isFailure(e) && !SYNC_COMMANDS.has(e.command ?? '')))) {
    const commands = [...new Set(entries.map((e) => e.command ?? e.method ?? 'unknown'))].slice(0, 4).join(', ');
    return `${entries.length} request(s) from this phone (${commands}), all answered, but none of them a sync (Sync, FolderSync or Ping), so ${captured ? 'the capture' : 'the log'} does not show whether mail syncs. ${captured ? 'Capture again while the user pulls down to refresh the inbox.' : 'Fetch the log again after the user pulls down to refresh the inbox.'}`;
  }
  return `${entries.length} request(s) from this phone, none of them answered normally, and no answer the app has a rule for.`;
}

const SYNC_COMMANDS: ReadonlySet<string> = new Set(['Sync', 'FolderSync', 'Ping']);

function summarise(t: DeviceTimeline): DeviceSummary {
  let first: number | undefined;
  let last: number | undefined;
  for (const e of t.entries) {
    if (e.requestTime === undefined) continue;
    if (first === undefined || e.requestTime < first) first = e.requestTime;
    if (last === undefined || e.requestTime > last) last = e.requestTime;
  }
  return {
    deviceId: t.deviceId,
    deviceType: t.deviceType,
    userAgent: t.userAgent,
    protocolVersion: formatProtocolVersion(t.protocolVersion) ?? t.protocolVersion,
    entryCount: t.entries.length,
    firstRequest: formatLogTime(first),
    lastRequest: formatLogTime(last),
  };
}
