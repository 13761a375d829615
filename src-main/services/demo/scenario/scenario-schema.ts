import { z } from 'zod';

/**
 * The demo tenant's scenario format, version 1. One scenario describes one tenant as Exchange
 * Online and Entra ID would show it to the wizard, plus the story it tells and the finding codes
 * the analysis is expected to produce. assets/scenarios/scenario.schema.json is generated from
 * this file (see tools/write-scenario-schema.ts) and docs/scenarios.md documents it.
 *
 * Own fields are camelCase; Graph objects (policies, named locations, sign-ins) are stored in
 * Graph's own JSON shape so they can be pasted from Graph Explorer and are served as they are.
 */
export const SCENARIO_FORMAT_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });
const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected a GUID');
/** The finding codes of the analysis catalog (assets/findings/catalog.json). */
const findingCode = z.string().regex(/^[A-Z0-9_]+$/, 'expected a finding code such as DEVICE_BLOCKED');

export const latencyProfileSchema = z.enum(['instant', 'demo', 'realistic']);

const userSchema = z.strictObject({
  id: guid,
  userPrincipalName: z.string().includes('@'),
  displayName: z.string(),
  mail: z.string().nullable().optional(),
  accountEnabled: z.boolean().default(true),
  jobTitle: z.string().nullable().optional(),
  /** Ids of the groups the user is a direct member of. */
  memberOf: z.array(guid).default([]),
  /**
   * When a direct membership started (group id → time). A membership that starts after the
   * scenario's clock is not there yet; one absent here has always been.
   */
  memberSince: z.record(guid, isoDateTime).default({}),
  /** Exchange authentication policy assigned to the user (Get-User → AuthenticationPolicy). */
  authenticationPolicy: z.string().nullable().default(null),
});

const groupSchema = z.strictObject({
  id: guid,
  displayName: z.string(),
  description: z.string().nullable().optional(),
  securityEnabled: z.boolean().default(true),
  mailEnabled: z.boolean().default(false),
  /** Ids of the groups this group is nested in (transitiveMemberOf follows them). */
  memberOf: z.array(guid).default([]),
});

const directoryRoleSchema = z.strictObject({
  id: guid,
  roleTemplateId: guid,
  displayName: z.string(),
  description: z.string().optional(),
  /** User ids holding the role (active assignments only, as /directoryRoles shows). */
  members: z.array(guid).default([]),
});

const operatorSchema = z.strictObject({
  /** The operator's own Entra user; must also be listed in `users`. */
  userId: guid,
  /** Delegated Graph permissions consented for the app (the token's scp). Drop one to simulate a 403. */
  graphPermissions: z.array(z.string()),
  /** Exchange role assignments, as Get-ManagementRoleAssignment returns them. */
  exchangeRoles: z.array(z.string()).default([]),
  /**
   * Custom management roles (Get-ManagementRoleEntry answers with these entries, cmdlet →
   * parameters); list their names in exchangeRoles to assign them. Built-in roles come from
   * the demo shell's catalogue.
   */
  customRoles: z
    .array(z.strictObject({ name: z.string(), parent: z.string(), entries: z.record(z.string(), z.array(z.string())) }))
    .default([]),
  /** Cmdlets missing from the operator's session because their RBAC roles lack them. */
  unavailableCmdlets: z.array(z.string()).default([]),
});

const identitySchema = z.strictObject({
  /** Lifetime of each demo access token; a short one exercises refresh and reconnect. */
  tokenLifetimeSeconds: z.number().int().min(1).default(3600),
});

const mailboxSchema = z.strictObject({
  /** UPN of the owning user in `users`. */
  user: z.string(),
  alias: z.string().regex(/^[A-Za-z0-9._-]+$/),
  /**
   * What Get-Recipient calls it. MailUser / RemoteUserMailbox: the mailbox lives on-premises
   * (hybrid), so Exchange Online has a recipient but no mailbox for it (facts.md F37).
   */
  recipientTypeDetails: z
    .enum(['UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox', 'MailUser', 'RemoteUserMailbox'])
    .default('UserMailbox'),
  activeSyncEnabled: z.boolean().default(true),
  owaEnabled: z.boolean().default(true),
  ewsEnabled: z.boolean().default(true),
  popEnabled: z.boolean().default(false),
  imapEnabled: z.boolean().default(false),
  mapiEnabled: z.boolean().default(true),
  allowedDeviceIds: z.array(z.string()).default([]),
  blockedDeviceIds: z.array(z.string()).default([]),
  /** Mobile device mailbox policy name; null means the organisation default. */
  mobileDeviceMailboxPolicy: z.string().nullable().default(null),
  /** When ActiveSync debug logging was last turned on (null: never). It lapses 48 h later. */
  debugLoggingEnabledAt: isoDateTime.nullable().default(null),
});

