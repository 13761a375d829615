import type { CasMailbox } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, orUnavailable, unavailableCheck, type StepContext } from '../step-context';

/** Exchange Online switches ActiveSync debug logging off by itself after 48 hours (facts F4). */
export const DEBUG_LOGGING_HOURS = 48;

/**
 * Debug logging: reads the flag back the only way that tells the truth, Get-CASMailbox with
 * -ActiveSyncDebugLogging (without the switch it always reads False: facts F5). Turning it on is
 * an action the operator confirms; this step is run again afterwards to verify.
 */
export async function runDebugLoggingStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  ctx.progress('Reading the debug-logging flag back from Exchange…', 0.3);
  const readBack = await session.capture<CasMailbox>(
    'debug-logging',
    EVIDENCE.debugLogging,
    { kind: 'cmdlet', source: 'Get-CASMailbox -ActiveSyncDebugLogging' },
    () => orUnavailable(() => connection.exchange.getCasMailbox(session.doc.subject.userUpn)),
  );
  const label = 'ActiveSync debug logging is on for this mailbox';
  if (!readBack.available) {
    return { outcome: 'unavailable', summary: `The logging flag could not be read: ${readBack.reason}`, checks: [unavailableCheck('debug-logging', label, readBack)] };
  }
  const enabled = readBack.data.ActiveSyncDebugLogging === true;
  const detail = enabled
    ? `It is on (read back with Get-CASMailbox -ActiveSyncDebugLogging). Exchange Online turns it off by itself ${DEBUG_LOGGING_HOURS} hours after it was enabled.`
    : 'It is off, so Exchange keeps no log of the phone’s requests. Turn it on, ask the user to reproduce the problem, then fetch the logs.';
  return {
    outcome: enabled ? 'ok' : 'warning',
    summary: enabled ? 'Debug logging is on: the phone’s requests are being recorded.' : 'Debug logging is off.',
    checks: [check('debug-logging', label, enabled ? 'ok' : 'warning', detail, [readBack])],
  };
}

/** A message the operator can paste to the user, asking them to reproduce the problem. */
export function reproduceMessage(userUpn: string, expiresAt: string | undefined): string {
  const until = expiresAt ? ` before ${new Date(expiresAt).toUTCString()}` : '';
  return [
    `Hello, we are looking into why your phone does not sync mail (${userUpn}).`,
    `Please, within the next hour${until}: open the Mail app on the phone, pull down on the inbox to refresh it, and send a short test message to yourself.`,
    'Then reply to this message to tell us the time you did it. Thank you!',
  ].join('\n');
}
