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

export function dateLabel(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_FORMAT.format(d);
}

/** "DeviceRule: iPhone (DeviceType)" or just the reason. */
export function reasonLabel(row: Pick<DeviceRow, 'reason' | 'rule'>): string {
  return row.rule ? `${row.reason}: ${row.rule}` : row.reason;
}
