import { EXO_MINIMUM_SINCE, EXO_MINIMUM_SINCE_WORDS, formatProtocolVersion, isBelowExoMinimum, MINIMUM_EXO_PROTOCOL } from '../eas/protocol-version';
import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { isHealthy } from './health';
import { citeEntries, type DevicePattern } from './pattern';

const CUT_OFF = Date.parse(EXO_MINIMUM_SINCE);

/**
 * The phone asks with an EAS version below 16.1, which Exchange Online refuses since 2026-03-01
 * (facts F2: secondary reporting; how Exchange answers such a phone is not documented). The log
 * itself can say otherwise for this phone:
 * - requests after the cut-off that Exchange answered normally, none refused: the version is not
 *   what stops this phone now (a warning that it may be refused at any time);
 * - otherwise the blocker the cut-off announces: refused, no answer to tell by, or requests from
 *   before the cut-off (accepted then, but a phone still on that version today is refused).
 */
export function detectOldProtocol(timeline: DeviceTimeline): DevicePattern[] {
  // A device sends the same version string in every request: judge each distinct one once.
  const below = new Map<string | undefined, boolean>();
  const old: LogEntry[] = [];
  let lastVersion: string | undefined;
  let lastOld = false;
  for (let i = 0; i < timeline.entries.length; i++) {
    const e = timeline.entries[i] as LogEntry;
    const version = e.protocolVersion;
    if (i === 0 || version !== lastVersion) {
      let known = below.get(version);
      if (known === undefined) below.set(version, (known = isBelowExoMinimum(version)));
      lastVersion = version;
      lastOld = known;
    }
    if (lastOld) old.push(e);
  }
  return oldProtocolPattern(timeline, old);
}

/** The pattern for the requests (in order) that used a version below 16.1; none for an empty list. */
export function oldProtocolPattern(timeline: DeviceTimeline, old: readonly LogEntry[]): DevicePattern[] {
  if (old.length === 0) return [];
  const versions = [...new Set(old.map((e) => formatProtocolVersion(e.protocolVersion)))].join(', ');
  const last = timeline.entries[timeline.entries.length - 1] as LogEntry;
  const seen = `The phone used ActiveSync version ${versions} in ${old.length} of ${timeline.entries.length} request(s) (user agent ${timeline.userAgent ?? 'unknown'}).`;
  const reading = readingOf(old);
  return [{
    kind: 'old-protocol',
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${seen} ${READING_WORDS[reading]}`,
    entries: citeEntries(old),
    from: old[0]?.requestTime,
    to: old[old.length - 1]?.requestTime,
    ongoing: isBelowExoMinimum(last.protocolVersion),
    ...(reading === 'still-answered' ? { severity: 'warning' as const } : {}),
  }];
}

type Reading = 'before-cut-off' | 'still-answered' | 'refused';

const READING_WORDS: Readonly<Record<Reading, string>> = {
  'before-cut-off': `These requests date from before ${EXO_MINIMUM_SINCE_WORDS}, when Exchange Online still accepted this version; a phone still on it today is refused.`,
  'still-answered': `Exchange still answered these requests normally, so the version is not what stops this phone now; versions below ${MINIMUM_EXO_PROTOCOL} are unsupported since ${EXO_MINIMUM_SINCE_WORDS} and may be refused at any time.`,
  refused: 'Exchange Online refuses this version.',
};

function readingOf(old: readonly LogEntry[]): Reading {
  // A request of unknown time is judged as if it came after the cut-off.
  const since = old.filter((e) => e.requestTime === undefined || e.requestTime >= CUT_OFF);
  if (since.length === 0) return 'before-cut-off';
  const answered = since.filter((e) => !e.pending && e.httpStatus !== undefined);
  const refused = answered.some((e) => e.httpStatus !== 200 || (e.commandStatus?.code ?? 0) >= 100 || e.accessState === 'Blocked');
  return !refused && answered.some(isHealthy) ? 'still-answered' : 'refused';
}