const deviceAccessReasonAutoBlock = z.enum([
  'UserAgentsChanges',
  'RecentCommands',
  'Watsons',
  'OutOfBudgets',
  'SyncCommands',
  'CommandFrequency',
]);

const mailboxLogSchema = z.union([
  z.strictObject({
    file: z.string().regex(/^[A-Za-z0-9._-]+\.txt$/, 'expected a .txt file name next to scenario.json'),
  }),
  z.strictObject({ text: z.string() }),
]);

const mobileDeviceSchema = z.strictObject({
  /** UPN of the mailbox owner (a mailbox must exist for it). */
  mailbox: z.string(),
  deviceId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'DeviceId is 1–32 letters and digits'),
  deviceType: z.string().max(32),
  friendlyName: z.string().default(''),
  deviceModel: z.string(),
  deviceOS: z.string(),
  deviceOSLanguage: z.string().default('en-US'),
  deviceUserAgent: z.string(),
  deviceImei: z.string().default(''),
  deviceMobileOperator: z.string().default(''),
  deviceTelephoneNumber: z.string().default(''),
  /** EAS protocol version the client negotiated (`ClientVersion`), e.g. "16.1". */
  clientVersion: z.string().regex(/^\d+\.\d+$/),
  clientType: z.string().default('EAS'),
  firstSyncTime: isoDateTime,
  lastSuccessSync: isoDateTime.nullable(),
  lastSyncAttemptTime: isoDateTime.nullable(),
  lastPingHeartbeat: z.number().int().nullable().default(null),
  numberOfFoldersSynced: z.number().int().default(0),
  devicePolicyApplicationStatus: z
    .enum(['Unknown', 'NotApplied', 'AppliedInFull', 'PartiallyApplied', 'ExternallyManaged'])
    .default('AppliedInFull'),
  /** Remote wipe status (`Status`). */
  status: z
    .enum(['DeviceOk', 'DeviceBlocked', 'DeviceWipePending', 'DeviceWipeSucceeded'])
    .default('DeviceOk'),
  /** Intune/Entra view of the device; drives ExternalCompliance / ExternalEnrollment quarantine. */
  external: z.enum(['none', 'compliant', 'noncompliant', 'unmanaged']).default('none'),
  /** An active auto-block (throttling) with the scenario time it ends. */
  autoBlock: z
    .strictObject({ reason: deviceAccessReasonAutoBlock, until: isoDateTime })
    .nullable()
    .default(null),
  /** True while the device has not yet sent Settings/DeviceInformation (DeviceDiscovery). */
  discovery: z.boolean().default(false),
  /**
   * The phone cannot meet the mobile device mailbox policy, so Exchange reports Blocked / Policy.
   * That state comes from provisioning, not from the ABQ order: only the user's blocked list and an
   * auto-block are reported over it.
   */
  policyBlocked: z.boolean().default(false),
  /**
   * The decision Exchange stored at the phone's last request, which Get-MobileDevice reports until
   * the phone's next one (facts F26): for a phone whose lists changed since (for example added to
   * the user's allowed list). Null: the reported decision follows the settings at once, as if the
   * phone had just connected. A change to this phone's entries on the user's lists in the demo
   * clears it (the demo phone connects right after an action).
   */
  decidedAtLastRequest: z
    .strictObject({ state: z.enum(['Allowed', 'Blocked', 'Quarantined']), reason: z.string().regex(/^[A-Za-z]+$/) })
    .nullable()
    .default(null),
  /** The device's mailbox log as Get-MobileDeviceStatistics -GetMailboxLog returns it. */
  mailboxLog: mailboxLogSchema.nullable().default(null),
  /**
   * Training: the phone sends the log's requests only once debug logging is on, starting this many
   * seconds after it was turned on (the log is moved to that time and fills as the scenario clock
   * runs). Null: the log is returned as written.
   */
  requestsAfterLoggingOnSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
});

const deviceAccessRuleSchema = z.strictObject({
  /** Defaults to "<QueryString> (<Characteristic>)", Exchange's own naming. */
  name: z.string().optional(),
  queryString: z.string(),
  characteristic: z.enum(['DeviceType', 'DeviceModel', 'DeviceOS', 'UserAgent', 'XMSWLHeader']),
  accessLevel: z.enum(['Allow', 'Block', 'Quarantine']),
});

