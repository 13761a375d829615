import type { LatencyProfile } from './scenario/scenario-schema';

/** What kind of call is being slowed down; each has its own range per profile. */
export type CallKind = 'connect' | 'cmdlet' | 'mailbox-log' | 'graph';

/**
 * Milliseconds [min, max] per call kind. "instant" for tests; "demo" (the default) keeps every
 * call at or under 300 ms; "realistic" follows what Exchange Online and Graph take in practice
 * (Connect-ExchangeOnline ≈ 6 s, cmdlets 0.5–2 s, -GetMailboxLog ≈ 3 s, Graph 150–600 ms).
 */
export const LATENCY_PROFILES: Record<LatencyProfile, Record<CallKind, readonly [number, number]>> = {
  instant: { connect: [0, 0], cmdlet: [0, 0], 'mailbox-log': [0, 0], graph: [0, 0] },
  demo: { connect: [200, 300], cmdlet: [40, 160], 'mailbox-log': [150, 300], graph: [30, 120] },
  realistic: { connect: [5500, 6500], cmdlet: [500, 2000], 'mailbox-log': [2700, 3300], graph: [150, 600] },
};

/** A delay for one call, drawn uniformly from the profile's range. */
export function latencyFor(
  profile: LatencyProfile,
  kind: CallKind,
  random: () => number = Math.random,
): number {
  const [min, max] = LATENCY_PROFILES[profile][kind];
  return Math.round(min + (max - min) * random());
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
