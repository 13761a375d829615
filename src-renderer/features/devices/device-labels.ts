import type { DeviceRow, DeviceView } from '../../../src-main/shared/models/devices';

/** The saved views, in the order the picker shows them, with words a tier-1 operator uses. */
export const VIEW_LABELS: Array<[DeviceView, string]> = [
  ['quarantined', 'Quarantined now'],
  ['new-24h', 'New in 24 hours'],
  ['new-7d', 'New in 7 days'],
  ['blocked', 'Blocked'],
  ['old-protocol', 'Below EAS 16.1'],
  ['stale-30', 'No sync for 30 days'],
  ['stale-90', 'No sync for 90 days'],
  ['heavy-users', 'Users at 90+ phones'],
  ['all', 'All phones'],
];

export function appLabel(row: Pick<DeviceRow, 'app'>): string {
  return row.app === 'outlook' ? 'Outlook mobile' : 'Native mail';
}

// One formatter for every call: toLocaleDateString builds a new one each time, which made the
// date cells the dearest part of drawing a row.
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

// The label only names the local day, and a tenant's dates fall on a few thousand days at most:
// formatting is dear even with one formatter (it was most of a row's drawing time while scrolling),
// reading a date's local day is not, so each day is formatted once.
const DAY_LABELS = new Map<number, string>();
const MAX_DAY_LABELS = 20_000;

export function dateLabel(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.getFullYear() * 10_000 + d.getMonth() * 100 + d.getDate();
  let label = DAY_LABELS.get(day);
  if (label === undefined) {
    if (DAY_LABELS.size >= MAX_DAY_LABELS) DAY_LABELS.clear();
    label = DATE_FORMAT.format(d);
    DAY_LABELS.set(day, label);
  }
  return label;
}

/** "DeviceRule: iPhone (DeviceType)" or just the reason. */
export function reasonLabel(row: Pick<DeviceRow, 'reason' | 'rule'>): string {
  return row.rule ? `${row.reason}: ${row.rule}` : row.reason;
}