const clientAccessRuleSchema = z.strictObject({
  name: z.string(),
  priority: z.number().int().min(0),
  enabled: z.boolean().default(true),
  action: z.enum(['AllowAccess', 'DenyAccess']),
  anyOfProtocols: z.array(z.string()).default([]),
  anyOfAuthenticationTypes: z.array(z.string()).default([]),
  anyOfClientIPAddressesOrRanges: z.array(z.string()).default([]),
  exceptAnyOfClientIPAddressesOrRanges: z.array(z.string()).default([]),
  usernameMatchesAnyOfPatterns: z.array(z.string()).default([]),
  scope: z.enum(['All', 'Users']).default('All'),
});

const authenticationPolicySchema = z.strictObject({
  name: z.string(),
  /** Every AllowBasicAuth* flag not listed is false, as on a newly created policy. */
  allowBasicAuth: z.record(z.string().regex(/^AllowBasicAuth[A-Za-z]+$/), z.boolean()).default({}),
});

const mobileDeviceMailboxPolicySchema = z.strictObject({
  name: z.string(),
  isDefault: z.boolean().default(false),
  passwordEnabled: z.boolean().default(false),
  allowNonProvisionableDevices: z.boolean().default(true),
  minPasswordLength: z.number().int().nullable().default(null),
  requireDeviceEncryption: z.boolean().default(false),
});

const exchangeSchema = z.strictObject({
  organizationConfig: z
    .strictObject({
      defaultAuthenticationPolicy: z.string().nullable().default(null),
      oAuth2ClientProfileEnabled: z.boolean().default(true),
    })
    .prefault({}),
  activeSyncOrganizationSettings: z
    .strictObject({
      defaultAccessLevel: z.enum(['Allow', 'Block', 'Quarantine']).default('Allow'),
      allowAccessForUnSupportedPlatform: z.boolean().default(true),
      adminMailRecipients: z.array(z.string()).default([]),
      userMailInsert: z.string().nullable().default(null),
      otaNotificationMailInsert: z.string().nullable().default(null),
    })
    .prefault({}),
  deviceAccessRules: z.array(deviceAccessRuleSchema).default([]),
  /** "retired" (Exchange Online since Sept 2025): the cmdlets are not recognized at all. */
  clientAccessRules: z.union([z.literal('retired'), z.array(clientAccessRuleSchema)]).default('retired'),
  authenticationPolicies: z.array(authenticationPolicySchema).default([]),
  mobileDeviceMailboxPolicies: z.array(mobileDeviceMailboxPolicySchema).default([
    {
      name: 'Default',
      isDefault: true,
      passwordEnabled: false,
      allowNonProvisionableDevices: true,
      minPasswordLength: null,
      requireDeviceEncryption: false,
    },
  ]),
  /**
   * Get-CASMailboxPlan (facts F38); absent: one plan with ActiveSync on. A plan with ActiveSync off
   * is how a tenant turns EAS off for every new mailbox.
   */
  casMailboxPlans: z.array(z.strictObject({ name: z.string(), activeSyncEnabled: z.boolean() })).optional(),
  mailboxes: z.array(mailboxSchema).default([]),
  mobileDevices: z.array(mobileDeviceSchema).default([]),
});

/** Graph objects: the few fields the simulator reads are checked, the rest passes through. */
const caPolicySchema = z.looseObject({
  id: guid,
  displayName: z.string(),
  state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
  conditions: z.looseObject({}),
});

const namedLocationSchema = z.looseObject({
  '@odata.type': z.enum(['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation']),
  id: guid,
  displayName: z.string(),
});

const signInSchema = z.looseObject({
  id: z.string(),
  createdDateTime: isoDateTime,
  userId: guid,
  userPrincipalName: z.string(),
  clientAppUsed: z.string(),
  appliedConditionalAccessPolicies: z
    .array(z.looseObject({ id: z.string(), result: z.string() }))
    .default([]),
  status: z.looseObject({ errorCode: z.number().int() }),
});

const whatIfResultSchema = z.strictObject({
  /** Which evaluate requests this recorded answer is for; an absent key matches anything. */
  when: z
    .strictObject({
      userId: guid.optional(),
      clientAppType: z.string().optional(),
      devicePlatform: z.string().optional(),
      /** The sign-in's IP address, as the wizard passes it from the phone's sign-in. */
      ipAddress: z.string().optional(),
      /** Two-letter country code. */
      country: z.string().optional(),
    })
    .default({}),
  policies: z.array(
    z.strictObject({
      policyId: guid,
      policyApplies: z.boolean(),
      analysisReasons: z.string().default('notSet'),
    }),
  ),
});

