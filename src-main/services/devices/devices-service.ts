import { ASK_FOR_ROLE, canDecideDevices, judgeExchangeCapabilities } from '../../domain/permissions/exchange-capabilities';
import { readAssignedRoles, readEntraRoleTemplateIds, readRoleEntries, roleNames } from '../permissions/operator-rights';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toCsv } from '../../domain/device-access/device-views';
import type { PolicyChange } from '../../domain/device-access/rules-what-if';
import { AppError } from '../../shared/ipc/result';
import type { LiveConnection } from '../../shared/models/case';
import type {
  DecisionOutcome,
  DecisionPreview,
  DeviceDecision,
  DeviceRow,
  DevicesAuditEntry,
  DevicesQuery,
  DeviceWhy,
  InventoryStatus,
  WhatIfView,
} from '../../shared/models/devices';
import type { TenantConnection } from '../flow/connections/tenant-connection';
import { HostRequestError } from '../powershell/errors';
import { previewDecision, runDecision, type Operator } from './device-decisions';
import { DeviceInventory } from './device-inventory';
import type { DevicesAudit } from './devices-audit';
import { wallClockNow } from '../clock/wall-clock';

/** Audit entries and file names are stamped with the machine's time. */
const wallIso = (): string => wallClockNow().toISOString();

/** The Exchange role that may change a mailbox's device lists (as in the wizard's connect step). */

export interface DevicesServiceOptions {
  openConnection: (connection: LiveConnection) => Promise<TenantConnection>;
  audit: DevicesAudit;
  exportsDir: string;
  onStatus: (status: InventoryStatus) => void;
}

/**
 * The Devices area behind the IPC contract: one tenant listing at a time, over its own
 * connection (demo or real tenant, the same as a case's), loaded in the background with progress
 * events and a cancel.
 */
export class DevicesService {
  private inventory: DeviceInventory | null = null;
  private operator: Operator = { who: 'unknown', canAct: false, whyNot: 'Load the devices first.' };
  private loading: AbortController | null = null;
  private statusValue: InventoryStatus = { state: 'idle', loaded: 0, connectionLabel: null, asOf: null };
  private caseConnection: LiveConnection | null = null;

  constructor(private readonly options: DevicesServiceOptions) {}

  status(): InventoryStatus {
    return this.statusValue;
  }

  /** Starts listing the tenant's devices and answers at once; progress arrives as status events. */
  async load(connection: LiveConnection): Promise<InventoryStatus> {
    await this.close();
    const opened = await this.options.openConnection(connection);
    // "New in the last 24 hours" is judged on the tenant's clock (the demo's scenario time).
    const inventory = new DeviceInventory(opened, () => opened.clock.nowMs());
    this.inventory = inventory;
    this.caseConnection = connection;
    const controller = new AbortController();
    this.loading = controller;
    this.setStatus({ state: 'loading', loaded: 0, connectionLabel: opened.label, asOf: null });
    void this.runLoad(inventory, controller);
    return this.statusValue;
  }

  /** Resolves when the current load has finished (tests, the CLI). */
  async settled(): Promise<InventoryStatus> {
    while (this.statusValue.state === 'loading') await new Promise((resolve) => setTimeout(resolve, 20));
    return this.statusValue;
  }

  cancel(): InventoryStatus {
    this.loading?.abort();
    return this.statusValue;
  }

  query(query: DevicesQuery): { total: number; rows: DeviceRow[] } {
    return this.ready().query(query);
  }

  rows(query: Omit<DevicesQuery, 'offset' | 'limit'>): DeviceRow[] {
    return this.ready().all(query);
  }

  async statistics(keys: readonly string[]): Promise<DeviceRow[]> {
    return this.ready().loadStatistics(keys);
  }

  async why(key: string): Promise<DeviceWhy> {
    const inventory = this.ready();
    if (inventory.row(key) === undefined) throw new AppError('NOT_FOUND', 'That phone is not in the list any more.');
    return inventory.why(key);
  }

  whatIf(change: PolicyChange): WhatIfView {
    return this.ready().whatIf(change);
  }

  async previewDecision(keys: readonly string[], decision: DeviceDecision): Promise<DecisionPreview> {
    return previewDecision(this.ready(), keys, decision, this.operator);
  }

  async decide(keys: readonly string[], decision: DeviceDecision): Promise<DecisionOutcome> {
    const inventory = this.ready();
    if (!this.operator.canAct) throw new AppError('PERMISSION_DENIED', this.operator.whyNot ?? 'You cannot change device lists.');
    const outcome = await runDecision(inventory, keys, decision, this.operator, wallIso);
    await this.options.audit.append(outcome.audit);
    this.setStatus({ ...this.statusValue, viewCounts: inventory.viewCounts() });
    return outcome;
  }

