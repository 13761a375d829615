import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/ipc/result';
import type { DeviceRow, DeviceView } from '../../shared/models/devices';
import { createAppBackend } from '../../services/app-backend';
import { resolveAppPaths } from '../../services/app-paths';
import { UsageError, type CliCommand } from '../command';

declare const __APP_VERSION__: string;

const USAGE =
  'eas-troubleshooter devices --scenario <name|file> [--view all|quarantined|new|new-24h|blocked|old-protocol|stale|stale-30|heavy-users] [--json]';

/** The CLI's view names: the short ones and the app's own. */
const VIEWS: Record<string, DeviceView> = {
  all: 'all',
  quarantined: 'quarantined',
  new: 'new-7d',
  'new-7d': 'new-7d',
  'new-24h': 'new-24h',
  blocked: 'blocked',
  'old-protocol': 'old-protocol',
  stale: 'stale-90',
  'stale-90': 'stale-90',
  'stale-30': 'stale-30',
  'heavy-users': 'heavy-users',
};

/**
 * `devices`: the Devices area without a window. Lists a demo tenant's phones through the same
 * paged listing and views as the app, reads last sync for the listed rows only, and prints a
 * table or one JSON object per line (`--json`).
 */
export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: "List a demo tenant's phones with their access state and why (views: quarantined, new, blocked, old-protocol, stale).",
  usage: USAGE,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { scenario: { type: 'string' }, view: { type: 'string', default: 'all' }, json: { type: 'boolean', default: false } },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Usage: ${USAGE}`);
    }
    if (!values.scenario) throw new UsageError(`devices needs --scenario. Usage: ${USAGE}`);
    const view = VIEWS[values.view ?? 'all'];
    if (view === undefined) throw new UsageError(`Unknown --view "${values.view}". Usage: ${USAGE}`);

    const dataDir = await mkdtemp(path.join(tmpdir(), 'eas-devices-'));
    const backend = createAppBackend({
      runtime: 'browser-host',
      version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
      platform: process.platform,
      paths: resolveAppPaths({ outDir: path.join(__dirname, '..'), dataDir }),
      demoLatency: 'instant',
      allowScenarioPaths: true,
    });
    try {
      try {
        await backend.devices.load({ kind: 'demo', scenario: values.scenario });
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw new UsageError(error.message);
        throw error;
      }
      const status = await backend.devices.settled();
      if (status.state !== 'ready') throw new Error(status.message ?? 'The devices could not be listed.');
      const rows = backend.devices.rows({ view, descending: false });
      // Last sync comes from Get-MobileDeviceStatistics, read for the listed rows only.
      for (let i = 0; i < rows.length; i += 100) await backend.devices.statistics(rows.slice(i, i + 100).map((r) => r.key));
      if (values.json) {
        for (let i = 0; i < rows.length; i += 500) io.stdout(rows.slice(i, i + 500).map((r) => `${JSON.stringify(toJson(r))}\n`).join(''));
      } else {
        io.stdout(toText(rows, view, status.loaded));
      }
    } finally {
      await backend.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
    return 0;
  },
};

export function toJson(row: DeviceRow): object {
  return {
    deviceId: row.deviceId,
    user: row.mailbox,
    userDisplayName: row.userDisplayName,
    state: row.state,
    reason: row.reason,
    rule: row.rule,
    protocolVersion: row.protocolVersion,
    app: row.app,
    lastSync: row.lastSync ?? null,
    firstSeen: row.firstSeen,
    identity: row.key,
  };
}

function toText(rows: readonly DeviceRow[], view: DeviceView, total: number): string {
  const out = [`${rows.length} of ${total} phones in view "${view}"`, ''];
  out.push(['User'.padEnd(28), 'Device'.padEnd(26), 'EAS'.padEnd(5), 'State'.padEnd(16), 'Reason / rule'.padEnd(40), 'Last sync'].join(' '));
  for (const r of rows) {
    out.push(
      [
        r.userDisplayName.slice(0, 28).padEnd(28),
        `${r.deviceModel}`.slice(0, 26).padEnd(26),
        r.protocolVersion.padEnd(5),
        r.state.padEnd(16),
        (r.rule ? `${r.reason}: ${r.rule}` : r.reason).slice(0, 40).padEnd(40),
        r.lastSync ?? 'never',
      ].join(' '),
    );
  }
  return `${out.join('\n')}\n`;
}