const entraSchema = z.strictObject({
  /** Sign-in logs need Entra ID P1/P2; false makes /auditLogs/signIns answer 403 as Graph does. */
  premiumLicence: z.boolean().default(true),
  conditionalAccessPolicies: z.array(caPolicySchema).default([]),
  namedLocations: z.array(namedLocationSchema).default([]),
  signIns: z.array(signInSchema).default([]),
  whatIf: z
    .strictObject({
      /** API versions that answer evaluate. Sources disagree (facts.md F9), so scenarios pick. */
      versions: z.array(z.enum(['v1.0', 'beta'])).default(['v1.0', 'beta']),
      /** Status for a version that does not answer: Graph's 400 "Resource not found for the segment", or 404. */
      missingVersionStatus: z.union([z.literal(400), z.literal(404)]).default(400),
      results: z.array(whatIfResultSchema).default([]),
    })
    .prefault({}),
});

/** A Graph failure by error code (not only by permission or licence), e.g. beta refusing a filter. */
const graphFailureSchema = z.strictObject({
  /** Requests whose path (after /v1.0 or /beta) contains this text fail. */
  pathContains: z.string(),
  /** Only requests whose query string ($filter…) contains this text; absent: any. */
  queryContains: z.string().optional(),
  /** Only this API version; absent: both. */
  version: z.enum(['v1.0', 'beta']).optional(),
  status: z.number().int().min(400).max(599),
  /** Graph's `error.code`, e.g. BadRequest, Request_UnsupportedQuery, UnknownError. */
  code: z.string(),
  message: z.string(),
  /** How many matching requests fail before the path answers normally; absent: all of them. */
  times: z.number().int().min(1).optional(),
});

const graphBehaviourSchema = z.strictObject({
  /** Page size when the request has no $top; small values exercise @odata.nextLink paging. */
  pageSize: z.number().int().min(1).max(1000).default(100),
  throttling: z
    .array(
      z.strictObject({
        /** Requests whose path (after /v1.0 or /beta) contains this text are throttled. */
        pathContains: z.string(),
        status: z.union([z.literal(429), z.literal(503)]),
        retryAfterSeconds: z.number().int().min(0),
        /** How many matching requests are refused before the path answers normally. */
        times: z.number().int().min(1),
      }),
    )
    .default([]),
  failures: z.array(graphFailureSchema).default([]),
});

/**
 * A large, generated fleet added to the tenant at load time, so a 20 000-device tenant needs no
 * 20 000-device file. The generator (fleet-generator.ts) is deterministic: the same seed and
 * counts give the same users, mailboxes and devices on every machine, at the scenario's clock.
 */
const generatedFleetSchema = z.strictObject({
  seed: z.number().int().min(0).max(4_294_967_295),
  users: z.number().int().min(1).max(50_000),
  devices: z.number().int().min(0).max(200_000),
  /** Users holding 90-100 partnerships, mostly stale (the 100-partnership limit, facts F35). */
  heavyUsers: z.number().int().min(0).max(1_000).default(0),
});

const scenarioObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
  /** The folder name under assets/scenarios; lower-case words joined by dashes. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  /** One line for the start screen and the `scenarios` CLI command. */
  story: z.string().min(1).max(200),
  /** The longer story for trainers: what the user reports and what is really wrong. */
  details: z.string().default(''),
  expected: z.strictObject({
    /** Codes that are the real cause(s); empty for a healthy tenant. */
    rootCauses: z.array(findingCode),
    /** Codes the analysis must raise, root causes included (it may add info-level ones such as CLIENT_ACCESS_RULES_RETIRED). */
    findings: z.array(findingCode),
    /** Codes the analysis must not raise (e.g. a report-only policy named as the cause). */
    notFindings: z.array(findingCode).default([]),
    /**
     * The address the operator types for this story, when it is not the usual affected user's
     * (a typo, a shared mailbox). Tests and trainers start the case with it.
     */
    user: z.string().includes('@').optional(),
    /**
     * Codes allowed as the headline (the first finding), when the story has one right answer and
     * perhaps an acceptable alternative, e.g. HEALTHY_SYNC for a healthy tenant. Absent: any of
     * the root causes (or anything, for no root cause).
     */
    headline: z.array(findingCode).optional(),
    /** Codes that may or may not appear (a cautious "cannot tell", say); documented, not required. */
    mayFind: z.array(findingCode).default([]),
    /**
     * What the Connect step must report about the operator's rights: whether the wizard may
     * offer its fixes, and the exact "can't … — ask for …" lines (all of them, in order).
     */
    permissions: z.strictObject({ canAct: z.boolean(), missing: z.array(z.string()) }).optional(),
  }),
  /** Scenario time: `now` is the tenant's clock at start; `speed` runs it faster than real time. */
  clock: z.strictObject({ now: isoDateTime, speed: z.number().positive().default(1) }),
  latency: latencyProfileSchema.default('demo'),
  tenant: z.strictObject({
    id: guid,
    displayName: z.string(),
    defaultDomain: z.string(),
  }),
  operator: operatorSchema,
  identity: identitySchema.prefault({}),
  users: z.array(userSchema).min(1),
  groups: z.array(groupSchema).default([]),
  directoryRoles: z.array(directoryRoleSchema).default([]),
  exchange: exchangeSchema,
  entra: entraSchema.prefault({}),
  graph: graphBehaviourSchema.prefault({}),
  /** Generated users, mailboxes and devices added to the ones listed above. */
  generatedFleet: generatedFleetSchema.optional(),
});

