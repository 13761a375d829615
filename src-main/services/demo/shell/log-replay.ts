import { logTime } from '../mailbox-log/mailbox-log-writer';

const ENTRY_START = /(?=\r?\n-{5,}\r?\n Log Entry: )/;
const TIME_FIELD = /((?:RequestTime|ResponseTime) : ?\r?\n)(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})/g;
const REQUEST_TIME = /RequestTime : ?\r?\n(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})/;

const parse = (m: RegExpExecArray | RegExpMatchArray, at: number) =>
  Date.UTC(Number(m[at + 2]), Number(m[at]) - 1, Number(m[at + 1]), Number(m[at + 3]), Number(m[at + 4]), Number(m[at + 5]));

/**
 * A phone's log as Exchange would hold it when the phone only talks once logging is on (a
 * training scenario): the scripted conversation is moved so its first request falls at `startMs`
 * (logging turned on plus the phone's delay), and only the requests the scenario clock has
 * reached by `nowMs` are returned. Exchange logs only while logging is on, so nothing comes earlier.
 */
export function replayLogFrom(text: string, startMs: number, nowMs: number): string {
  const entries = text.split(ENTRY_START).filter((chunk) => REQUEST_TIME.test(chunk));
  const first = entries[0]?.match(REQUEST_TIME);
  if (first === undefined || first === null) return '';
  const shift = startMs - parse(first, 1);
  const kept: string[] = [];
  for (const entry of entries) {
    const request = entry.match(REQUEST_TIME)!;
    if (parse(request, 1) + shift > nowMs) break;
    kept.push(entry.replace(TIME_FIELD, (...m: string[]) => `${m[1]}${logTime(new Date(parse(m as unknown as RegExpMatchArray, 2) + shift).toISOString())}`));
  }
  return kept.join('');
}
