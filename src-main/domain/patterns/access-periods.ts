import { AUTO_BLOCK_REASONS } from '../eas/access-state';
import type { LogEntry } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from './device-timeline';
import { citeEntries, type DevicePattern, type PatternKind, when } from './pattern';

/**
 * Finds the periods in which Exchange blocked or quarantined the device, from the AccessState
 * sections, status 129 and the X-MS-ASThrottle header, and classifies each period: administrator
 * block, quarantine, Intune compliance/enrollment, or auto-block (throttling).
 */
export function detectAccessPeriods(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  // A period is over only when a later request went through as Allowed; a different block reason
  // taking over (auto-block is checked before device rules) does not lift the earlier one.
  // Each entry is classified once, in one pass (a long log has hundreds of thousands).
  let lastAllowed = -1;
  const runs: Run[] = [];
  let run: Run | undefined;
  for (let i = 0; i < timeline.entries.length; i++) {
    const entry = timeline.entries[i] as LogEntry;
    const found = classify(entry);
    if (found === undefined) {
      if (entry.accessState === 'Allowed') {
        lastAllowed = i;
        run = undefined;
      }
      continue;
    }
    if (run !== undefined && run.kind === found.kind && run.label === found.label) {
      run.entries.push(entry);
      run.lastIndex = i;
    } else {
      run = { ...found, entries: [entry], lastIndex: i };
      runs.push(run);
    }
  }
  // One pattern per kind: a phone auto-blocked a hundred times is one problem, not a hundred.
  const kinds = [...new Set(runs.map((r) => r.kind))];
  for (const kind of kinds) {
    const ofKind = runs.filter((r) => r.kind === kind);
    patterns.push(accessPattern(timeline, kind, ofKind, (ofKind[ofKind.length - 1] as Run).lastIndex > lastAllowed));
  }
  return patterns;
}

/** One kind's pattern over its periods (in order); `ongoing` when the last period was never lifted. */
export function accessPattern(timeline: DeviceTimeline, kind: PatternKind, periods: ReadonlyArray<{ label: string; entries: readonly LogEntry[] }>, ongoing: boolean): DevicePattern {
  const all = periods.flatMap((r) => r.entries);
  const first = all[0] as LogEntry;
  const end = all[all.length - 1] as LogEntry;
  const labels = [...new Set(periods.map((r) => r.label))];
  const separate = periods.length === 1 ? '' : ` over ${periods.length} separate periods`;
  const state = ongoing ? `still so at the last request (${when(end.requestTime)})` : `last at ${when(end.requestTime)}; later requests were allowed`;
  return {
    kind,
    deviceKey: timeline.key,
    deviceId: timeline.deviceId,
    summary: `${labels.slice(0, 3).join('; ')} in ${all.length} request(s)${separate}, from ${when(first.requestTime)}, ${state}.`,
    entries: citeEntries(all),
    from: first.requestTime,
    to: end.requestTime,
    ongoing,
  };
}

interface Run {
  kind: PatternKind;
  label: string;
  entries: LogEntry[];
  /** Where the run's last entry sits in the timeline. */
  lastIndex: number;
}

/** What one request's answer says about the phone's access (exported for the reference walk in tests). */
export function classify(entry: LogEntry): { kind: PatternKind; label: string } | undefined {
  const throttle = entry.easHeaders.throttleReason;
  // X-MS-ASThrottle carries any DeviceAccessStateReason: only the throttling ones mean "auto-blocked";
  // Individual, DeviceRule, Global and Policy are an administrator's or the policy's decision (facts F28).
  const autoThrottle = throttle !== undefined && AUTO_BLOCK_REASONS.has(throttle);
  const reason = entry.accessStateReason ?? (autoThrottle ? undefined : throttle);
  if (autoThrottle || (reason !== undefined && AUTO_BLOCK_REASONS.has(reason) && entry.accessState === 'Blocked')) {
    const why = autoThrottle ? throttle : (reason ?? 'unknown');
    const wait = entry.easHeaders.retryAfterSeconds;
    return { kind: 'auto-blocked', label: `Auto-blocked by Exchange (reason ${why}${wait === undefined ? '' : `, wait ${wait} s`})` };
  }
  if (entry.accessState === 'Quarantined') {
    if (reason === 'ExternalCompliance') return { kind: 'not-compliant', label: 'Quarantined: device not compliant in Intune (ExternalCompliance)' };
    if (reason === 'ExternalEnrollment') return { kind: 'not-enrolled', label: 'Quarantined: device not enrolled in Intune (ExternalEnrollment)' };
    return { kind: 'quarantined', label: `Quarantined (reason ${reason ?? 'unknown'}${rule(entry)})` };
  }
  if (entry.accessState === 'Blocked' || entry.commandStatus?.code === 129 || (throttle !== undefined && entry.accessState === undefined)) {
    if (reason === 'Policy') return { kind: 'not-provisionable', label: `Blocked because the phone cannot meet the mobile device mailbox policy (reason Policy, not an administrator's block)` };
    return { kind: 'blocked', label: `Blocked (reason ${reason ?? 'status 129'}${rule(entry)})` };
  }
  return undefined;
}

function rule(entry: LogEntry): string {
  return entry.deviceAccessControlRule === undefined ? '' : `, rule "${entry.deviceAccessControlRule}"`;
}