  auditEntries(): Promise<DevicesAuditEntry[]> {
    return this.options.audit.list();
  }

  async exportCsv(query: Omit<DevicesQuery, 'offset' | 'limit'>): Promise<{ filePath: string; size: number; rows: number }> {
    const rows = this.ready().all(query);
    const text = toCsv(rows);
    await mkdir(this.options.exportsDir, { recursive: true });
    const stamp = wallIso().replace(/[:.]/g, '-');
    const filePath = path.join(this.options.exportsDir, `devices-${query.view}-${stamp}.csv`);
    await writeFile(filePath, text, 'utf8');
    return { filePath, size: Buffer.byteLength(text), rows: rows.length };
  }

  /** What a wizard case for this phone starts with: the user's address and the device id. */
  async caseSubjectFor(key: string): Promise<{ userUpn: string; deviceId: string; connection: LiveConnection }> {
    const inventory = this.ready();
    const row = inventory.row(key);
    if (row === undefined || this.caseConnection === null) throw new AppError('NOT_FOUND', 'That phone is not in the list any more.');
    const cas = await inventory.connection.exchange.getCasMailbox(row.mailbox);
    return { userUpn: cas.PrimarySmtpAddress ?? row.mailbox, deviceId: row.deviceId, connection: this.caseConnection };
  }

  async close(): Promise<void> {
    this.loading?.abort();
    this.loading = null;
    const previous = this.inventory;
    this.inventory = null;
    this.caseConnection = null;
    if (previous !== null) await previous.connection.close();
  }

  private async runLoad(inventory: DeviceInventory, controller: AbortController): Promise<void> {
    const label = inventory.connection.label;
    try {
      const account = await inventory.connection.auth.signIn({ method: 'interactive', signal: controller.signal });
      this.operator = await this.operatorFor(inventory, account.username);
      let lastEmit = 0;
      await inventory.load((loaded) => {
        // At most one progress event per 1 000 devices keeps the renderer calm on big tenants.
        if (loaded - lastEmit >= 1000 || loaded < 1000) {
          lastEmit = loaded;
          this.setStatus({ state: 'loading', loaded, connectionLabel: label, asOf: null });
        }
      }, controller.signal);
      if (this.inventory !== inventory) return;
      this.setStatus({
        state: 'ready',
        loaded: inventory.rows.length,
        connectionLabel: label,
        asOf: new Date(inventory.nowMs()).toISOString(),
        viewCounts: inventory.viewCounts(),
      });
    } catch (error) {
      if (this.inventory !== inventory) return;
      const cancelled = controller.signal.aborted || (error instanceof HostRequestError && error.kind === 'cancelled');
      this.setStatus({
        state: cancelled ? 'cancelled' : 'failed',
        loaded: this.statusValue.loaded,
        connectionLabel: label,
        asOf: null,
        message: cancelled ? 'Loading was cancelled.' : `The devices could not be listed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  private async operatorFor(inventory: DeviceInventory, username: string): Promise<Operator> {
    // The same capability judge as the wizard's Connect step: allow and block lists, by role entry.
    const exchange = inventory.connection.exchangeConnection;
    try {
      const entries = await readRoleEntries(exchange, roleNames(await readAssignedRoles(exchange, username)));
      let rights = judgeExchangeCapabilities({ entries });
      if (!canDecideDevices(rights)) {
        const entraRoleTemplateIds = await readEntraRoleTemplateIds(inventory.connection.graph, username).catch(() => []);
        rights = judgeExchangeCapabilities({ entries, entraRoleTemplateIds });
      }
      if (canDecideDevices(rights)) return { who: username, canAct: true };
      const gaps = rights.missing.filter((m) => m.id === 'allow-device' || m.id === 'block-device').map((m) => m.text);
      return { who: username, canAct: false, whyNot: `Approving or denying phones needs more Exchange rights. ${gaps.join(' ')} ${ASK_FOR_ROLE}` };
    } catch {
      return { who: username, canAct: false, whyNot: `Your Exchange rights could not be read, so approving or denying phones is off. ${ASK_FOR_ROLE}` };
    }
  }

  private ready(): DeviceInventory {
    if (this.inventory === null || this.statusValue.state !== 'ready') {
      throw new AppError('NOT_FOUND', 'The device list is not loaded yet.');
    }
    return this.inventory;
  }

  private setStatus(status: InventoryStatus): void {
    this.statusValue = status;
    this.options.onStatus(status);
  }
}
