import type { FindingDraft } from '../diagnosis/catalog';
import type { CasMailboxInput } from './exchange-inputs';

/** Exchange Online turns debug logging off by itself after 48 hours (facts.md F4; 72 h is on-premises). */
export const DEBUG_LOGGING_HOURS = 48;

/**
 * ActiveSyncEnabled and debug logging. ActiveSyncDebugLogging is only trustworthy when read with
 * `Get-CASMailbox -ActiveSyncDebugLogging` (facts.md F5); `false` from any other read means "unknown",
 * so it never produces a finding on its own.
 */
export function evaluateCasMailbox(cas: CasMailboxInput, context: { debugLoggingEnabledAt?: string } = {}): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const object = `mailbox ${cas.PrimarySmtpAddress ?? cas.Identity ?? ''}`.trim();
  if (cas.ActiveSyncEnabled === false) {
    drafts.push({
      code: 'EAS_DISABLED_FOR_MAILBOX',
      detail: 'Get-CASMailbox shows ActiveSyncEnabled = False.',
      evidence: [{ step: 'cas-mailbox', object, detail: 'ActiveSyncEnabled = False' }],
      confidence: 'high',
    });
  }
  if (cas.ActiveSyncDebugLogging === true) {
    const expires = context.debugLoggingEnabledAt === undefined ? undefined : Date.parse(context.debugLoggingEnabledAt) + DEBUG_LOGGING_HOURS * 3_600_000;
    const detail = expires === undefined || Number.isNaN(expires)
      ? `It switches off ${DEBUG_LOGGING_HOURS} hours after it was turned on.`
      : `It switches off at about ${new Date(expires).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
    drafts.push({
      code: 'DEBUG_LOGGING_ACTIVE',
      detail,
      evidence: [{ step: 'cas-mailbox', object, detail: 'ActiveSyncDebugLogging = True' }],
      confidence: 'high',
    });
  }
  return drafts;
}
