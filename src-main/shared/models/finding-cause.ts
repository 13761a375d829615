import type { Finding } from './finding';

/**
 * The listed finding a symptom follows from (its `followsFrom` code, on the same phone or the
 * mailbox), with its place in the list; undefined when it has none or the cause is not listed.
 * Shared by the summary and the CLI so both say the same.
 */
export function listedCause(ranked: readonly Finding[], symptom: Finding): { position: number; finding: Finding } | undefined {
  if (symptom.followsFrom === undefined) return undefined;
  const sameTarget = (f: Finding) => f.deviceId === undefined || symptom.deviceId === undefined || f.deviceId.toLowerCase() === symptom.deviceId.toLowerCase();
  const index = ranked.findIndex((f) => f !== symptom && f.code === symptom.followsFrom && sameTarget(f));
  return index < 0 ? undefined : { position: index + 1, finding: ranked[index]! };
}

/** The words for it, after the symptom's own explanation. */
export function followsFromWords(cause: { position: number; finding: Finding }): string {
  return `This follows from ${cause.position}. ${cause.finding.title}: fixing that fixes this too, so there is nothing separate to do here.`;
}
