import { judgeDebugLogging } from '../../../domain/judges/debug-logging';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import type { CasMailbox } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { debugLoggingEnabledAt } from '../case-view';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

export { DEBUG_LOGGING_HOURS } from '../../../domain/evaluators/cas-mailbox';

/**
 * Debug logging: reads the flag back with Get-CASMailbox -ActiveSyncDebugLogging (facts F5).
 * Turning it on is an action the operator confirms; this step is run again afterwards to verify.
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
  return fromJudgement(session, judgeDebugLogging(readBack.available ? readBack.data : { unavailable: readBack.reason }, debugLoggingEnabledAt(session)));
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
