import type { AuthenticationPolicy, ExchangeUser, OrganizationConfig } from '../../../shared/models/exchange';
import type { CheckView } from '../../../shared/models/wizard';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { check, orUnavailable, unavailableCheck, worstOutcome, type StepContext } from '../step-context';

/**
 * Authentication: modern authentication must be on, and Basic authentication for ActiveSync is
 * gone in Exchange Online whatever an authentication policy says (facts F1), so a phone still
 * sending a password cannot be fixed by a setting: the mail app must use modern sign-in.
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
  const policy = await session.capture<AuthenticationPolicy[]>('authentication', EVIDENCE.authenticationPolicy, cmdlet('Get-AuthenticationPolicy'), () =>
    orUnavailable(() => exchange.getAuthenticationPolicies(policyName)),
  );

  const checks: CheckView[] = [];
  if (config.available) {
    const modern = config.data.OAuth2ClientProfileEnabled !== false;
    checks.push(
      check('modern-auth', 'Modern authentication is on for the organization', modern ? 'ok' : 'problem',
        modern ? 'OAuth2ClientProfileEnabled is True.' : 'OAuth2ClientProfileEnabled is False: mail apps cannot sign in with modern authentication.', [config]),
    );
  } else checks.push(unavailableCheck('modern-auth', 'Modern authentication is on for the organization', config));
  checks.push(
    check('basic-auth', 'Basic authentication for ActiveSync', 'info',
      'Basic authentication for ActiveSync was switched off for good in Exchange Online in early 2023; no policy can turn it back on. A mail app that still asks for a password must be updated or replaced.', []),
  );
  if (policy.available && policyName) {
    checks.push(check('auth-policy', 'The user’s authentication policy', 'info', `${policyName} applies; its Basic-authentication settings have no effect on ActiveSync in Exchange Online.`, [user, policy]));
  }
  const outcome = worstOutcome(checks);
  return {
    outcome,
    summary: outcome === 'problem' ? 'Modern authentication is off, so mail apps cannot sign in.' : 'Authentication settings allow modern sign-in for mail apps.',
    checks,
  };
}
