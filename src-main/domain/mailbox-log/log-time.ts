/**
 * Reads RequestTime/ResponseTime. Exchange writes server-local time as `MM/dd/yyyy HH:mm:ss`
 * (InvariantCulture). We take the reading that Exchange Online servers run in UTC, which the
 * reference marks unverified: if they did not, all times would shift by one offset, which does not
 * change any pattern (they depend on order and spacing), only the clock times shown.
 * Also accepted: the mailbox-item subject form `yyyy/MM/dd HH:mm:ss.ffff` and ISO 8601.
 */
export function parseLogTime(text: string): number | undefined {
  const value = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?: ?([AP]M))?$/i.exec(value);
  if (m) {
    let hour = Number(m[4]);
    const half = m[8]?.toUpperCase();
    if (half === 'PM' && hour < 12) hour += 12;
    if (half === 'AM' && hour === 12) hour = 0;
    return utc(Number(m[3]), Number(m[1]), Number(m[2]), hour, Number(m[5]), Number(m[6]), m[7]);
  }
  m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z?$/.exec(value);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]);
  return undefined;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction?: string): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return Number.isFinite(time) ? time : undefined;
}

/** ISO text for a parsed time (UTC). */
export function formatLogTime(time: number | undefined): string | undefined {
  return time === undefined ? undefined : new Date(time).toISOString();
}
