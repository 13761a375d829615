import type { ParseWarning } from '../mailbox-log/entry-model';
import type { DeviceTimeline } from '../patterns/device-timeline';
import type { DevicePattern, PatternKind } from '../patterns/pattern';
import type { FindingCode, FindingDraft } from './catalog';

const CODE_BY_KIND: Readonly<Record<PatternKind, FindingCode>> = {
  blocked: 'DEVICE_BLOCKED',
  quarantined: 'DEVICE_QUARANTINED',
  'not-compliant': 'DEVICE_NOT_COMPLIANT',
  'not-enrolled': 'DEVICE_NOT_ENROLLED',
  'auto-blocked': 'DEVICE_AUTO_BLOCKED',
  'eas-disabled': 'EAS_DISABLED_FOR_MAILBOX',
  'no-mailbox': 'MAILBOX_UNLICENSED',
  'account-disabled': 'ACCOUNT_DISABLED',
  'old-protocol': 'EAS_VERSION_UNSUPPORTED',
  'provisioning-loop': 'PROVISIONING_LOOP',
  'not-provisionable': 'DEVICE_NOT_PROVISIONABLE',
  'remote-wipe': 'REMOTE_WIPE_PENDING',
  'sync-key-loop': 'SYNC_KEY_LOOP',
  'sync-key-reset': 'SYNC_KEY_RESET',
  'folder-hierarchy-loop': 'FOLDER_HIERARCHY_CHANGED_LOOP',
  throttled: 'THROTTLED',
  'server-errors': 'SERVER_ERRORS',
  quota: 'MAILBOX_QUOTA_EXCEEDED',
  'too-many-folders': 'TOO_MANY_FOLDERS',
  redirect: 'REDIRECT_451',
  'send-failed': 'SEND_FAILED',
  'item-errors': 'ITEM_SYNC_ERRORS',
  'max-devices': 'MAXIMUM_DEVICES_REACHED',
  'sync-state-locked': 'SYNC_STATE_LOCKED',
  refused: 'REQUESTS_REFUSED',
  healthy: 'HEALTHY_SYNC',
};

/**
 * Problems that stopped before the end of the log are history, not the current cause. A 451
 * redirect the phone followed (later requests answered) is one: the phone uses the new address.
 */
const HISTORY_WHEN_OVER: ReadonlySet<PatternKind> = new Set(['old-protocol', 'blocked', 'quarantined', 'not-compliant', 'not-enrolled', 'auto-blocked', 'throttled', 'server-errors', 'eas-disabled', 'no-mailbox', 'account-disabled', 'sync-state-locked', 'refused', 'redirect']);

/** Turns detected patterns into finding drafts; HEALTHY_SYNC only for a device with no blocker or warning. */
export function findingsFromPatterns(timeline: DeviceTimeline, patterns: readonly DevicePattern[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const p of patterns) {
    if (p.kind === 'healthy') continue;
    const draft: FindingDraft = {
      code: CODE_BY_KIND[p.kind],
      detail: p.summary,
      evidence: [{ step: 'mailbox-log', object: deviceLabel(timeline), logEntries: [...p.entries], detail: p.summary }],
      confidence: 'high',
      deviceId: timeline.deviceId,
    };
    if (p.severity !== undefined) draft.severity = p.severity;
    if (!p.ongoing && HISTORY_WHEN_OVER.has(p.kind)) draft.history = true;
    // The refusals are certain; which setting refused is not, so as a cause it is only inferred.
    if (p.kind === 'refused') Object.assign(draft, { confidence: 'medium', certainty: 'inferred' });
    drafts.push(draft);
  }
  const healthy = patterns.find((p) => p.kind === 'healthy');
  const troubled = drafts.some((d) => d.history !== true && d.severity !== 'info' && d.code !== 'SYNC_KEY_RESET');
  if (healthy !== undefined && !troubled && healthy.ongoing) {
    drafts.push({
      code: 'HEALTHY_SYNC',
      detail: healthy.summary,
      evidence: [{ step: 'mailbox-log', object: deviceLabel(timeline), logEntries: [...healthy.entries], detail: healthy.summary }],
      confidence: 'medium',
      deviceId: timeline.deviceId,
    });
  }
  return drafts;
}

/** One LOG_PARSE_WARNINGS draft summarising the parser's warnings, if any. */
export function findingFromParseWarnings(warnings: readonly ParseWarning[], duplicates: number): FindingDraft | undefined {
  const lines = warnings.map((w) => w.message);
  if (duplicates > 0) lines.push(`${duplicates} duplicate entr${duplicates === 1 ? 'y was' : 'ies were'} skipped (overlapping exports).`);
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, 5).join(' ');
  const more = lines.length > 5 ? ` (${lines.length - 5} more)` : '';
  return {
    code: 'LOG_PARSE_WARNINGS',
    detail: `${shown}${more}`,
    evidence: [{ step: 'mailbox-log', logEntries: warnings.flatMap((w) => (w.seq === undefined ? [] : [w.seq])).slice(0, 20), detail: `${lines.length} parse note(s)` }],
    confidence: 'high',
  };
}

export function deviceLabel(timeline: DeviceTimeline): string {
  return `device ${timeline.deviceId ?? timeline.key}${timeline.deviceType === undefined ? '' : ` (${timeline.deviceType})`}`;
}
