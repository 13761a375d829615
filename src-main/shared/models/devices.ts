import { z } from 'zod';

/**
 * The Devices area: the tenant's mobile device partnerships as rows, the saved views, the "why
 * this state" explanation, the rules what-if and approve/deny from the quarantine queue.
 */

export const deviceViewSchema = z.enum([
  'all',
  'quarantined',
  'new-24h',
  'new-7d',
  'blocked',
  'old-protocol',
  'stale-30',
  'stale-90',
  'heavy-users',
]);
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const deviceSortSchema = z.enum(['user', 'device', 'state', 'protocol', 'firstSeen', 'lastActivity']);
export type DeviceSort = z.infer<typeof deviceSortSchema>;

export const deviceAppSchema = z.enum(['native', 'outlook']);

export const deviceRowSchema = z.object({
  /** The partnership's Identity (`<mailbox>\ExchangeActiveSyncDevices\<Type>§<DeviceId>`). */
  key: z.string(),
  deviceId: z.string(),
  /** The mailbox part of the Identity; what Set-CASMailbox -Identity takes. */
  mailbox: z.string(),
  userDisplayName: z.string(),
  friendlyName: z.string(),
  deviceType: z.string(),
  deviceModel: z.string(),
  deviceOS: z.string(),
  userAgent: z.string(),
  /** Native mail app (EAS) or Outlook mobile (not an EAS client, facts F21). */
  app: deviceAppSchema,
  protocolVersion: z.string(),
  state: z.string(),
  reason: z.string(),
  rule: z.string().nullable(),
  firstSeen: z.string().nullable(),
  /** WhenChanged of the partnership: the last time Exchange touched it, known for every row. */
  lastActivity: z.string().nullable(),
  /** From Get-MobileDeviceStatistics, read only for rows someone looked at. */
  lastSync: z.string().nullable().optional(),
  wipePending: z.boolean().optional(),
  /** How many partnerships this mailbox has (the limit is 100, facts F35). */
  partnerships: z.number().int().nonnegative(),
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;

export const inventoryStatusSchema = z.object({
  state: z.enum(['idle', 'loading', 'ready', 'cancelled', 'failed']),
  /** Devices received so far. */
  loaded: z.number().int().nonnegative(),
  connectionLabel: z.string().nullable(),
  message: z.string().optional(),
  /** The tenant's time when the listing finished (views such as "new in 24 h" count from it). */
  asOf: z.string().nullable(),
  /** Count per view, for the view picker. */
  viewCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
});
export type InventoryStatus = z.infer<typeof inventoryStatusSchema>;

export const devicesQuerySchema = z
  .object({
    view: deviceViewSchema.default('all'),
    search: z.string().max(200).optional(),
    sort: deviceSortSchema.optional(),
    descending: z.boolean().default(false),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type DevicesQuery = z.output<typeof devicesQuerySchema>;

const accessPathStepSchema = z.object({
  check: z.enum(['user-blocked-list', 'auto-block', 'user-allowed-list', 'external', 'discovery', 'rule', 'org-default']),
  characteristic: z.string().optional(),
  matched: z.boolean(),
  detail: z.string(),
});

export const deviceWhySchema = z.object({
  row: deviceRowSchema,
  /** Exchange's own answer. */
  reported: z.object({ state: z.string(), reason: z.string(), rule: z.string().nullable() }),
  /** The path recomputed from the lists, rules and default read now. */
  computed: z.object({ state: z.string(), reason: z.string(), rule: z.string().nullable() }),
  path: z.array(accessPathStepSchema),
  agrees: z.boolean(),
  /** Plain-language summary for tier-1. */
  summary: z.string(),
  /** What to do next. */
  nextStep: z.string(),
  lists: z.object({ allowed: z.array(z.string()), blocked: z.array(z.string()) }),
  defaultAccessLevel: z.string(),
  rules: z.array(z.object({ name: z.string(), characteristic: z.string(), queryString: z.string(), accessLevel: z.string() })),
});
export type DeviceWhy = z.infer<typeof deviceWhySchema>;

export const policyChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add-rule'),
    queryString: z.string().trim().min(1).max(256),
    characteristic: z.enum(['UserAgent', 'DeviceOS', 'DeviceModel', 'DeviceType']),
    accessLevel: z.enum(['Allow', 'Block', 'Quarantine']),
  }),
  z.object({ kind: z.literal('remove-rule'), name: z.string().min(1).max(300) }),
  z.object({ kind: z.literal('set-default'), accessLevel: z.enum(['Allow', 'Block', 'Quarantine']) }),
]);
export type PolicyChangeInput = z.infer<typeof policyChangeSchema>;

export const whatIfResultSchema = z.object({
  /** The command an Exchange admin would run; tier-1 does not run it. */
  command: z.string(),
  changedCount: z.number().int().nonnegative(),
  considered: z.number().int().nonnegative(),
  untouched: z.number().int().nonnegative(),
  /** From → to counts, e.g. "Quarantined → Allowed": 412. */
  transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  /** The first changed devices, for a look. */
  sample: z.array(
    z.object({ row: deviceRowSchema, to: z.object({ state: z.string(), reason: z.string(), rule: z.string().nullable() }) }),
  ),
});
export type WhatIfView = z.infer<typeof whatIfResultSchema>;

export const deviceDecisionSchema = z.enum(['approve', 'deny']);
export type DeviceDecision = z.infer<typeof deviceDecisionSchema>;

/** Most devices one bulk decision may cover. */
export const MAX_BULK_DECISION = 50;

export const decisionPreviewSchema = z.object({
  decision: deviceDecisionSchema,
  allowed: z.boolean(),
  reason: z.string().optional(),
  devices: z.array(
    z.object({
      row: deviceRowSchema,
      command: z.string(),
      /** Why this device is left out (a remote wipe is pending, it is gone). */
      refused: z.string().optional(),
    }),
  ),
  description: z.string(),
});
export type DecisionPreview = z.infer<typeof decisionPreviewSchema>;

export const devicesAuditEntrySchema = z.object({
  at: z.string(),
  who: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.string(),
  result: z.enum(['succeeded', 'failed', 'refused']),
});
export type DevicesAuditEntry = z.infer<typeof devicesAuditEntrySchema>;

export const decisionOutcomeSchema = z.object({
  results: z.array(
    z.object({
      key: z.string(),
      result: z.enum(['succeeded', 'failed', 'refused']),
      message: z.string(),
      /** The state Exchange reports after the change (read back). */
      stateAfter: z.string().optional(),
    }),
  ),
  audit: z.array(devicesAuditEntrySchema),
});
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;
