import type { ClientAccessRule, TenantFeature } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, orUnavailable, unavailableCheck, type StepContext } from '../step-context';

/**
 * Client Access Rules were retired in Exchange Online in September 2025 (facts F3): the cmdlet
 * being absent is the normal answer, said plainly. Rules that do still exist (an old case, a
 * hybrid tenant) are listed for the analysis to evaluate.
 */
export async function runClientAccessRulesStep(ctx: StepContext): Promise<StepResult> {
  const rules = await ctx.session.capture<TenantFeature<ClientAccessRule[]>>(
    'client-access-rules',
    EVIDENCE.clientAccessRules,
    { kind: 'cmdlet', source: 'Get-ClientAccessRule' },
    () => orUnavailable(() => ctx.connection.exchange.getClientAccessRules()),
  );
  const label = 'Client Access Rules do not block ActiveSync';
  if (!rules.available) {
    return { outcome: 'unavailable', summary: `Client Access Rules could not be read: ${rules.reason}`, checks: [unavailableCheck('car', label, rules)] };
  }
  if (!rules.data.available) {
    const detail =
      'Client Access Rules are retired in Exchange Online (since September 2025) and this tenant has none; Conditional Access replaces them. Nothing to check here.';
    return { outcome: 'info', summary: detail, checks: [check('car', label, 'info', detail, [rules])] };
  }
  const easRules = rules.data.value.filter((rule) => rule.Enabled !== false);
  const detail =
    easRules.length === 0
      ? 'No enabled Client Access Rule exists.'
      : `${easRules.length} enabled rule(s): ${easRules.map((r) => `${r.Name ?? 'unnamed'} (${r.Action ?? 'action unknown'})`).join('; ')}. The analysis checks whether one of them denies ActiveSync.`;
  return { outcome: easRules.length === 0 ? 'ok' : 'info', summary: detail, checks: [check('car', label, easRules.length === 0 ? 'ok' : 'info', detail, [rules])] };
}
