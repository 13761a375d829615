import type { z } from 'zod';
import { defaultRuleName, type AccessPolicy, type RuleCharacteristic } from '../../domain/device-access/access-path';
import { countViews, selectRows } from '../../domain/device-access/device-views';
import { explainDevice } from '../../domain/device-access/explain-device';
import { adminCommandFor, applyPolicyChange, whatIfPolicy, type PolicyChange } from '../../domain/device-access/rules-what-if';
import type { DeviceRow, DevicesQuery, DeviceWhy, WhatIfView } from '../../shared/models/devices';
import type { activeSyncDeviceAccessRuleSchema, activeSyncOrganizationSettingsSchema, mobileDeviceStatisticsSchema } from '../../shared/models/exchange';
import type { TenantConnection } from '../flow/connections/tenant-connection';
import { readMobileDevicePage } from './device-page';
import { toDeviceRow } from './device-rows';

/** Objects per page of the tenant-wide listing: big enough to be cheap, small enough to show progress. */
export const LISTING_PAGE_SIZE = 1000;
/**
 * Pages the host may send ahead of our answers: while this process reads and checks one page the
 * host already serializes the next, instead of waiting for our answer each time (lock-step left
 * either side idle half the time). Four pages of 1000 devices are a few MB held at most; a cancel
 * stops the listing within those four pages.
 */
export const LISTING_WINDOW = 4;
const STATISTICS_BATCH = 100;

/**
 * The tenant's mobile devices as the Devices area sees them: listed once page by page
 * (Get-MobileDevice -ResultSize Unlimited), with the rules and the organisation default beside
 * them. Statistics (last sync, pending wipe) are read only for the rows someone looks at.
 * The tenant's clock is injected: for the demo tenant it is the scenario's time.
 */
export class DeviceInventory {
  private rowList: DeviceRow[] = [];
  private readonly byKey = new Map<string, DeviceRow>();
  private policyValue: AccessPolicy = { rules: [], defaultAccessLevel: 'Allow' };
  /**
   * The last few filtered and sorted lists: the table asks for one 200-row page at a time while
   * scrolling, and re-sorting 20 000 rows for each page would be wasted. Any change to the rows
   * (a read-back, statistics) bumps the version and so empties it.
   */
  private version = 0;
  private readonly selections = new Map<string, { version: number; rows: DeviceRow[] }>();

  constructor(
    readonly connection: TenantConnection,
    readonly nowMs: () => number,
  ) {}

  get rows(): readonly DeviceRow[] {
    return this.rowList;
  }

  get policy(): AccessPolicy {
    return this.policyValue;
  }

