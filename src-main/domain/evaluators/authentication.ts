import type { FindingDraft } from '../diagnosis/catalog';
import type { AuthenticationPolicyInput, OrganizationConfigInput } from './exchange-inputs';

/**
 * Authentication settings. Basic auth for EAS is permanently off in Exchange Online (facts.md F1),
 * so AllowBasicAuthActiveSync is reported as "no effect", never as a fix. OAuth2ClientProfileEnabled
 * governs Outlook desktop; for EAS it is informative only (eas-reference.md §5.8).
 */
export function evaluateAuthentication(organizationConfig: OrganizationConfigInput, policy: AuthenticationPolicyInput | null | undefined): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (organizationConfig.OAuth2ClientProfileEnabled === false) {
    drafts.push({
      code: 'MODERN_AUTH_DISABLED',
      detail: 'Get-OrganizationConfig shows OAuth2ClientProfileEnabled = False.',
      evidence: [{ step: 'authentication', object: 'Get-OrganizationConfig', detail: 'OAuth2ClientProfileEnabled = False' }],
      confidence: 'high',
    });
  }
  if (policy?.AllowBasicAuthActiveSync === true) {
    drafts.push({
      code: 'BASIC_AUTH_POLICY_NO_EFFECT',
      detail: `Authentication policy "${policy.Name ?? 'default'}" has AllowBasicAuthActiveSync = True.`,
      evidence: [{ step: 'authentication', object: `authentication policy ${policy.Name ?? 'default'}`, detail: 'AllowBasicAuthActiveSync = True' }],
      confidence: 'high',
    });
  }
  return drafts;
}
