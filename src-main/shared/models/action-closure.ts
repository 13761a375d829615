import { z } from 'zod';

/**
 * What an action in the wizard changed, as read back from Exchange and judged again afterwards:
 * the findings it was meant to fix (those whose next step offered it), which are gone, which are
 * still found and why, Exchange's answers before → after, and when (the case's clock). Kept in
 * the case so the summary can say "Fixed: … (read back from Exchange at 10:42)" in a saved case too.
 * The action is a plain string so a case written by a version with more action kinds still loads.
 */
export const closureFindingSchema = z.object({
  code: z.string().max(120),
  title: z.string().max(500),
  deviceId: z.string().max(200).optional(),
  /** In tier-1 words: "the phone is no longer quarantined", or why it is still found. */
  words: z.string().max(1000),
});
export type ClosureFinding = z.infer<typeof closureFindingSchema>;

export const readBackValueSchema = z.object({
  /** What was read, in plain words: "On this user's allowed list". */
  label: z.string().max(200),
  before: z.string().max(300),
  after: z.string().max(300),
});
export type ReadBackValue = z.infer<typeof readBackValueSchema>;

export const actionClosureSchema = z.object({
  action: z.string().min(1).max(120),
  deviceId: z.string().max(200).optional(),
  /** The case-clock time of the read-back (the tenant's or the scenario's, never the machine's). */
  at: z.iso.datetime({ offset: true }),
  /** fixed: everything it was meant to fix is gone; not-yet: something it was meant to fix is still found; done: it was not tied to a finding. */
  result: z.enum(['fixed', 'not-yet', 'done']),
  meantToFix: z.array(z.string().max(120)).max(50),
  fixed: z.array(closureFindingSchema).max(50),
  remaining: z.array(closureFindingSchema).max(50),
  readBack: z.array(readBackValueSchema).max(20),
  /** What to send the user now (one line each), from the finding's next step; absent when none is needed. */
  userMessage: z.array(z.string().max(400)).max(12).optional(),
});
export type ActionClosure = z.infer<typeof actionClosureSchema>;
