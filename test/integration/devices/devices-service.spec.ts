import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryStatus } from '../../../src-main/shared/models/devices';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The Devices area's backend over the 20 000-device demo tenant: the real simulated shell, the
// paged listing, the views, "why", the rules what-if and approve/deny with guardrails and audit.
describe('Devices area over the large demo tenant', () => {
  const backend = createTestBackend();
  const { handlers } = backend;
  const statuses: InventoryStatus[] = [];
  backend.events.attach((channel, payload) => {
    if (channel === 'event:devices-status') statuses.push(payload as InventoryStatus);
  });

  beforeAll(async () => {
    await ensureDemoShellBundle();
    await handlers.loadDevices({ connection: { kind: 'demo', scenario: 'large-tenant' } });
    await backend.devices.settled();
  }, 120_000);
  afterAll(() => backend.dispose());

  it('lists every partnership with progress', async () => {
    const status = await handlers.getDevicesStatus({});
    expect(status.state).toBe('ready');
    expect(status.loaded).toBeGreaterThanOrEqual(20_000);
    expect(status.viewCounts?.quarantined).toBeGreaterThan(100);
    // The scenario's clock, not the wall clock.
    expect(status.asOf?.startsWith('2026-11-26')).toBe(true);
  });

  it('shows the quarantine queue oldest first, and only quarantined phones', async () => {
    const { total, rows } = await handlers.queryDevices({ view: 'quarantined', descending: false, offset: 0, limit: 1000 });
    expect(total).toBe((await handlers.getDevicesStatus({})).viewCounts?.quarantined);
    expect(rows.every((r) => r.state === 'Quarantined')).toBe(true);
    const firstSeen = rows.map((r) => r.firstSeen ?? '');
    expect(firstSeen).toEqual([...firstSeen].sort());
  });

  it('explains a phone quarantined by a UserAgent rule although a DeviceType rule allows iPhones', async () => {
    const { rows } = await handlers.queryDevices({ view: 'quarantined', search: 'Apple-iPhone14C5', descending: false, offset: 0, limit: 5 });
    const row = rows.find((r) => r.reason === 'DeviceRule')!;
    const why = await handlers.explainDevice({ key: row.key });
    expect(why.agrees).toBe(true);
    expect(why.computed).toEqual({ state: 'Quarantined', reason: 'DeviceRule', rule: 'Apple-iPhone14C5/2107.16 (UserAgent)' });
    expect(why.path.at(-1)).toMatchObject({ check: 'rule', characteristic: 'UserAgent', matched: true });
    expect(why.rules.some((r) => r.queryString === 'iPhone' && r.accessLevel === 'Allow')).toBe(true);
  });

  it('what-if: a new Allow rule for DeviceType Android moves exactly the phones that reach the rules', async () => {
    const result = await handlers.whatIfDevices({ change: { kind: 'add-rule', queryString: 'Android', characteristic: 'DeviceType', accessLevel: 'Allow' } });
    expect(result.command).toBe("New-ActiveSyncDeviceAccessRule -QueryString 'Android' -Characteristic DeviceType -AccessLevel Allow");
    const all = backend.devices.rows({ view: 'all', descending: false });
    const expected = all.filter(
      (r) => r.deviceType === 'Android' && r.state === 'Quarantined' && r.reason === 'Global',
    ).length;
    expect(result.changedCount).toBe(expected);
    expect(result.transitions).toEqual([{ from: 'Quarantined', to: 'Allowed', count: expected }]);
    expect(result.sample.every((s) => s.row.deviceType === 'Android')).toBe(true);
  });

  it('approves one phone with the read-back and an audit entry; it leaves the queue', async () => {
    const candidates = (await handlers.queryDevices({ view: 'quarantined', descending: false, offset: 0, limit: 200 })).rows.filter((r) => r.reason === 'Global');
    expect(candidates.length).toBeGreaterThan(0);
    let target = candidates[0]!;
    let preview = await handlers.previewDeviceDecision({ keys: [target.key], decision: 'approve' });
    for (const next of candidates.slice(1)) {
      if (preview.devices[0]?.refused === undefined) break;
      target = next;
      preview = await handlers.previewDeviceDecision({ keys: [target.key], decision: 'approve' });
    }
    expect(preview.allowed).toBe(true);
    expect(preview.devices[0]!.command).toBe(`Set-CASMailbox -Identity '${target.mailbox}' -ActiveSyncAllowedDeviceIDs @{Add='${target.deviceId}'}`);
    const outcome = await handlers.decideDevices({ keys: [target.key], decision: 'approve', confirmed: true });
    expect(outcome.results).toEqual([expect.objectContaining({ key: target.key, result: 'succeeded', stateAfter: 'Allowed' })]);
    const queue = backend.devices.rows({ view: 'quarantined', descending: false });
    expect(queue.some((r) => r.key === target.key)).toBe(false);
    const audit = await handlers.listDevicesAudit({});
    expect(audit[0]).toMatchObject({ action: 'approve-device', target: `${target.mailbox} / ${target.deviceId}`, result: 'succeeded', who: 'helpdesk@contoso.example' });
    expect(audit[0]!.details).toContain('read back: Allowed');
  });

  it('refuses to approve or deny a phone with a remote wipe pending, and audits the refusal', async () => {
    const all = backend.devices.rows({ view: 'all', descending: false });
    // The wipe status is read fresh per device, so find one by asking Exchange.
    let wiped: string | undefined;
    for (let i = 0; i < all.length && wiped === undefined; i += 100) {
      const rows = await handlers.loadDeviceStatistics({ keys: all.slice(i, i + 100).map((r) => r.key) });
      wiped = rows.find((r) => r.wipePending === true)?.key;
    }
    expect(wiped).toBeDefined();
    for (const decision of ['approve', 'deny'] as const) {
      const preview = await handlers.previewDeviceDecision({ keys: [wiped!], decision });
      expect(preview.allowed).toBe(false);
      expect(preview.devices[0]!.refused).toMatch(/remote wipe is pending/);
    }
    const before = backend.devices.rows({ view: 'all', descending: false }).find((r) => r.key === wiped)!.state;
    const outcome = await handlers.decideDevices({ keys: [wiped!], decision: 'approve', confirmed: true });
    expect(outcome.results[0]!.result).toBe('refused');
    expect((await handlers.explainDevice({ key: wiped! })).reported.state).toBe(before);
    expect((await handlers.listDevicesAudit({}))[0]).toMatchObject({ result: 'refused' });
  }, 120_000);

  it('exports a view as CSV with one line per phone', async () => {
    const { filePath, rows } = await handlers.exportDevicesCsv({ view: 'old-protocol', descending: false });
    const lines = readFileSync(filePath, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toContain('ProtocolVersion');
    expect(lines.length - 1).toBe(rows);
    expect(rows).toBe((await handlers.getDevicesStatus({})).viewCounts?.['old-protocol']);
  });

  it('prefills a wizard case for a phone', async () => {
    const [row] = (await handlers.queryDevices({ view: 'quarantined', search: 'alex.wilber', descending: false, offset: 0, limit: 5 })).rows;
    const subject = await handlers.deviceCaseSubject({ key: row!.key });
    expect(subject).toEqual({ userUpn: 'alex.wilber@contoso.example', deviceId: row!.deviceId, connection: { kind: 'demo', scenario: 'large-tenant' } });
  });

  it('reported progress while loading', () => {
    const loading = statuses.filter((s) => s.state === 'loading').map((s) => s.loaded);
    expect(loading.length).toBeGreaterThan(3);
    expect(loading).toEqual([...loading].sort((a, b) => a - b));
  });
});
