/**
 * The detector's walk as it was before it was rewritten for speed (issue 14), kept only as the
 * reference the rewritten one is held to in property tests. The rules themselves did not change,
 * so both walk the production RULES.
 */
import type { LogEntry } from '../../../../../../src-main/domain/mailbox-log/entry-model';
import type { DeviceTimeline } from '../../../../../../src-main/domain/patterns/device-timeline';
import type { DevicePattern } from '../../../../../../src-main/domain/patterns/pattern';
import { RULES, rulePattern } from '../../../../../../src-main/domain/patterns/request-failures';

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
    e.collectionStatuses.some((s) => s.code !== 1)
  );
}

/** Request-level failures: disabled protocol, back-off, server errors, quota, folders, redirects, send and item errors. */
export function detectRequestFailures(timeline: DeviceTimeline): DevicePattern[] {
  const patterns: DevicePattern[] = [];
  // "Still failing" is judged on the last answered request: a pending Ping after it has no answer yet (facts F29).
  const answered = timeline.entries.filter((e) => !e.pending);
  const last = answered[answered.length - 1] ?? timeline.entries[timeline.entries.length - 1];
  // Most requests of a long log went through; only the others can match a rule. They are picked
  // in one pass, so the rules below walk a short list (same entries, same order).
  const candidates = timeline.entries.filter(mayMatchARule);
  for (const rule of RULES) {
    const hits = candidates.filter((e) => rule.matches(e));
    if (hits.length > 0) patterns.push(rulePattern(timeline, rule, hits, last));
  }
  return patterns;
}
