import type { CaseClockSnapshot } from '../../src-main/shared/models/clock';

/**
 * The case's time now, run on from the snapshot the main process sent: the demo's scenario clock
 * (possibly faster than real time), a real tenant's wall clock, or a saved case's frozen capture
 * time (speed 0), so a countdown never reads the machine's date for a case that lives elsewhere.
 */
export function caseTimeAt(clock: CaseClockSnapshot, receivedAtWallMs: number, wallNowMs: number): number {
  return Date.parse(clock.now) + Math.max(0, wallNowMs - receivedAtWallMs) * clock.speed;
}

/** How long a step has run (or ran), for the "elapsed" line: "8 s", "2 min 05 s", "1 h 03 min". */
export function formatElapsed(
  startedAt: string | undefined,
  finishedAt: string | undefined,
  now: number,
): string {
  if (startedAt === undefined) return '';
  const start = Date.parse(startedAt);
  const end = finishedAt !== undefined ? Date.parse(finishedAt) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  return formatDuration(Math.max(0, end - start));
}

/** A duration in the largest two units that matter to a person watching a step. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours === 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/**
 * What is left of Exchange Online's 48-hour debug-logging window. Exchange switches logging off
 * by itself at `expiresAt`; after that the operator must enable it again to capture more.
 */
export function formatCountdown(
  expiresAt: string | undefined,
  now: number,
): { text: string; expired: boolean } {
  if (expiresAt === undefined)
    return { text: 'Exchange turns it off by itself 48 hours after it was enabled.', expired: false };
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return { text: '', expired: false };
  const left = end - now;
  if (left <= 0)
    return { text: 'The 48-hour window has ended: Exchange has turned debug logging off.', expired: true };
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  return {
    text: `${hours} h ${String(minutes).padStart(2, '0')} min left before Exchange turns it off.`,
    expired: false,
  };
}

/** A timestamp from the case in the operator's local time, without seconds noise. */
export function formatTimestamp(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
