import type { DiagnosisInput } from '../../../../src-main/domain/diagnosis/diagnose';

/**
 * A tenant where nothing but what the test sets is wrong: ActiveSync on, the organisation allows
 * new phones, no rules, no Conditional Access, modern auth on. The test gives the phones and the
 * log, and overrides whatever it is about.
 */
export function quietTenant(over: Partial<DiagnosisInput> & Pick<DiagnosisInput, 'mobileDevices' | 'mailboxLog'>): DiagnosisInput {
  return {
    casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: true },
    organizationSettings: { DefaultAccessLevel: 'Allow' },
    deviceAccessRules: [],
    clientAccessRules: { cmdletAvailable: false },
    conditionalAccess: { policies: [], namedLocations: [] },
    signIns: [],
    authentication: { organizationConfig: { OAuth2ClientProfileEnabled: true }, authenticationPolicy: null },
    ...over,
  };
}
