/**
 * EAS protocol versions. Exchange Online refuses versions below 16.1 since 2026-03-01
 * (facts.md F2; the source is secondary reporting of MC1197103).
 */
export const MINIMUM_EXO_PROTOCOL = '16.1';
export const EXO_MINIMUM_SINCE = '2026-03-01';
/** The same date in the words the findings use. */
export const EXO_MINIMUM_SINCE_WORDS = '1 March 2026';

/** Parses "14.1" / "16.1" / "141" (base64 query form) into [major, minor]; undefined if unreadable. */
export function parseProtocolVersion(text: string | undefined | null): [number, number] | undefined {
  if (text === undefined || text === null) return undefined;
  const trimmed = String(text).trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})(?:\.\d+)*$/.exec(trimmed);
  if (dotted) return [Number(dotted[1]), Number(dotted[2])];
  const compact = /^(\d{2,3})$/.exec(trimmed);
  if (compact) {
    const value = Number(compact[1]);
    return [Math.floor(value / 10), value % 10];
  }
  return undefined;
}

/** True when the version is readable and older than 16.1. Unreadable versions are not judged. */
export function isBelowExoMinimum(text: string | undefined | null): boolean {
  const parsed = parseProtocolVersion(text);
  if (parsed === undefined) return false;
  const [major, minor] = parsed;
  return major < 16 || (major === 16 && minor < 1);
}

/** Formats a version as "M.m" whatever form it came in. */
export function formatProtocolVersion(text: string | undefined | null): string | undefined {
  const parsed = parseProtocolVersion(text);
  return parsed === undefined ? undefined : `${parsed[0]}.${parsed[1]}`;
}
