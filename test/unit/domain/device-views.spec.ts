import { describe, expect, it } from 'vitest';
import { belowEas161, countViews, selectRows, toCsv } from '../../../src-main/domain/device-access/device-views';
import type { DeviceRow } from '../../../src-main/shared/models/devices';

const NOW = Date.parse('2026-11-26T09:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
let n = 0;
function row(patch: Partial<DeviceRow>): DeviceRow {
  n++;
  return {
    key: `u${n}\\ExchangeActiveSyncDevices\\iPhone§D${n}`,
    deviceId: `D${n}`,
    mailbox: `u${n}`,
    userDisplayName: `User ${n}`,
    friendlyName: '',
    deviceType: 'iPhone',
    deviceModel: 'iPhone15C2',
    deviceOS: 'iOS 18',
    userAgent: 'Apple-iPhone15C2/2206.86',
    app: 'native',
    protocolVersion: '16.1',
    state: 'Allowed',
    reason: 'DeviceRule',
    rule: 'iPhone (DeviceType)',
    firstSeen: iso(NOW - 100 * DAY),
    lastActivity: iso(NOW - DAY),
    partnerships: 1,
    ...patch,
  };
}

describe('device views', () => {
  const queueOld = row({ state: 'Quarantined', reason: 'Global', rule: null, firstSeen: iso(NOW - 20 * DAY) });
  const queueNew = row({ state: 'Quarantined', reason: 'Global', rule: null, firstSeen: iso(NOW - 2 * 3_600_000) });
  const blocked = row({ state: 'Blocked', reason: 'Individual', rule: null, firstSeen: iso(NOW - 3 * DAY) });
  const old = row({ protocolVersion: '14.1', lastActivity: iso(NOW - 40 * DAY) });
  const outlook = row({ app: 'outlook', protocolVersion: '1.0', lastSync: iso(NOW - 200 * DAY), lastActivity: iso(NOW - DAY) });
  const heavy = row({ partnerships: 95 });
  const rows = [heavy, outlook, old, blocked, queueNew, queueOld];

  it('puts the quarantine queue oldest first and new phones newest first', () => {
    expect(selectRows(rows, { view: 'quarantined' }, NOW)).toEqual([queueOld, queueNew]);
    expect(selectRows(rows, { view: 'new-24h' }, NOW)).toEqual([queueNew]);
    expect(selectRows(rows, { view: 'new-7d' }, NOW)).toEqual([queueNew, blocked]);
  });

  it('finds old EAS clients but never Outlook mobile, which is not an EAS client (F2, F21)', () => {
    expect(belowEas161({ app: 'native', protocolVersion: '16.0' })).toBe(true);
    expect(belowEas161({ app: 'native', protocolVersion: '16.1' })).toBe(false);
    expect(selectRows(rows, { view: 'old-protocol' }, NOW)).toEqual([old]);
  });

  it('judges staleness by the last sync when read, else by the partnership’s last change', () => {
    expect(selectRows(rows, { view: 'stale-30' }, NOW)).toEqual([outlook, old]);
    expect(selectRows(rows, { view: 'stale-90' }, NOW)).toEqual([outlook]);
    expect(selectRows(rows, { view: 'heavy-users' }, NOW)).toEqual([heavy]);
    expect(countViews(rows, NOW)).toMatchObject({ all: 6, quarantined: 2, blocked: 1, 'stale-30': 2, 'heavy-users': 1 });
  });

  it('searches and sorts both ways', () => {
    expect(selectRows(rows, { view: 'all', search: old.deviceId.toLowerCase() }, NOW).map((r) => r.deviceId)).toEqual([old.deviceId]);
    const byProtocol = selectRows(rows, { view: 'all', sort: 'protocol', descending: true }, NOW);
    expect(byProtocol.at(-1)).toBe(outlook);
    expect(byProtocol.map((r) => r.protocolVersion).slice(-2)).toEqual(['14.1', '1.0']);
  });

  it('writes CSV with quoting, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv([row({ userDisplayName: '=HYPERLINK("x")', deviceModel: 'Model, "quoted"' })]);
    const [header, line] = csv.trimEnd().split('\r\n');
    expect(header!.startsWith('User,Mailbox,DeviceId')).toBe(true);
    expect(line!.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(line).toContain('"Model, ""quoted"""');
  });
});
