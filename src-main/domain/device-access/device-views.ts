import type { DeviceRow, DeviceSort, DeviceView } from '../../shared/models/devices';

/**
 * The Devices area's saved views and sorting over device rows, pure: the tenant's "now" is passed
 * in (for the demo it is the scenario's clock, not the wall clock).
 */

const DAY = 86_400_000;
/** Users at or above this many partnerships are near Exchange Online's limit of 100 (facts F35). */
export const HEAVY_USER_PARTNERSHIPS = 90;

/** The lowest EAS version Exchange Online accepts since 1 March 2026 (facts F2). */
export function belowEas161(row: Pick<DeviceRow, 'app' | 'protocolVersion'>): boolean {
  if (row.app !== 'native') return false;
  const [major = 0, minor = 0] = row.protocolVersion.split('.').map(Number);
  return major < 16 || (major === 16 && minor < 1);
}

/** The newest sign of life we know: last successful sync if read, else the partnership's last change. */
export function lastSeenMs(row: Pick<DeviceRow, 'lastSync' | 'lastActivity'>): number {
  const text = row.lastSync ?? row.lastActivity;
  return text ? Date.parse(text) : Number.NEGATIVE_INFINITY;
}

export function inView(row: DeviceRow, view: DeviceView, nowMs: number): boolean {
  const firstSeen = row.firstSeen ? Date.parse(row.firstSeen) : Number.NEGATIVE_INFINITY;
  switch (view) {
    case 'all':
      return true;
    case 'quarantined':
      return row.state === 'Quarantined';
    case 'new-24h':
      return firstSeen >= nowMs - DAY;
    case 'new-7d':
      return firstSeen >= nowMs - 7 * DAY;
    case 'blocked':
      return row.state === 'Blocked';
    case 'old-protocol':
      return belowEas161(row);
    case 'stale-30':
      return lastSeenMs(row) < nowMs - 30 * DAY;
    case 'stale-90':
      return lastSeenMs(row) < nowMs - 90 * DAY;
    case 'heavy-users':
      return row.partnerships >= HEAVY_USER_PARTNERSHIPS;
  }
}

/** Each view's natural order: the queue oldest first (who waited longest), new devices newest first. */
export function defaultSort(view: DeviceView): { sort: DeviceSort; descending: boolean } {
  switch (view) {
    case 'quarantined':
      return { sort: 'firstSeen', descending: false };
    case 'new-24h':
    case 'new-7d':
      return { sort: 'firstSeen', descending: true };
    case 'stale-30':
    case 'stale-90':
      return { sort: 'lastActivity', descending: false };
    default:
      return { sort: 'user', descending: false };
  }
}

/** A sortable key per row, computed once per query rather than once per comparison. */
export function sortKey(sort: DeviceSort): (row: DeviceRow) => string | number {
  switch (sort) {
    case 'user':
      return (r) => `${r.userDisplayName.toLowerCase()}\u0000${r.deviceId}`;
    case 'device':
      return (r) => `${r.deviceModel.toLowerCase()}\u0000${r.deviceId}`;
    case 'state':
      return (r) => `${r.state}\u0000${r.reason}`;
    case 'protocol':
      return (r) => versionKey(r.protocolVersion);
    case 'firstSeen':
      return (r) => r.firstSeen ?? '';
    case 'lastActivity':
      return (r) => lastSeenMs(r);
  }
}

function versionKey(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor;
}

/** Rows in a view, searched and sorted. Search matches user, mailbox, device id, model, OS and app. */
export function selectRows(
  rows: readonly DeviceRow[],
  query: { view: DeviceView; search?: string | undefined; sort?: DeviceSort | undefined; descending?: boolean },
  nowMs: number,
): DeviceRow[] {
  const needle = query.search?.trim().toLowerCase() ?? '';
  const selected = rows.filter((row) => inView(row, query.view, nowMs) && (needle === '' || haystack(row).includes(needle)));
  const order = query.sort ? { sort: query.sort, descending: query.descending ?? false } : defaultSort(query.view);
  const keyOf = sortKey(order.sort);
  const keyed = selected.map((row) => ({ row, key: keyOf(row) }));
  const direction = order.descending ? -1 : 1;
  keyed.sort((a, b) => (a.key < b.key ? -direction : a.key > b.key ? direction : 0));
  return keyed.map((k) => k.row);
}

/**
 * The searchable text of a row, lower-cased once and remembered: search runs over 20 000 rows on
 * every keystroke. Keyed by the row object; the fields it reads never change for a partnership.
 */
const haystacks = new WeakMap<DeviceRow, string>();
function haystack(row: DeviceRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = [row.userDisplayName, row.mailbox, row.deviceId, row.deviceModel, row.deviceOS, row.userAgent].join('\u0000').toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/** How many rows each view holds. */
export function countViews(rows: readonly DeviceRow[], nowMs: number): Record<DeviceView, number> {
  const views: DeviceView[] = ['all', 'quarantined', 'new-24h', 'new-7d', 'blocked', 'old-protocol', 'stale-30', 'stale-90', 'heavy-users'];
  const counts = Object.fromEntries(views.map((v) => [v, 0])) as Record<DeviceView, number>;
  for (const row of rows) for (const view of views) if (inView(row, view, nowMs)) counts[view]++;
  return counts;
}

const CSV_COLUMNS: Array<[string, (r: DeviceRow) => string | number | boolean | null | undefined]> = [
  ['User', (r) => r.userDisplayName],
  ['Mailbox', (r) => r.mailbox],
  ['DeviceId', (r) => r.deviceId],
  ['DeviceType', (r) => r.deviceType],
  ['DeviceModel', (r) => r.deviceModel],
  ['DeviceOS', (r) => r.deviceOS],
  ['App', (r) => (r.app === 'outlook' ? 'Outlook mobile' : 'Native mail (EAS)')],
  ['ProtocolVersion', (r) => r.protocolVersion],
  ['AccessState', (r) => r.state],
  ['AccessStateReason', (r) => r.reason],
  ['AccessControlRule', (r) => r.rule],
  ['FirstSeen', (r) => r.firstSeen],
  ['LastActivity', (r) => r.lastActivity],
  ['LastSuccessSync', (r) => r.lastSync],
  ['Partnerships', (r) => r.partnerships],
];

/** The rows as CSV (RFC 4180; cells that a spreadsheet would run as a formula are prefixed with '). */
export function toCsv(rows: readonly DeviceRow[]): string {
  const cell = (value: string | number | boolean | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map(([, pick]) => cell(pick(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
