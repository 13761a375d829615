import { z } from 'zod';
import { caseSubjectSchema, liveConnectionSchema } from '../models/case';
import {
  actionPreviewSchema,
  caseSummarySchema,
  caseViewSchema,
  logEntryDetailSchema,
  logEntryRowSchema,
  reanalysisSchema,
  scenarioSummarySchema,
  shellStatusSchema,
  wizardActionSchema,
  wizardStepIdSchema,
} from '../models/wizard';
import {
  authStatusViewSchema,
  connectionTestLineSchema,
  powershellInstallViewSchema,
  settingsDraftSchema,
  settingsViewSchema,
  setupRequirementsSchema,
  signInMethodSchema,
} from '../models/settings';
import {
  MAX_BULK_DECISION,
  decisionOutcomeSchema,
  decisionPreviewSchema,
  deviceDecisionSchema,
  deviceRowSchema,
  devicesAuditEntrySchema,
  devicesQuerySchema,
  deviceSortSchema,
  deviceViewSchema,
  deviceWhySchema,
  inventoryStatusSchema,
  policyChangeSchema,
  whatIfResultSchema,
} from '../models/devices';

/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every invoke channel and every pushed event is declared here once, with zod schemas for its
 * payloads. The Electron registration helper, the preload bridge, the browser host and the
 * renderer's host bridge are all generated from this table, and a test proves they serve exactly
 * these channels. Channel names follow `<domain>:<verb>` for invokes and `event:<name>` for pushes.
 */

const empty = z.object({}).strict();

export const runtimeKindSchema = z.enum(['electron', 'browser-host']);

export const appInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  runtime: runtimeKindSchema,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const backendNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  at: z.string(),
});
export type BackendNotice = z.infer<typeof backendNoticeSchema>;

const caseRef = z.object({ caseId: z.string().min(1).max(64) }).strict();
/** A partnership's Identity, the Devices area's row key. */
const deviceKey = z.string().min(1).max(600);

const uploadIdSchema = z.uuid();
/**
 * Where evidence files come from: the desktop app's native file dialog (opened by the main
 * process, so the renderer never names a path), or files uploaded first with `evidence:stage`.
 */
export const evidenceSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dialog') }).strict(),
  z.object({ kind: z.literal('uploads'), uploadIds: z.array(uploadIdSchema).min(1).max(50) }).strict(),
]);
export type EvidenceSourceRequest = z.infer<typeof evidenceSourceSchema>;
/** One chunk of an uploaded file, base64; at most 8 MiB of file per chunk (a browser-host frame is 16 MiB). */
export const EVIDENCE_CHUNK_BYTES = 8 * 1024 * 1024;

interface InvokeDef<Req extends z.ZodType, Res extends z.ZodType> {
  readonly channel: string;
  readonly request: Req;
  readonly response: Res;
}
interface EventDef<P extends z.ZodType> {
  readonly channel: string;
  readonly payload: P;
}

const invoke = <Req extends z.ZodType, Res extends z.ZodType>(
  channel: `${string}:${string}`,
  request: Req,
  response: Res,
): InvokeDef<Req, Res> => ({ channel, request, response });

const event = <P extends z.ZodType>(channel: `event:${string}`, payload: P): EventDef<P> => ({
  channel,
  payload,
});

