import type { ClientAccessRule, TenantFeature } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';
import { buildDiagnosisInput } from '../diagnosis-input';
import { judgeClientAccessRules } from '../../../domain/judges/client-access-rules';

/**
 * Client Access Rules: reads Get-ClientAccessRule (a missing cmdlet is the normal answer in
 * Exchange Online since September 2025, facts F3). The domain judges them (judgeClientAccessRules).
 */
export async function runClientAccessRulesStep(ctx: StepContext): Promise<StepResult> {
  await ctx.session.capture<TenantFeature<ClientAccessRule[]>>(
    'client-access-rules',
    EVIDENCE.clientAccessRules,
    { kind: 'cmdlet', source: 'Get-ClientAccessRule' },
    () => orUnavailable(() => ctx.connection.exchange.getClientAccessRules()),
  );
  return fromJudgement(ctx.session, judgeClientAccessRules(buildDiagnosisInput(ctx.session, undefined)));
}
