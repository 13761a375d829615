import type { Finding } from '../../../shared/models/finding';

/** What changed between the findings saved in a case and a fresh analysis of its evidence. */
export interface FindingsDiff {
  /** Found now, not before (e.g. a rule added in a newer engine). */
  added: Finding[];
  /** Found before, not now (e.g. a rule fixed for a false positive). */
  removed: Finding[];
  /** Same finding (code and device), different severity, confidence or rank. */
  changed: { before: Finding; after: Finding; fields: ('severity' | 'confidence' | 'rank')[] }[];
  unchanged: Finding[];
}

/** A finding is the same finding when its code and device match; wording may change between versions. */
const keyOf = (finding: Finding) => `${finding.code}\u0000${finding.deviceId ?? ''}`;

/** Compares two sets of findings. Pure. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const previous = new Map(before.map((f) => [keyOf(f), f]));
  const current = new Map(after.map((f) => [keyOf(f), f]));
  const diff: FindingsDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const [key, now] of current) {
    const then = previous.get(key);
    if (then === undefined) {
      diff.added.push(now);
      continue;
    }
    const fields = (['severity', 'confidence', 'rank'] as const).filter(
      (field) => then[field] !== now[field],
    );
    if (fields.length > 0) diff.changed.push({ before: then, after: now, fields: [...fields] });
    else diff.unchanged.push(now);
  }
  for (const [key, then] of previous) if (!current.has(key)) diff.removed.push(then);
  return diff;
}
