import { z } from 'zod';

/**
 * The start screen's new-case form, validated before anything is sent to the main process.
 * The UPN check is deliberately simple (name@domain.tld): Entra accepts more shapes than a regex
 * can describe, and the main process validates again against the tenant.
 */
export const newCaseFormSchema = z.object({
  userUpn: z
    .string()
    .trim()
    .min(1, 'Enter the user’s sign-in name (for example alex@contoso.com).')
    .max(320, 'That sign-in name is too long.')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@.]+$/, 'Enter the full sign-in name, like alex@contoso.com.'),
  deviceId: z
    .string()
    .trim()
    .max(200, 'A device id is at most 200 characters.')
    .regex(/^[A-Za-z0-9._-]*$/, 'A device id has only letters, digits, dots, dashes or underscores.'),
  symptom: z.string().trim().max(2000, 'Keep the symptom under 2000 characters.'),
  ticketRef: z.string().trim().max(120, 'A ticket reference is at most 120 characters.'),
  connection: z.enum(['demo', 'tenant']),
  scenario: z.string(),
  tenant: z.string().trim().max(255),
});
export type NewCaseForm = z.input<typeof newCaseFormSchema>;
export type NewCaseFormErrors = Partial<Record<keyof NewCaseForm, string>>;

export interface StartCaseInput {
  subject: { userUpn: string; deviceId?: string; symptom: string; ticketRef?: string };
  connection: { kind: 'demo'; scenario: string } | { kind: 'tenant'; tenant: string };
}

/** Validates the form; answers the request for `startCase` or one message per field. */
export function validateNewCaseForm(
  form: NewCaseForm,
): { ok: true; value: StartCaseInput } | { ok: false; errors: NewCaseFormErrors } {
  const parsed = newCaseFormSchema.safeParse(form);
  const errors: NewCaseFormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof NewCaseForm;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const f = parsed.data;
  if (f.connection === 'demo' && f.scenario === '') errors.scenario = 'Pick a demo scenario.';
  if (f.connection === 'tenant' && f.tenant === '')
    errors.tenant = 'Enter the tenant’s domain (for example contoso.onmicrosoft.com).';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      subject: {
        userUpn: f.userUpn,
        symptom: f.symptom,
        ...(f.deviceId !== '' ? { deviceId: f.deviceId } : {}),
        ...(f.ticketRef !== '' ? { ticketRef: f.ticketRef } : {}),
      },
      connection:
        f.connection === 'demo'
          ? { kind: 'demo', scenario: f.scenario }
          : { kind: 'tenant', tenant: f.tenant },
    },
  };
}
