import type { AuthenticationPolicy, ExchangeUser, OrganizationConfig } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';
import { buildDiagnosisInput } from '../diagnosis-input';
import { judgeAuthentication } from '../../../domain/judges/authentication';

/**
 * Authentication: reads Get-OrganizationConfig, Get-User and the authentication policy that
 * applies. The domain judges them with the sign-ins and the mailbox log (judgeAuthentication).
 */
export async function runAuthenticationStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  const exchange = connection.exchange;
  const cmdlet = (source: string) => ({ kind: 'cmdlet' as const, source });
  ctx.progress('Reading the organization’s authentication settings…', 0.2);
  const config = await session.capture<OrganizationConfig>('authentication', EVIDENCE.organizationConfig, cmdlet('Get-OrganizationConfig'), () =>
    orUnavailable(() => exchange.getOrganizationConfig()),
  );
  ctx.progress('Reading the user’s authentication policy…', 0.5);
  const user = await session.capture<ExchangeUser>('authentication', EVIDENCE.exchangeUser, cmdlet('Get-User'), () =>
    orUnavailable(() => exchange.getUser(session.doc.subject.userUpn)),
  );
  // The per-user assignment wins; without one the organization's default applies.
  const policyName =
    (user.available ? user.data.AuthenticationPolicy : undefined) ??
    (config.available ? config.data.DefaultAuthenticationPolicy : undefined) ??
    undefined;
  await session.capture<AuthenticationPolicy[]>('authentication', EVIDENCE.authenticationPolicy, cmdlet('Get-AuthenticationPolicy'), () =>
    orUnavailable(() => exchange.getAuthenticationPolicies(policyName)),
  );

  return fromJudgement(session, judgeAuthentication(buildDiagnosisInput(session, undefined)));
}