  /** Lists every partnership; onProgress gets the count after each page. Rejects as cancelled on abort. */
  async load(onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<void> {
    const [settings, rules] = await Promise.all([
      this.connection.exchange.getActiveSyncOrganizationSettings(),
      this.connection.exchange.getActiveSyncDeviceAccessRules(),
    ]);
    this.policyValue = policyFrom(settings, rules);
    const rows: DeviceRow[] = [];
    await this.connection.exchangeConnection.ensureConnected();
    const pagedShell = this.connection.shell;
    await pagedShell.requestPaged('Get-MobileDevice', { ResultSize: 'Unlimited' }, {
      pageSize: LISTING_PAGE_SIZE,
      window: LISTING_WINDOW,
      timeoutMs: 120_000,
      ...(signal ? { signal } : {}),
      onPage: (data, count) => {
        for (const device of readMobileDevicePage(data)) rows.push(toDeviceRow(device));
        onProgress(count);
      },
    });
    const perMailbox = new Map<string, number>();
    for (const row of rows) perMailbox.set(row.mailbox.toLowerCase(), (perMailbox.get(row.mailbox.toLowerCase()) ?? 0) + 1);
    for (const row of rows) row.partnerships = perMailbox.get(row.mailbox.toLowerCase()) ?? 0;
    this.rowList = rows;
    this.changed();
    this.byKey.clear();
    for (const row of rows) this.byKey.set(row.key, row);
  }

  row(key: string): DeviceRow | undefined {
    return this.byKey.get(key);
  }

  query(query: DevicesQuery): { total: number; rows: DeviceRow[] } {
    const selected = this.select(query);
    return { total: selected.length, rows: selected.slice(query.offset, query.offset + query.limit) };
  }

  /** Every row of a query (CSV export, the CLI). */
  all(query: Omit<DevicesQuery, 'offset' | 'limit'>): DeviceRow[] {
    return [...this.select(query)];
  }

  private select(query: Omit<DevicesQuery, 'offset' | 'limit'>): DeviceRow[] {
    const key = JSON.stringify([query.view, query.search ?? '', query.sort ?? '', query.descending ?? false]);
    const cached = this.selections.get(key);
    if (cached !== undefined && cached.version === this.version) return cached.rows;
    const rows = selectRows(this.rowList, query, this.nowMs());
    if (this.selections.size >= 6) this.selections.delete(this.selections.keys().next().value!);
    this.selections.set(key, { version: this.version, rows });
    return rows;
  }

  /** Rows changed in place: cached selections are stale. */
  private changed(): void {
    this.version++;
    this.selections.clear();
  }

  viewCounts(): Record<string, number> {
    return countViews(this.rowList, this.nowMs());
  }

  /**
   * Last sync and remote-wipe status for these rows (Get-MobileDeviceStatistics -Identity, one
   * device at a time: without an identity Exchange would return the whole tenant).
   */
  async loadStatistics(keys: readonly string[], signal?: AbortSignal): Promise<DeviceRow[]> {
    const updated: DeviceRow[] = [];
    for (const key of keys.slice(0, STATISTICS_BATCH)) {
      if (signal?.aborted) break;
      const row = this.byKey.get(key);
      if (row === undefined) continue;
      const [stats] = await this.connection.exchange.getMobileDeviceStatistics({ deviceIdentity: key });
      if (stats === undefined) continue;
      this.applyStatistics(row, stats);
      updated.push(row);
    }
    return updated;
  }

  /** Records what Get-MobileDeviceStatistics said about a row (last sync, pending wipe). */
  applyStatistics(row: DeviceRow, stats: z.infer<typeof mobileDeviceStatisticsSchema>): void {
    row.lastSync = stats.LastSuccessSync ?? null;
    row.wipePending = wipePending(stats);
    this.changed();
  }

  /** Re-reads one partnership after a change (the read-back). */
  async refresh(key: string): Promise<DeviceRow | undefined> {
    const row = this.byKey.get(key);
    if (row === undefined) return undefined;
    const result = await this.connection.exchangeConnection.run('Get-MobileDevice', { Identity: key });
    const [device] = readMobileDevicePage(result.data);
    if (device === undefined) return undefined;
    const fresh = { ...toDeviceRow(device), partnerships: row.partnerships, lastSync: row.lastSync, wipePending: row.wipePending };
    Object.assign(row, fresh);
    this.changed();
    return row;
  }

  async why(key: string): Promise<DeviceWhy> {
    const row = this.byKey.get(key);
    if (row === undefined) throw new Error('That device is no longer in the list.');
    const cas = await this.connection.exchange.getCasMailbox(row.mailbox);
    const lists = { allowedDeviceIds: cas.ActiveSyncAllowedDeviceIDs ?? [], blockedDeviceIds: cas.ActiveSyncBlockedDeviceIDs ?? [] };
    return { row, ...explainDevice(row, lists, this.policyValue, this.nowMs()) };
  }

  whatIf(change: PolicyChange, sampleSize = 50): WhatIfView {
    const proposed = applyPolicyChange(this.policyValue, change);
    const result = whatIfPolicy(this.rowList, proposed);
    const transitions = new Map<string, number>();
    for (const c of result.changes) transitions.set(`${c.from.state}\u0000${c.to.state}`, (transitions.get(`${c.from.state}\u0000${c.to.state}`) ?? 0) + 1);
    return {
      command: adminCommandFor(change),
      changedCount: result.changes.length,
      considered: result.considered,
      untouched: result.untouched,
      transitions: [...transitions].map(([k, count]) => {
        const [from = '', to = ''] = k.split('\u0000');
        return { from, to, count };
      }),
      sample: result.changes.slice(0, sampleSize).map((c) => ({ row: this.byKey.get(c.key)!, to: c.to })),
    };
  }
}

export function wipePending(stats: z.infer<typeof mobileDeviceStatisticsSchema>): boolean {
  const record = stats as Record<string, unknown>;
  return (
    stats.Status === 'DeviceWipePending' ||
    (typeof record.DeviceWipeRequestTime === 'string' && record.DeviceWipeAckTime == null) ||
    (typeof record.AccountOnlyDeviceWipeRequestTime === 'string' && record.AccountOnlyDeviceWipeAckTime == null)
  );
}

function policyFrom(
  settings: z.infer<typeof activeSyncOrganizationSettingsSchema>,
  rules: Array<z.infer<typeof activeSyncDeviceAccessRuleSchema>>,
): AccessPolicy {
  const level = (value: unknown) => (value === 'Block' || value === 'Quarantine' ? value : 'Allow');
  return {
    defaultAccessLevel: level(settings.DefaultAccessLevel),
    rules: rules
      .filter((r) => r.Enabled !== false)
      .map((r) => {
        const characteristic = String(r.Characteristic ?? '') as RuleCharacteristic;
        const queryString = String(r.QueryString ?? '');
        return {
          name: String(r.Name ?? defaultRuleName(queryString, characteristic)),
          queryString,
          characteristic,
          accessLevel: level(r.AccessLevel),
        };
      }),
  };
}