/** A scenario file, validated field by field and then for cross-references. */
export const scenarioSchema = scenarioObjectSchema.superRefine(checkReferences);

/** The scenario as parsed (defaults filled in). Mailbox logs may still point at files. */
export type Scenario = z.output<typeof scenarioObjectSchema>;
export type ScenarioInput = z.input<typeof scenarioObjectSchema>;
export type ScenarioMobileDevice = Scenario['exchange']['mobileDevices'][number];
export type ScenarioMailbox = Scenario['exchange']['mailboxes'][number];
export type ScenarioUser = Scenario['users'][number];
export type LatencyProfile = z.infer<typeof latencyProfileSchema>;

/** Cross-references JSON Schema cannot express; each issue names the offending field's path. */
function checkReferences(scenario: Scenario, ctx: z.RefinementCtx<Scenario>): void {
  const userIds = new Set(scenario.users.map((u) => u.id));
  const upns = new Set(scenario.users.map((u) => u.userPrincipalName.toLowerCase()));
  const groupIds = new Set(scenario.groups.map((g) => g.id));
  const policyIds = new Set(scenario.entra.conditionalAccessPolicies.map((p) => p.id));
  const mailboxUpns = new Set(scenario.exchange.mailboxes.map((m) => m.user.toLowerCase()));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  if (!userIds.has(scenario.operator.userId))
    issue(['operator', 'userId'], 'the operator must be one of `users`');
  scenario.users.forEach((u, i) => {
    u.memberOf.forEach(
      (g, j) => groupIds.has(g) || issue(['users', i, 'memberOf', j], `no group with id ${g}`),
    );
    Object.keys(u.memberSince).forEach(
      (g) => u.memberOf.includes(g) || issue(['users', i, 'memberSince', g], `not a direct membership: ${g}`),
    );
  });
  scenario.groups.forEach((g, i) =>
    g.memberOf.forEach(
      (p, j) => groupIds.has(p) || issue(['groups', i, 'memberOf', j], `no group with id ${p}`),
    ),
  );
  scenario.directoryRoles.forEach((r, i) =>
    r.members.forEach(
      (m, j) => userIds.has(m) || issue(['directoryRoles', i, 'members', j], `no user with id ${m}`),
    ),
  );
  scenario.exchange.mailboxes.forEach(
    (m, i) =>
      upns.has(m.user.toLowerCase()) || issue(['exchange', 'mailboxes', i, 'user'], `no user ${m.user}`),
  );
  const deviceIds = new Set<string>();
  scenario.exchange.mobileDevices.forEach((d, i) => {
    if (!mailboxUpns.has(d.mailbox.toLowerCase()))
      issue(['exchange', 'mobileDevices', i, 'mailbox'], `no mailbox for ${d.mailbox}`);
    const key = `${d.mailbox.toLowerCase()}|${d.deviceId}`;
    if (deviceIds.has(key))
      issue(['exchange', 'mobileDevices', i, 'deviceId'], 'duplicate device for this mailbox');
    deviceIds.add(key);
  });
  scenario.entra.signIns.forEach(
    (si, i) =>
      userIds.has(si.userId) || issue(['entra', 'signIns', i, 'userId'], `no user with id ${si.userId}`),
  );
  scenario.entra.whatIf.results.forEach((r, i) =>
    r.policies.forEach(
      (p, j) =>
        policyIds.has(p.policyId) ||
        issue(
          ['entra', 'whatIf', 'results', i, 'policies', j, 'policyId'],
          `no CA policy with id ${p.policyId}`,
        ),
    ),
  );
}
