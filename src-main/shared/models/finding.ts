import { z } from 'zod';
import { wizardActionKindSchema } from './action-kinds';
import { evidenceAreaSchema } from './evidence-areas';
import { wizardStepIdSchema } from './steps';

/**
 * A finding as it travels through the app: produced by the analysis engine (src-main/domain),
 * stored in the case, shown by the renderer, exported in bundles. The catalog of codes lives in
 * one data file (assets/findings/catalog.json); codes are stable and never renamed.
 */
export const findingSeveritySchema = z.enum(['blocker', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** Where the evidence for a finding sits: a wizard step, an object in it, log entries. */
export const evidenceRefSchema = z.object({
  /** The area of the case the evidence came from; it links to the wizard step that shows it. */
  step: evidenceAreaSchema,
  /** A short label of the object: "device ApplF4K7Q2", "policy Block EAS for Sales", "Get-CASMailbox". */
  object: z.string().optional(),
  /** Mailbox-log entry numbers (1-based, in the order parsed) when the evidence is in a log. */
  logEntries: z.array(z.number().int().positive()).optional(),
  /** One line quoting the evidence in plain words: "DeviceAccessState = Quarantined". */
  detail: z.string().optional(),
});
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

export const nextStepSchema = z.object({
  /** Who acts: the operator in this app, the operator elsewhere, or someone they escalate to. */
  who: z.enum(['tier1-in-app', 'tier1', 'user', 'escalate']),
  text: z.string(),
  /** For escalations: to whom (e.g. "Intune administrator", "Entra Conditional Access administrator"). */
  escalateTo: z.string().optional(),
  /** For in-app steps: the action the wizard offers (e.g. "allow-device", "enable-activesync"). */
  action: wizardActionKindSchema.optional(),
  /** The wizard step where the operator looks or acts ("Conditional Access"). */
  step: wizardStepIdSchema.optional(),
  /**
   * The message the operator sends the user, one short line each, no jargon: for a `user` step what
   * to do now; for an in-app action what to do once the change is read back ("Open Mail…").
   */
  userMessage: z.array(z.string().max(400)).max(12).optional(),
});
export type NextStep = z.infer<typeof nextStepSchema>;

/**
 * How strongly the evidence supports a finding: `confirmed` by Exchange's or Entra's own state
 * (a cmdlet, What-If), `inferred` from what the mailbox log or sign-ins show, `unconfirmed` when
 * the wizard cannot tell. Ranking puts stronger evidence first; only a confirmed cause is
 * headlined as "Most likely cause".
 */
export const certaintySchema = z.enum(['confirmed', 'inferred', 'unconfirmed']);
export type Certainty = z.infer<typeof certaintySchema>;

export const findingSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  severity: findingSeveritySchema,
  title: z.string(),
  explanation: z.string(),
  nextSteps: z.array(nextStepSchema),
  evidence: z.array(evidenceRefSchema),
  confidence: z.enum(['high', 'medium', 'low']),
  /** Absent in cases saved before it existed; read with `certaintyOf`. */
  certainty: certaintySchema.optional(),
  /** Codes of the findings this one explains (its symptoms), beyond the catalog's own list. */
  explains: z.array(z.string()).optional(),
  /** Codes of the findings that explain this one in this case (its causes), beyond the catalog's list. */
  explainedBy: z.array(z.string()).optional(),
  deviceId: z.string().optional(),
  /**
   * The problem stopped before the end of the evidence (later requests were fine): kept as the
   * phone's story, ranked below what is true now, and with no action that would "fix" it again.
   */
  history: z.boolean().optional(),
  /**
   * The code of the higher-ranked finding that explains this one in this case (its cause, on the
   * same phone or the mailbox): fixing that fixes this, so it is no separate task. Set by ranking.
   */
  followsFrom: z.string().regex(/^[A-Z0-9_]+$/).optional(),
  /** Rank within the case's findings; 1 is the most likely root cause. */
  rank: z.number().int().positive().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
