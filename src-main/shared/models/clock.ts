import { z } from 'zod';

/**
 * The case's "now" when the view was built, and how fast it runs, so the renderer can count down
 * in the case's time (the demo's scenario clock, a real tenant's wall clock, or a saved case's
 * frozen capture time) rather than the machine's.
 */
export const caseClockSnapshotSchema = z.strictObject({
  kind: z.enum(['wall', 'scenario', 'captured']),
  now: z.iso.datetime({ offset: true }),
  speed: z.number().min(0),
});
export type CaseClockSnapshot = z.infer<typeof caseClockSnapshotSchema>;
