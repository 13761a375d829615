import { z } from 'zod';
import type { WizardStepId } from './steps';

/**
 * Where a finding's evidence sits, as the area of the case it came from, and the wizard step that
 * shows it (so a finding can link to it). A finding names an area, never free text.
 */
export const EVIDENCE_AREA_STEP = {
  connect: 'connect',
  'cas-mailbox': 'mailbox',
  devices: 'mailbox',
  'device-access': 'mailbox',
  'organization-settings': 'mailbox',
  recipient: 'mailbox',
  'client-access-rules': 'client-access-rules',
  'conditional-access': 'conditional-access',
  'what-if': 'conditional-access',
  'sign-ins': 'conditional-access',
  directory: 'conditional-access',
  authentication: 'authentication',
  'debug-logging': 'debug-logging',
  'mailbox-log': 'logs',
} as const satisfies Record<string, WizardStepId>;

export type EvidenceArea = keyof typeof EVIDENCE_AREA_STEP;
export const EVIDENCE_AREAS = Object.keys(EVIDENCE_AREA_STEP) as [EvidenceArea, ...EvidenceArea[]];

/**
 * The diagnosis's evidence keys and their areas. The first version of the app wrote these keys
 * where an area belongs (evidence that could not be read), so they are read as areas too.
 */
export const EVIDENCE_KEY_AREAS = {
  casMailbox: 'cas-mailbox',
  mobileDevices: 'devices',
  organizationSettings: 'organization-settings',
  deviceAccessRules: 'device-access',
  clientAccessRules: 'client-access-rules',
  conditionalAccess: 'conditional-access',
  signIns: 'sign-ins',
  authentication: 'authentication',
  mailboxLog: 'mailbox-log',
} as const satisfies Record<string, EvidenceArea>;

export const evidenceAreaSchema = z.preprocess(
  (value) => (typeof value === 'string' ? ((EVIDENCE_KEY_AREAS as Readonly<Record<string, EvidenceArea>>)[value] ?? value) : value),
  z.enum(EVIDENCE_AREAS),
);

export function stepOfArea(area: EvidenceArea): WizardStepId {
  return EVIDENCE_AREA_STEP[area];
}
