/**
 * Reads RequestTime/ResponseTime. Exchange writes server-local time as `MM/dd/yyyy HH:mm:ss`
 * (InvariantCulture). We take the reading that Exchange Online servers run in UTC, which the
 * reference marks unverified: if they did not, all times would shift by one offset, which does not
 * change any pattern (they depend on order and spacing), only the clock times shown.
 * Also accepted: the mailbox-item subject form `yyyy/MM/dd HH:mm:ss.ffff` and ISO 8601.
 */
export function parseLogTime(text: string): number | undefined {
  const value = text.trim();
  const fast = parseExchangeTime(value);
  if (fast !== undefined) return fast;
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

/**
 * The form Exchange writes in every entry, `MM/dd/yyyy HH:mm:ss` (19 characters), read by position:
 * two of these per entry make the regular expressions below a hot spot on a 200 MB log.
 */
function parseExchangeTime(v: string): number | undefined {
  if (v.length !== 19 || v.charCodeAt(2) !== 47 || v.charCodeAt(5) !== 47 || v.charCodeAt(10) !== 32 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  // Digits read in place (no closure, no array per call); NaN when any is not a digit.
  const year = digits(v, 6, 4);
  const month = digits(v, 0, 2);
  const day = digits(v, 3, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day) || Number.isNaN(hour) || Number.isNaN(minute) || Number.isNaN(second)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Entries of one log share a handful of days: the day's start is computed once per day, the
  // time of day added to it (UTC has no shifts within a day, so this is what Date.UTC gives).
  const dayKey = (year * 100 + month) * 100 + day;
  if (dayKey !== lastDayKey) {
    lastDayKey = dayKey;
    lastDayStart = Date.UTC(year, month - 1, day);
  }
  return lastDayStart + ((hour * 60 + minute) * 60 + second) * 1000;
}

let lastDayKey = -1;
let lastDayStart = 0;

function digits(v: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
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
