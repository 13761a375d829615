import { judgeDebugLogging } from '../../../domain/judges/debug-logging';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import type { CasMailbox } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { debugLoggingEnabledAt } from '../case-view';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';

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
