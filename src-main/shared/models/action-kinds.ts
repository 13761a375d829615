import { z } from 'zod';

/** The changes a tier-1 operator may make in the app; a finding's next step may offer one of them. */
export const WIZARD_ACTION_KINDS = [
  'enable-debug-logging',
  'disable-debug-logging',
  'allow-device',
  'block-device',
  'unblock-device',
  'enable-activesync',
  // Remove-MobileDevice: frees a slot when the mailbox is at the 100-partnership limit (facts F35).
  'remove-device',
] as const;
export type WizardActionKind = (typeof WIZARD_ACTION_KINDS)[number];
export const wizardActionKindSchema = z.enum(WIZARD_ACTION_KINDS);

/** The actions that change one phone, and so need a device id. */
export const DEVICE_ACTION_KINDS = ['allow-device', 'block-device', 'unblock-device', 'remove-device'] as const satisfies readonly WizardActionKind[];
