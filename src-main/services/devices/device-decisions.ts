import {
  MAX_BULK_DECISION,
  type DecisionOutcome,
  type DecisionPreview,
  type DeviceDecision,
  type DeviceRow,
  type DevicesAuditEntry,
} from '../../shared/models/devices';
import { wipePending, type DeviceInventory } from './device-inventory';

/** The command a decision runs for one device, shown before and audited after (splatted when run, never this text). */
export function decisionCommand(decision: DeviceDecision, row: Pick<DeviceRow, 'mailbox' | 'deviceId'>): string {
  const list = decision === 'approve' ? 'ActiveSyncAllowedDeviceIDs' : 'ActiveSyncBlockedDeviceIDs';
  return `Set-CASMailbox -Identity '${row.mailbox.replace(/'/g, "''")}' -${list} @{Add='${row.deviceId.replace(/'/g, "''")}'}`;
}

export interface Operator {
  who: string;
  canAct: boolean;
  /** Why not, when canAct is false. */
  whyNot?: string;
}

/**
 * Approve (the user's allowed list) or deny (blocked list) with the wizard's guardrails: the
 * operator needs the Exchange role, a bulk decision covers at most MAX_BULK_DECISION devices and
 * lists every one of them, and no device with a remote wipe pending is touched (facts F36: an
 * allow could let the phone escape the wipe, a block would stop the wipe from being delivered).
 * The wipe status is read fresh from Exchange for every device, not taken from the table.
 */
export async function previewDecision(
  inventory: DeviceInventory,
  keys: readonly string[],
  decision: DeviceDecision,
  operator: Operator,
): Promise<DecisionPreview> {
  const unique = [...new Set(keys)];
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  const description =
    decision === 'approve'
      ? `${verb} ${unique.length} phone(s): each goes on its user's allowed list (ActiveSyncAllowedDeviceIDs) and may sync. This also takes it off the user's blocked list (facts F26). Rules and the organisation default are not changed.`
      : `${verb} ${unique.length} phone(s): each goes on its user's blocked list (ActiveSyncBlockedDeviceIDs) and stops syncing this mailbox. Rules and the organisation default are not changed.`;
  if (!operator.canAct) {
    return { decision, allowed: false, reason: operator.whyNot ?? 'You cannot change device lists.', devices: [], description };
  }
  if (unique.length === 0 || unique.length > MAX_BULK_DECISION) {
    return {
      decision,
      allowed: false,
      reason: unique.length === 0 ? 'Select at least one phone.' : `Select at most ${MAX_BULK_DECISION} phones for one decision.`,
      devices: [],
      description,
    };
  }
  const devices: DecisionPreview['devices'] = [];
  for (const key of unique) {
    const row = inventory.row(key);
    if (row === undefined) continue;
    const [stats] = await inventory.connection.exchange.getMobileDeviceStatistics({ deviceIdentity: key });
    const pending = stats !== undefined && wipePending(stats);
    if (stats !== undefined) inventory.applyStatistics(row, stats);
    devices.push({
      row,
      command: decisionCommand(decision, row),
      ...(pending
        ? { refused: 'A remote wipe is pending for this phone. Nothing is changed until the wipe has been delivered or cancelled by an admin.' }
        : stats === undefined
          ? { refused: 'Exchange no longer has this partnership.' }
          : {}),
    });
  }
  const runnable = devices.filter((d) => d.refused === undefined).length;
  return {
    decision,
    allowed: runnable > 0,
    ...(runnable === 0 ? { reason: 'None of the selected phones can be changed.' } : {}),
    devices,
    description,
  };
}

/** Runs a confirmed decision, reads every device back from Exchange and audits each one. */
export async function runDecision(
  inventory: DeviceInventory,
  keys: readonly string[],
  decision: DeviceDecision,
  operator: Operator,
  atIso: () => string,
): Promise<DecisionOutcome> {
  // The guardrails are checked again here: the preview the operator saw may be stale.
  const preview = await previewDecision(inventory, keys, decision, operator);
  if (!preview.allowed && preview.devices.length === 0) throw new Error(preview.reason ?? 'Nothing can be changed.');
  const results: DecisionOutcome['results'] = [];
  const audit: DevicesAuditEntry[] = [];
  for (const { row, command, refused } of preview.devices) {
    const target = `${row.mailbox} / ${row.deviceId}`;
    if (refused !== undefined) {
      results.push({ key: row.key, result: 'refused', message: refused });
      audit.push({ at: atIso(), who: operator.who, action: `${decision}-device`, target, details: `${command} — not run: ${refused}`, result: 'refused' });
      continue;
    }
    try {
      await inventory.connection.exchange.updateActiveSyncDeviceIds(row.mailbox, decision === 'approve' ? 'allowed' : 'blocked', { add: [row.deviceId] });
      const after = await inventory.refresh(row.key);
      const stateAfter = after?.state ?? 'Unknown';
      const expected = decision === 'approve' ? 'Allowed' : 'Blocked';
      results.push({
        key: row.key,
        result: 'succeeded',
        stateAfter,
        message:
          stateAfter === expected
            ? `Exchange now reports ${stateAfter}.`
            : `The list was changed; Exchange still reports ${stateAfter} and judges the phone again when it next connects.`,
      });
      audit.push({ at: atIso(), who: operator.who, action: `${decision}-device`, target, details: `${command} — read back: ${stateAfter}`, result: 'succeeded' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ key: row.key, result: 'failed', message: `The change was not made: ${message}` });
      audit.push({ at: atIso(), who: operator.who, action: `${decision}-device`, target, details: `${command} — ${message}`, result: 'failed' });
    }
  }
  return { results, audit };
}
