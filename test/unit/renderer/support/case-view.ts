import type { CaseView, StepView, WizardStepId } from '../../../../src-main/shared/models/wizard';

const STEP_IDS: WizardStepId[] = [
  'connect',
  'mailbox',
  'client-access-rules',
  'conditional-access',
  'authentication',
  'debug-logging',
  'logs',
  'summary',
];

/** A minimal valid CaseView; tests override what they look at. */
export function caseView(
  overrides: Partial<CaseView> = {},
  stepOverrides: Partial<Record<WizardStepId, Partial<StepView>>> = {},
): CaseView {
  return {
    caseId: 'case-0001-test',
    subject: { userUpn: 'alex.wilber@contoso.example', symptom: 'No mail since yesterday' },
    connection: { kind: 'demo', scenario: 'quarantined-org-default' },
    operator: 'helpdesk@contoso.example',
    readOnly: false,
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    clock: { kind: 'scenario', now: '2026-11-26T09:00:00.000Z', speed: 1 },
    steps: STEP_IDS.map((id) => ({
      id,
      title: id,
      status: 'pending',
      checks: [],
      evidence: [],
      ...stepOverrides[id],
    })),
    devices: [],
    logs: [],
    findings: [],
    evidence: [],
    audit: [],
    ...overrides,
  };
}