export const ipcContract = {
  invoke: {
    getAppInfo: invoke('app:get-info', empty, appInfoSchema),
    listScenarios: invoke('scenarios:list', empty, z.array(scenarioSummarySchema)),

    startCase: invoke(
      'case:start',
      z.object({ subject: caseSubjectSchema, connection: liveConnectionSchema }).strict(),
      caseViewSchema,
    ),
    getCase: invoke('case:get', caseRef, caseViewSchema),
    runStep: invoke('case:run-step', caseRef.extend({ stepId: wizardStepIdSchema }), caseViewSchema),
    cancelStep: invoke('case:cancel-step', caseRef.extend({ stepId: wizardStepIdSchema }), caseViewSchema),
    selectDevice: invoke('case:select-device', caseRef.extend({ deviceId: z.string().min(1).max(64) }), caseViewSchema),
    previewAction: invoke('case:preview-action', caseRef.extend({ action: wizardActionSchema }), actionPreviewSchema),
    runAction: invoke(
      'case:run-action',
      caseRef.extend({ action: wizardActionSchema, confirmed: z.literal(true) }),
      caseViewSchema,
    ),

    queryLogEntries: invoke(
      'logs:query',
      caseRef.extend({
        deviceId: z.string().min(1).max(64),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(500),
        search: z.string().max(200).optional(),
        outcome: z.enum(['all', 'warning', 'error']).default('all'),
        command: z.string().max(40).optional(),
      }),
      z.object({ total: z.number().int().nonnegative(), rows: z.array(logEntryRowSchema) }),
    ),
    getLogEntry: invoke('logs:get-entry', caseRef.extend({ seq: z.number().int().positive() }), logEntryDetailSchema),
    getEvidence: invoke(
      'evidence:get',
      caseRef.extend({ evidenceId: z.string().min(1).max(64) }),
      z.object({ text: z.string(), truncated: z.boolean(), contentType: z.string() }),
    ),

    listCases: invoke('cases:list', z.object({ query: z.string().max(200).optional() }).strict(), z.array(caseSummarySchema)),
    openCase: invoke('cases:open', caseRef, caseViewSchema),
    deleteCase: invoke('cases:delete', caseRef, z.object({ deleted: z.boolean() })),
    exportCase: invoke(
      'cases:export',
      caseRef.extend({ redact: z.boolean() }),
      z.object({ filePath: z.string(), size: z.number().int().nonnegative() }),
    ),
    reanalyseCase: invoke('cases:reanalyse', caseRef, reanalysisSchema),
    exportReportPdf: invoke(
      'cases:export-pdf',
      caseRef,
      z.object({ filePath: z.string(), size: z.number().int().nonnegative() }),
    ),
    /**
     * Opens a bundle for review. The renderer never names a file: main shows its own file dialog
     * (desktop app), or the browser uploaded the file to the browser host and passes its one-time id.
     */
    importBundle: invoke(
      'cases:import',
      z.discriminatedUnion('source', [
        z.object({ source: z.literal('dialog') }).strict(),
        z.object({ source: z.literal('upload'), uploadId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
      ]),
      caseViewSchema,
    ),

    /** Uploads (a chunk of) an evidence file; the first chunk of a file has no uploadId and gets one. */
    stageEvidence: invoke(
      'evidence:stage',
      z.object({ uploadId: uploadIdSchema.optional(), name: z.string().min(1).max(255), chunkBase64: z.string().max(Math.ceil(EVIDENCE_CHUNK_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict(),
      z.object({ uploadId: uploadIdSchema, size: z.number().int().nonnegative() }),
    ),
    /** Adds mailbox logs or device captures to an open case; `added` is empty when the dialog was cancelled. */
    addEvidence: invoke(
      'case:add-evidence',
      caseRef.extend({ source: evidenceSourceSchema }),
      z.object({ view: caseViewSchema, added: z.array(z.object({ name: z.string(), kind: z.enum(['mailbox-log', 'capture']), requests: z.number().int().nonnegative() })) }),
    ),
    /** "I only have the logs": a case without a tenant, from files; null when the dialog was cancelled. */
    startCaseFromFiles: invoke(
      'case:start-from-files',
      z.object({ subject: caseSubjectSchema, source: evidenceSourceSchema }).strict(),
      caseViewSchema.nullable(),
    ),

    getSettings: invoke('settings:get', empty, settingsViewSchema),
    saveSettings: invoke('settings:save', settingsDraftSchema, settingsViewSchema),
    getSetupRequirements: invoke('setup:get-requirements', empty, setupRequirementsSchema),
    /** The PowerShell installs main found and checked; settings refer to one by its id. */
    listPowerShellInstalls: invoke(
      'powershell:list-installs',
      empty,
      z.object({ installs: z.array(powershellInstallViewSchema) }),
    ),
    /** Main shows its own file dialog and checks the pick with -Version; null when cancelled. */
    choosePowerShellInstall: invoke(
      'powershell:choose-install',
      empty,
      z.object({ install: powershellInstallViewSchema.nullable() }),
    ),
    getAuthStatus: invoke('auth:status', empty, authStatusViewSchema),
    /** Starts sign-in and answers at once; the outcome (and a device code) arrives as event:auth-status. */
    signIn: invoke('auth:sign-in', z.object({ method: signInMethodSchema }).strict(), authStatusViewSchema),
    /** Signs out, or cancels a sign-in that is still waiting. */
    signOut: invoke('auth:sign-out', empty, authStatusViewSchema),
    /** Sign-in, Exchange, the operator's rights, one CA policy and one sign-in: the wizard's own code. */
    testConnection: invoke('settings:test-connection', empty, z.object({ lines: z.array(connectionTestLineSchema) })),

    /** Starts listing the tenant's devices; progress and the end arrive as event:devices-status. */
    loadDevices: invoke('devices:load', z.object({ connection: liveConnectionSchema }).strict(), inventoryStatusSchema),
    cancelDevicesLoad: invoke('devices:cancel', empty, inventoryStatusSchema),
    getDevicesStatus: invoke('devices:status', empty, inventoryStatusSchema),
    queryDevices: invoke(
      'devices:query',
      devicesQuerySchema,
      z.object({ total: z.number().int().nonnegative(), rows: z.array(deviceRowSchema) }),
    ),
    /** Last sync and wipe status for the rows on screen (Get-MobileDeviceStatistics per device). */
    loadDeviceStatistics: invoke(
      'devices:statistics',
      z.object({ keys: z.array(deviceKey).min(1).max(100) }).strict(),
      z.array(deviceRowSchema),
    ),
    explainDevice: invoke('devices:why', z.object({ key: deviceKey }).strict(), deviceWhySchema),
    whatIfDevices: invoke('devices:what-if', z.object({ change: policyChangeSchema }).strict(), whatIfResultSchema),
    previewDeviceDecision: invoke(
      'devices:preview-decision',
      z.object({ keys: z.array(deviceKey).min(1).max(MAX_BULK_DECISION), decision: deviceDecisionSchema }).strict(),
      decisionPreviewSchema,
    ),
    decideDevices: invoke(
      'devices:decide',
      z
        .object({ keys: z.array(deviceKey).min(1).max(MAX_BULK_DECISION), decision: deviceDecisionSchema, confirmed: z.literal(true) })
        .strict(),
      decisionOutcomeSchema,
    ),
    exportDevicesCsv: invoke(
      'devices:export-csv',
      z
        .object({
          view: deviceViewSchema,
          search: z.string().max(200).optional(),
          sort: deviceSortSchema.optional(),
          descending: z.boolean().default(false),
        })
        .strict(),
      z.object({ filePath: z.string(), size: z.number().int().nonnegative(), rows: z.number().int().nonnegative() }),
    ),
    listDevicesAudit: invoke('devices:audit', empty, z.array(devicesAuditEntrySchema)),
    deviceCaseSubject: invoke(
      'devices:case-subject',
      z.object({ key: deviceKey }).strict(),
      z.object({ userUpn: z.string(), deviceId: z.string(), connection: liveConnectionSchema }),
    ),
  },
  events: {
    onBackendNotice: event('event:backend-notice', backendNoticeSchema),
    onCaseUpdated: event('event:case-updated', caseViewSchema),
    onShellStatus: event('event:shell-status', shellStatusSchema),
    onAuthStatus: event('event:auth-status', authStatusViewSchema),
    onDevicesStatus: event('event:devices-status', inventoryStatusSchema),
  },
} as const;

export type IpcContract = typeof ipcContract;
export type InvokeName = keyof IpcContract['invoke'];
export type EventName = keyof IpcContract['events'];

/** What a caller passes (before zod defaults apply). */
export type RequestOf<K extends InvokeName> = z.input<IpcContract['invoke'][K]['request']>;
/** What a handler receives (after zod parsing). */
export type ParsedRequestOf<K extends InvokeName> = z.output<IpcContract['invoke'][K]['request']>;
export type ResponseOf<K extends InvokeName> = z.output<IpcContract['invoke'][K]['response']>;
export type EventPayloadOf<K extends EventName> = z.output<IpcContract['events'][K]['payload']>;

export const invokeNames = Object.keys(ipcContract.invoke) as InvokeName[];
export const eventNames = Object.keys(ipcContract.events) as EventName[];
export const invokeChannels: readonly string[] = invokeNames.map((k) => ipcContract.invoke[k].channel);
export const eventChannels: readonly string[] = eventNames.map((k) => ipcContract.events[k].channel);
