import { catalogEntry, certaintyOf, type FindingDraft } from './catalog';

const SEVERITY = { blocker: 0, warning: 1, info: 2 } as const;
const CONFIDENCE = { high: 0, medium: 1, low: 2 } as const;
const CERTAINTY = { confirmed: 0, inferred: 1, unconfirmed: 2 } as const;

/**
 * One finding per code and device: when the log and a cmdlet both show, say, a blocked device,
 * their evidence is combined, the details joined, and the most severe / most confident reading kept.
 */
export function mergeDrafts(drafts: readonly FindingDraft[]): FindingDraft[] {
  const byKey = new Map<string, FindingDraft>();
  for (const draft of drafts) {
    const key = `${draft.code}|${draft.deviceId?.toLowerCase() ?? ''}`;
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { ...draft, evidence: [...draft.evidence] });
      continue;
    }
    const severity = [seen.severity ?? catalogEntry(seen.code).severity, draft.severity ?? catalogEntry(draft.code).severity].sort((a, b) => SEVERITY[a] - SEVERITY[b])[0];
    seen.severity = severity === catalogEntry(seen.code).severity ? undefined : severity;
    // The strongest reading wins: Exchange's state confirms what the log only suggested.
    const certainty = CERTAINTY[certaintyOf(draft)] < CERTAINTY[certaintyOf(seen)] ? certaintyOf(draft) : certaintyOf(seen);
    seen.confidence = CONFIDENCE[draft.confidence] < CONFIDENCE[seen.confidence] ? draft.confidence : seen.confidence;
    seen.certainty = certainty;
    // It is history only if every source says it ended: Exchange showing it now outweighs an old log.
    if (seen.history !== true || draft.history !== true) delete seen.history;
    // Likewise "a phone not in use": any source that sees the phone active outweighs it.
    if (seen.notInUse !== true || draft.notInUse !== true) delete seen.notInUse;
    if (draft.explains !== undefined) seen.explains = [...new Set([...(seen.explains ?? []), ...draft.explains])];
    if (draft.explainedBy !== undefined) seen.explainedBy = [...new Set([...(seen.explainedBy ?? []), ...draft.explainedBy])];
    if (!seen.detail.includes(draft.detail)) seen.detail = `${seen.detail} ${draft.detail}`;
    seen.evidence.push(...draft.evidence);
  }
  return [...byKey.values()];
}
