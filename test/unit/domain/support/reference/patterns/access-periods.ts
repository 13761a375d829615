/**
 * The detector's walk as it was before it was rewritten for speed (issue 14), kept only as the
 * reference the rewritten one is held to in property tests. What it builds per request or pattern
 * is production's: the walk is what was rewritten.
 */
import type { LogEntry } from '../../../../../../src-main/domain/mailbox-log/entry-model';
import type { DeviceTimeline } from '../../../../../../src-main/domain/patterns/device-timeline';
import { accessPattern, classify } from '../../../../../../src-main/domain/patterns/access-periods';
import type { DevicePattern, PatternKind } from '../../../../../../src-main/domain/patterns/pattern';

/**
 * Finds the periods in which Exchange blocked or quarantined the device, from the AccessState
 * sections, status 129 and the X-MS-ASThrottle header, and classifies each period: administrator
 * block, quarantine, Intune compliance/enrollment, or auto-block (throttling).
 */
export function detectAccessPeriods(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  // A period is over only when a later request went through as Allowed; a different block reason
  // taking over (auto-block is checked before device rules) does not lift the earlier one.
  // Each entry is classified once (a long log has hundreds of thousands).
  const classified = timeline.entries.map((e) => classify(e));
  let lastAllowed = -1;
  timeline.entries.forEach((e, i) => {
    if (e.accessState === 'Allowed' && classified[i] === undefined) lastAllowed = i;
  });
  const runs: Run[] = [];
  let run: Run | undefined;
  for (let i = 0; i < timeline.entries.length; i++) {
    const entry = timeline.entries[i] as LogEntry;
    const found = classified[i];
    if (found === undefined) {
      if (entry.accessState === 'Allowed') run = undefined;
      continue;
    }
    if (run !== undefined && run.kind === found.kind && run.label === found.label) run.entries.push(entry);
    else {
      run = { ...found, entries: [entry] };
      runs.push(run);
    }
  }
  // One pattern per kind: a phone auto-blocked a hundred times is one problem, not a hundred.
  const kinds = [...new Set(runs.map((r) => r.kind))];
  for (const kind of kinds) {
    const ofKind = runs.filter((r) => r.kind === kind);
    const lastRun = ofKind[ofKind.length - 1] as Run;
    const end = lastRun.entries[lastRun.entries.length - 1] as LogEntry;
    patterns.push(accessPattern(timeline, kind, ofKind, timeline.entries.indexOf(end) > lastAllowed));
  }
  return patterns;
}

interface Run {
  kind: PatternKind;
  label: string;
  entries: LogEntry[];
}
