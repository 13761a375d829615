import { z } from 'zod';
import { caseClockSnapshotSchema } from './clock';
import { auditEntrySchema, caseConnectionSchema, caseSubjectSchema, evidenceKindSchema } from './case';
import { findingSchema } from './finding';
import { wizardStepIdSchema } from './steps';
import { wizardActionKindSchema } from './action-kinds';
import { actionClosureSchema } from './action-closure';

/**
 * What the renderer shows of a case. The flow engine in the main process owns the case; after
 * every change it pushes a fresh `CaseView` snapshot (event:case-updated) and the renderer store
 * replaces its copy. Large data (mailbox-log entries) is fetched page by page instead.
 */

export { wizardStepIdSchema, type WizardStepId } from './steps';

export const stepViewStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'cancelled']);

/** How a check or a whole step came out, for colour and icon: never "ok" when something was missing. */
export const outcomeSchema = z.enum(['ok', 'problem', 'warning', 'unavailable', 'info']);
export type Outcome = z.infer<typeof outcomeSchema>;

export const checkViewSchema = z.object({
  id: z.string(),
  /** What was checked, in plain words: "ActiveSync is allowed for this mailbox". */
  label: z.string(),
  outcome: outcomeSchema,
  /** The result in plain words, with the value read: "ActiveSyncEnabled is True". */
  detail: z.string(),
  /** Evidence ids (raw cmdlet output, Graph JSON…) one click away. */
  evidence: z.array(z.string()).default([]),
});
export type CheckView = z.infer<typeof checkViewSchema>;

export const evidenceViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: evidenceKindSchema,
  source: z.string(),
  capturedAt: z.string(),
  size: z.number().int().nonnegative().optional(),
  unavailableReason: z.string().optional(),
});
export type EvidenceView = z.infer<typeof evidenceViewSchema>;

export const stepViewSchema = z.object({
  id: wizardStepIdSchema,
  title: z.string(),
  status: stepViewStatusSchema,
  outcome: outcomeSchema.optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  progress: z.object({ message: z.string(), fraction: z.number().min(0).max(1).optional() }).optional(),
  /** The step's result in one or two plain sentences. */
  summary: z.string().optional(),
  checks: z.array(checkViewSchema),
  evidence: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The step found nothing further to troubleshoot (no such mailbox…): the later steps were skipped. */
  stop: z.object({ kind: z.enum(['not-found', 'nothing-to-troubleshoot']), message: z.string() }).optional(),
});
export type StepView = z.infer<typeof stepViewSchema>;

export const deviceViewSchema = z.object({
  deviceId: z.string(),
  deviceType: z.string().optional(),
  deviceModel: z.string().optional(),
  friendlyName: z.string().optional(),
  userAgent: z.string().optional(),
  clientType: z.string().optional(),
  /** EAS protocol version the device uses (ClientVersion). */
  protocolVersion: z.string().optional(),
  accessState: z.string().optional(),
  accessStateReason: z.string().optional(),
  accessRule: z.string().optional(),
  lastSyncAttempt: z.string().optional(),
  lastSuccessSync: z.string().optional(),
  /** True for Outlook mobile (REST) partnerships, which are not EAS clients. */
  notEas: z.boolean().default(false),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const debugLoggingViewSchema = z.object({
  /** As read back with Get-CASMailbox -ActiveSyncDebugLogging (never without the switch). */
  enabled: z.boolean(),
  verified: z.boolean(),
  enabledAt: z.string().optional(),
  /** Exchange Online turns logging off by itself 48 hours after it was enabled. */
  expiresAt: z.string().optional(),
});

export const timelineBucketSchema = z.object({
  start: z.string(),
  ok: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
  /** Answered, but quarantined or blocked by Exchange: the phone got no mail (not counted in `error`). */
  held: z.number().int().nonnegative().optional(),
});

export const deviceLogViewSchema = z.object({
  deviceId: z.string(),
  deviceType: z.string().optional(),
  userAgent: z.string().optional(),
  protocolVersion: z.string().optional(),
  entryCount: z.number().int().nonnegative(),
  firstRequest: z.string().optional(),
  lastRequest: z.string().optional(),
  /** Requests over time, coloured by outcome, for the timeline chart. */
  timeline: z.array(timelineBucketSchema),
  /** Patterns seen in plain words ("Sync key reset 14 times in 20 minutes"). */
  patterns: z.array(z.string()),
});
export type DeviceLogView = z.infer<typeof deviceLogViewSchema>;

export const permissionsViewSchema = z.object({
  /** The operator may run the write actions (Set-CASMailbox). */
  canAct: z.boolean(),
  /** Exactly what is missing, e.g. "Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.", "Graph permission: AuditLog.Read.All". */
  missing: z.array(z.string()),
  /** Who can act instead, in plain words, when the operator cannot. */
  whoCanAct: z.string().optional(),
});

/**
 * Where a case came from. An imported case came from a file someone sent: the app checked that
 * the file is complete and consistent (hashes), rebuilt its report and checked a redaction
 * claim, but it cannot know who made it.
 */
export const caseProvenanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created-here') }),
  z.object({
    kind: z.literal('imported-from-file'),
    importedAt: z.string(),
    /** The app version the bundle says wrote it. */
    appVersion: z.string(),
    redacted: z.boolean(),
  }),
]);
export type CaseProvenance = z.infer<typeof caseProvenanceSchema>;

