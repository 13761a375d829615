import { z } from 'zod';
import { actionClosureSchema } from './action-closure';
import { findingSchema } from './finding';

/**
 * The case document: everything one troubleshooting session produced, saved as case.json in its
 * own folder. Evidence bodies (cmdlet output, Graph JSON, mailbox logs) live as files beside
 * case.json and are only referenced here, so a 100 MB log never sits in memory twice.
 *
 * Bump CASE_FORMAT_VERSION on any change an older reader could misread; readers refuse versions
 * they do not know instead of guessing.
 */
export const CASE_FORMAT_VERSION = 1;

/** Case ids double as folder names, so they are kept to a path-safe alphabet. */
export const caseIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'A case id is 8 to 64 lower-case letters, digits or dashes.');
export type CaseId = z.infer<typeof caseIdSchema>;

const timestampSchema = z.iso.datetime({ offset: true });

/**
 * Evidence file names are chosen by the app (never by the tenant's data) and must stay inside the
 * case's evidence folder: no separators, no leading dot.
 */
/**
 * Names Windows will not create as ordinary files: the device names (CON, PRN, AUX, NUL, COM0-9,
 * LPT0-9, CONIN$, CONOUT$, with any extension) and names ending in a dot or a space, which
 * Windows silently trims. A bundle written elsewhere must not be able to name one.
 */
export function isWindowsSafeFileName(name: string): boolean {
  if (/[. ]$/.test(name)) return false;
  const base = name.split('.')[0] ?? '';
  return !/^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i.test(base);
}

export const evidenceFileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'An evidence file name has no folders and no leading dot.')
  .refine(isWindowsSafeFileName, 'An evidence file name cannot be a Windows device name (CON, NUL, COM1…) or end in a dot.');

export const stepStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'cancelled']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const caseStepSchema = z.object({
  /** Stable id of the wizard step (from the flow definition), e.g. "check-device-access". */
  id: z.string().min(1).max(120),
  title: z.string().max(300).optional(),
  status: stepStatusSchema,
  startedAt: timestampSchema.optional(),
  finishedAt: timestampSchema.optional(),
  /** What the step found, in plain words for the operator. */
  summary: z.string().max(4000).optional(),
  /** How the step came out, and the checks it showed: a saved case reads as the live one did. */
  outcome: z.enum(['ok', 'problem', 'warning', 'unavailable', 'info']).optional(),
  checks: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        label: z.string().max(500),
        outcome: z.enum(['ok', 'problem', 'warning', 'unavailable', 'info']),
        detail: z.string().max(4000),
        evidence: z.array(z.string().max(120)).max(50),
      }),
    )
    .max(300)
    .optional(),
  /** Ids of the evidence items this step captured. */
  evidence: z.array(z.string()),
  error: z
    .object({
      message: z.string().max(4000),
      code: z.string().max(120).optional(),
    })
    .optional(),
});
export type CaseStep = z.infer<typeof caseStepSchema>;

export const evidenceKindSchema = z.enum(['cmdlet', 'graph', 'mailbox-log', 'what-if', 'note']);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

export const evidenceItemSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
    /** Id of the step that captured it. */
    step: z.string().min(1).max(120),
    kind: evidenceKindSchema,
    /** Where it came from: a cmdlet name ("Get-MobileDevice"), a Graph path, "mailbox log". */
    source: z.string().min(1).max(300),
    capturedAt: timestampSchema,
    /** File in the case's evidence/ folder; absent when the evidence could not be captured. */
    fileName: evidenceFileNameSchema.optional(),
    size: z.number().int().nonnegative().optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    contentType: z.string().min(1).max(120),
    /** Why there is no file, in plain words ("Debug logging was off, so there is no mailbox log"). */
    unavailableReason: z.string().max(2000).optional(),
  })
  .superRefine((item, ctx) => {
    const hasFile = item.fileName !== undefined && item.size !== undefined && item.sha256 !== undefined;
    const hasAnyFileField =
      item.fileName !== undefined || item.size !== undefined || item.sha256 !== undefined;
    if (item.unavailableReason === undefined && !hasFile) {
      ctx.addIssue({
        code: 'custom',
        message: 'Evidence needs a file (name, size, sha256) or an unavailable reason.',
      });
    }
    if (item.unavailableReason !== undefined && hasAnyFileField) {
      ctx.addIssue({ code: 'custom', message: 'Unavailable evidence has no file.' });
    }
  });
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const auditEntrySchema = z.object({
  at: timestampSchema,
  /** Operator name or UPN who did it, or "app" for automatic actions. */
  who: z.string().min(1).max(320),
  /** What was done, e.g. "run-cmdlet", "allow-device", "export-bundle". */
  action: z.string().min(1).max(120),
  /** What it was done to, e.g. "Get-MobileDevice" or a device id. */
  target: z.string().max(500),
  details: z.string().max(4000).optional(),
  result: z.enum(['succeeded', 'failed', 'cancelled', 'not-run']),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const caseSubjectSchema = z.object({
  /** The user whose phone does not sync. */
  userUpn: z.string().min(3).max(320),
  deviceId: z.string().min(1).max(200).optional(),
  /** The symptom in the user's or operator's words. */
  symptom: z.string().max(2000),
  /** The helpdesk ticket reference, if any. */
  ticketRef: z.string().max(120).optional(),
});
export type CaseSubject = z.infer<typeof caseSubjectSchema>;

// A built-in name, or (command line only) a scenario file's path of any length a file system takes.
const demoConnectionSchema = z.object({ kind: z.literal('demo'), scenario: z.string().min(1).max(4096) });
const realTenantConnectionSchema = z.object({ kind: z.literal('tenant'), tenant: z.string().min(1).max(255) });

/** A tenant something can run against: the demo tenant or a real one. */
export const liveConnectionSchema = z.discriminatedUnion('kind', [demoConnectionSchema, realTenantConnectionSchema]);
export type LiveConnection = z.infer<typeof liveConnectionSchema>;

export const caseConnectionSchema = z.discriminatedUnion('kind', [
  demoConnectionSchema,
  realTenantConnectionSchema,
  /** A case started from files the operator brought (logs, captures): no tenant, nothing to run against. */
  z.object({ kind: z.literal('offline') }),
]);
export type CaseConnection = z.infer<typeof caseConnectionSchema>;

export const caseOperatorSchema = z.object({
  name: z.string().min(1).max(200),
  upn: z.string().max(320).optional(),
});

export const caseDocumentSchema = z.object({
  formatVersion: z.literal(CASE_FORMAT_VERSION),
  id: caseIdSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Set when the operator closes the case; open cases are offered for resume. */
  closedAt: timestampSchema.optional(),
  operator: caseOperatorSchema,
  subject: caseSubjectSchema,
  connection: caseConnectionSchema,
  steps: z.array(caseStepSchema),
  evidence: z.array(evidenceItemSchema),
  findings: z.array(findingSchema),
  audit: z.array(auditEntrySchema),
  /** What each action changed, read back and judged again (absent in cases saved before it existed). */
  closures: z.array(actionClosureSchema).max(200).optional(),
  /** Version of the analysis engine that produced `findings`. */
  analysisEngineVersion: z.string().min(1).max(60),
  /** Present when the case came from a bundle: such cases are read-only. */
  imported: z
    .object({
      at: timestampSchema,
      appVersion: z.string().max(60),
      redacted: z.boolean(),
    })
    .optional(),
});
export type CaseDocument = z.infer<typeof caseDocumentSchema>;