export const caseViewSchema = z.object({
  caseId: z.string(),
  subject: caseSubjectSchema,
  connection: caseConnectionSchema,
  operator: z.string(),
  /** Opened from the library or a bundle: review only, no sign-in, no network. */
  readOnly: z.boolean(),
  provenance: caseProvenanceSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The case's own "now" (tenant, scenario or capture time) when this view was built. */
  clock: caseClockSnapshotSchema,
  steps: z.array(stepViewSchema),
  devices: z.array(deviceViewSchema),
  selectedDeviceId: z.string().optional(),
  debugLogging: debugLoggingViewSchema.optional(),
  logs: z.array(deviceLogViewSchema),
  findings: z.array(findingSchema),
  evidence: z.array(evidenceViewSchema),
  permissions: permissionsViewSchema.optional(),
  audit: z.array(auditEntrySchema),
  /** What the operator's actions changed, oldest first (the summary's Resolved group). */
  closures: z.array(actionClosureSchema).optional(),
  /** A ready-to-paste note for tier 2 when the case must be escalated. */
  escalationNote: z.string().optional(),
  /** The actions that fit the situation (domain action guard): the renderer offers only these. */
  offeredActions: z
    .object({
      mailbox: z.array(wizardActionKindSchema),
      devices: z.array(z.object({ deviceId: z.string(), actions: z.array(wizardActionKindSchema) })),
      /** Partnerships that may be removed to free a slot (facts F35), oldest last sync first. */
      removable: z.array(z.object({ deviceId: z.string(), label: z.string() })).optional(),
    })
    .optional(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/** The changes a tier-1 operator may make, each behind a confirmation and recorded in the audit trail. */
export const wizardActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enable-debug-logging') }),
  z.object({ kind: z.literal('disable-debug-logging') }),
  z.object({ kind: z.literal('allow-device'), deviceId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('block-device'), deviceId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('unblock-device'), deviceId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('enable-activesync') }),
  z.object({ kind: z.literal('remove-device'), deviceId: z.string().min(1).max(64) }),
]);
export type WizardAction = z.infer<typeof wizardActionSchema>;

export const actionPreviewSchema = z.object({
  /** Exactly what will change, in plain words, naming the mailbox and device. */
  description: z.string(),
  /** The command that will run, shown for transparency (never executed as text). */
  command: z.string(),
  allowed: z.boolean(),
  /** When not allowed: the operator lacks the rights, or the action does not fit the situation (domain action guard). */
  refusal: z.enum(['permission', 'situation']).optional(),
  /** When not allowed: why, and who can do it. */
  reason: z.string().optional(),
});
export type ActionPreview = z.infer<typeof actionPreviewSchema>;

export const logEntryRowSchema = z.object({
  seq: z.number().int().positive(),
  requestTime: z.string().optional(),
  command: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** The status that matters most in this entry, with its name ("177 DeviceNotProvisioned"). */
  status: z.string().optional(),
  outcome: z.enum(['ok', 'warning', 'error']),
  roundTripMs: z.number().nonnegative().optional(),
  summary: z.string(),
});
export type LogEntryRow = z.infer<typeof logEntryRowSchema>;

export const logEntryDetailSchema = logEntryRowSchema.extend({
  statuses: z.array(z.object({ scope: z.string(), code: z.number(), name: z.string(), meaning: z.string() })),
  request: z.string(),
  response: z.string(),
  headers: z.record(z.string(), z.string()),
});
export type LogEntryDetail = z.infer<typeof logEntryDetailSchema>;

export const scenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  story: z.string(),
  /** What is really wrong, in the trainer's words (training mode shows it once the summary is reached). */
  details: z.string().optional(),
});

export const caseSummarySchema = z.object({
  caseId: z.string(),
  userUpn: z.string(),
  deviceId: z.string().optional(),
  ticketRef: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  complete: z.boolean(),
  topFinding: z.string().optional(),
  connection: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const shellStatusSchema = z.object({
  state: z.enum(['idle', 'starting', 'ready', 'busy', 'reconnecting', 'failed']),
  detail: z.string().optional(),
});

const findingRefSchema = z.object({
  code: z.string(),
  title: z.string(),
  severity: z.enum(['blocker', 'warning', 'info']),
  deviceId: z.string().optional(),
});

/** What re-running the current analysis over a saved case's evidence changed. */
export const reanalysisSchema = z.object({
  engineVersion: z.string(),
  previousEngineVersion: z.string(),
  added: z.array(findingRefSchema),
  removed: z.array(findingRefSchema),
  changed: z.array(findingRefSchema.extend({ fields: z.array(z.string()) })),
  unchangedCount: z.number().int().nonnegative(),
});
export type Reanalysis = z.infer<typeof reanalysisSchema>;
