import type { ScenarioInput } from '../../scenario/scenario-schema';
import { EasConversation } from '../../mailbox-log/eas-conversation';
import type { LogDevice } from '../../mailbox-log/mailbox-log-writer';

/**
 * The Contoso demo tenant every built-in scenario starts from: a helpdesk operator, the user with
 * the phone (Alex Wilber), colleagues, groups, roles and a few ordinary CA policies. Scenarios
 * change only what their story needs. All names, ids and addresses are invented.
 */
export const NOW = '2026-11-26T09:00:00Z';
export const EXO_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export const ids = {
  tenant: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  operator: '0a6c1f1e-5b7d-4c2a-9e3f-1d2c3b4a5f60',
  alex: 'b1f0c2d4-7e3a-4f6b-9c8d-2a1e3f4b5c61',
  megan: 'c2a1d3e5-8f4b-4a7c-8d9e-3b2f4a5c6d72',
  lee: 'd3b2e4f6-9a5c-4b8d-9eaf-4c3a5b6d7e83',
  groupAllStaff: 'e4c3f5a7-0b6d-4c9e-8fb0-5d4b6c7e8f94',
  groupSales: 'f5d4a6b8-1c7e-4daf-90c1-6e5c7d8f9aa5',
  groupSalesEmea: 'a6e5b7c9-2d8f-4eb0-81d2-7f6d8e9fabb6',
  groupFieldEngineers: 'b7f6c8da-3e9a-4fc1-92e3-8a7e9fa0bcc7',
  roleGlobalReader: 'c8a7d9eb-4fab-40d2-a3f4-9b8fa0b1cdd8',
  roleReportsReader: 'd9b8eafc-5abc-41e3-b4a5-acf9b1c2dee9',
  policyAdminMfa: '1e2d3c4b-5a69-4788-9766-554433221101',
  policyBrowserCompliant: '2f3e4d5c-6b7a-4899-8877-665544332202',
  locationHq: '3a4f5e6d-7c8b-49aa-9988-776655443303',
};

export const GLOBAL_READER_TEMPLATE = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
export const REPORTS_READER_TEMPLATE = '4a5d8f65-41da-4de4-8968-e035b65339cf';

export const ALL_GRAPH_PERMISSIONS = [
  'User.Read',
  'User.Read.All',
  'GroupMember.Read.All',
  'Directory.Read.All',
  'RoleManagement.Read.Directory',
  'Policy.Read.All',
  'Policy.Read.ConditionalAccess',
  'AuditLog.Read.All',
];

/** Alex's iPhone on iOS Mail, EAS 16.1: the phone most stories are about. */
export const alexIphone = {
  mailbox: 'alex.wilber@contoso.example',
  deviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B',
  deviceType: 'iPhone',
  friendlyName: "Alex's iPhone",
  deviceModel: 'iPhone15C2',
  deviceOS: 'iOS 18.6 22G86',
  deviceUserAgent: 'Apple-iPhone15C2/2206.86',
  clientVersion: '16.1',
  firstSyncTime: '2025-03-02T08:14:05Z',
  lastSuccessSync: '2026-11-26T08:52:40Z',
  lastSyncAttemptTime: '2026-11-26T08:52:40Z',
  lastPingHeartbeat: 900,
  numberOfFoldersSynced: 12,
};

/** Alex's Samsung phone on Samsung Email. */
export const alexSamsung = {
  mailbox: 'alex.wilber@contoso.example',
  deviceId: 'SEC1A2B3C4D5E6F7A8',
  deviceType: 'SAMSUNGSMS918B',
  friendlyName: 'Galaxy S23 Ultra',
  deviceModel: 'SM-S918B',
  deviceOS: 'Android 15.0.0',
  deviceUserAgent: 'Android-SAMSUNG-SM-S918B/102.150201',
  clientVersion: '16.1',
  firstSyncTime: '2026-11-25T16:40:11Z',
  lastSuccessSync: null,
  lastSyncAttemptTime: '2026-11-26T08:41:02Z',
  lastPingHeartbeat: null,
  numberOfFoldersSynced: 0,
};

export function logDevice(device: {
  mailbox: string;
  deviceId: string;
  deviceType: string;
  deviceUserAgent: string;
  clientVersion: string;
}): LogDevice {
  return {
    user: device.mailbox,
    deviceId: device.deviceId,
    deviceType: device.deviceType,
    userAgent: device.deviceUserAgent,
    protocolVersion: device.clientVersion,
    serverName: 'BY5PR00MB0002',
    assemblyVersion: '15.20.8722.021',
  };
}

/** A healthy morning of a 16.1 device: provision, folder sync, first syncs, new mail, pings. */
export function healthyMorning(
  device: Parameters<typeof logDevice>[0],
  start: string,
  seed: number,
): EasConversation {
  return new EasConversation(logDevice(device), start, seed)
    .provision('iPhone15C2', 'iOS 18.6 22G86')
    .folderSync('0', '1')
    .sync('5', '0', '441876230')
    .sync('5', '441876230', '441876231', { adds: 2 })
    .ping(900, 2)
    .sync('5', '441876231', '441876232', { adds: 1 })
    .ping(900, 1);
}

/** The tenant as it is before any story changes it. */
export function baseTenant(): Omit<ScenarioInput, 'id' | 'title' | 'story' | 'details' | 'expected'> {
  return {
    formatVersion: 1,
    clock: { now: NOW, speed: 1 },
    latency: 'demo',
    tenant: { id: ids.tenant, displayName: 'Contoso (demo)', defaultDomain: 'contoso.example' },
    operator: {
      userId: ids.operator,
      graphPermissions: [...ALL_GRAPH_PERMISSIONS],
      exchangeRoles: ['View-Only Recipients', 'Mail Recipients', 'Organization Client Access'],
      customRoles: [],
      unavailableCmdlets: [],
    },
    identity: { tokenLifetimeSeconds: 3600 },
    users: [
      {
        id: ids.operator,
        userPrincipalName: 'helpdesk@contoso.example',
        displayName: 'Helpdesk Tier 1',
        mail: 'helpdesk@contoso.example',
        memberOf: [ids.groupAllStaff],
      },
      {
        id: ids.alex,
        userPrincipalName: 'alex.wilber@contoso.example',
        displayName: 'Alex Wilber',
        mail: 'alex.wilber@contoso.example',
        jobTitle: 'Account Manager',
        memberOf: [ids.groupAllStaff, ids.groupSalesEmea],
      },
      {
        id: ids.megan,
        userPrincipalName: 'megan.bowen@contoso.example',
        displayName: 'Megan Bowen',
        mail: 'megan.bowen@contoso.example',
        jobTitle: 'Marketing Manager',
        memberOf: [ids.groupAllStaff],
      },
      {
        id: ids.lee,
        userPrincipalName: 'lee.gu@contoso.example',
        displayName: 'Lee Gu',
        mail: 'lee.gu@contoso.example',
        jobTitle: 'Field Engineer',
        memberOf: [ids.groupAllStaff, ids.groupFieldEngineers],
      },
    ],
    groups: [
      { id: ids.groupAllStaff, displayName: 'All Staff', securityEnabled: true, mailEnabled: true },
      { id: ids.groupSales, displayName: 'Sales', securityEnabled: true },
      {
        id: ids.groupSalesEmea,
        displayName: 'Sales EMEA',
        securityEnabled: true,
        memberOf: [ids.groupSales],
      },
      { id: ids.groupFieldEngineers, displayName: 'Field Engineers', securityEnabled: true },
    ],
    directoryRoles: [
      {
        id: ids.roleGlobalReader,
        roleTemplateId: GLOBAL_READER_TEMPLATE,
        displayName: 'Global Reader',
        description: 'Can read everything that a Global Administrator can, but not update anything.',
        members: [ids.operator],
      },
      {
        id: ids.roleReportsReader,
        roleTemplateId: REPORTS_READER_TEMPLATE,
        displayName: 'Reports Reader',
        description: 'Can read sign-in and audit reports.',
        members: [],
      },
    ],
    exchange: {
      organizationConfig: {
        defaultAuthenticationPolicy: 'Block Basic Auth',
        oAuth2ClientProfileEnabled: true,
      },
      activeSyncOrganizationSettings: {
        defaultAccessLevel: 'Allow',
        adminMailRecipients: ['it-mobile@contoso.example'],
      },
      deviceAccessRules: [],
      clientAccessRules: 'retired',
      authenticationPolicies: [{ name: 'Block Basic Auth', allowBasicAuth: {} }],
      mobileDeviceMailboxPolicies: [
        {
          name: 'Default',
          isDefault: true,
          passwordEnabled: true,
          minPasswordLength: 6,
          allowNonProvisionableDevices: false,
        },
      ],
      mailboxes: [
        { user: 'helpdesk@contoso.example', alias: 'helpdesk' },
        { user: 'alex.wilber@contoso.example', alias: 'alex.wilber' },
        { user: 'megan.bowen@contoso.example', alias: 'megan.bowen' },
        { user: 'lee.gu@contoso.example', alias: 'lee.gu' },
      ],
      mobileDevices: [],
    },
    entra: {
      premiumLicence: true,
      conditionalAccessPolicies: [
        caPolicy(ids.policyAdminMfa, 'Require MFA for administrators', 'enabled', {
          users: { includeRoles: ['62e90394-69f5-4237-9190-012177145e10'] },
          applications: { includeApplications: ['All'] },
          clientAppTypes: ['all'],
          grant: ['mfa'],
        }),
        caPolicy(
          ids.policyBrowserCompliant,
          'Browsers on unmanaged devices: require compliant device',
          'enabled',
          {
            users: { includeUsers: ['All'], excludeUsers: [ids.operator] },
            applications: { includeApplications: ['Office365'] },
            clientAppTypes: ['browser'],
            grant: ['compliantDevice'],
          },
        ),
      ],
      namedLocations: [
        {
          '@odata.type': '#microsoft.graph.ipNamedLocation',
          id: ids.locationHq,
          displayName: 'Contoso HQ egress',
          createdDateTime: '2024-02-01T10:00:00Z',
          modifiedDateTime: '2024-02-01T10:00:00Z',
          isTrusted: true,
          ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
        },
      ],
      signIns: [],
      whatIf: { versions: ['v1.0', 'beta'], results: [] },
    },
    graph: { pageSize: 100, throttling: [] },
  };
}

interface PolicySpec {
  users: Partial<
    Record<
      'includeUsers' | 'excludeUsers' | 'includeGroups' | 'excludeGroups' | 'includeRoles' | 'excludeRoles',
      string[]
    >
  >;
  applications: { includeApplications: string[] };
  clientAppTypes: string[];
  grant: string[];
  platforms?: string[];
}

/** A conditionalAccessPolicy in Graph's JSON shape (eas-reference.md §6.1). */
export function caPolicy(
  id: string,
  displayName: string,
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced',
  spec: PolicySpec,
) {
  const list = (key: keyof PolicySpec['users']) => spec.users[key] ?? [];
  return {
    id,
    templateId: null,
    displayName,
    createdDateTime: '2025-01-15T10:00:00Z',
    modifiedDateTime: '2026-06-03T14:20:00Z',
    state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: spec.clientAppTypes,
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: spec.platforms ? { includePlatforms: spec.platforms, excludePlatforms: [] } : null,
      locations: null,
      devices: null,
      clientApplications: null,
      authenticationFlows: null,
      applications: {
        includeApplications: spec.applications.includeApplications,
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: list('includeUsers'),
        excludeUsers: list('excludeUsers'),
        includeGroups: list('includeGroups'),
        excludeGroups: list('excludeGroups'),
        includeRoles: list('includeRoles'),
        excludeRoles: list('excludeRoles'),
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
    },
    grantControls: {
      operator: 'OR',
      builtInControls: spec.grant,
      customAuthenticationFactors: [],
      termsOfUse: [],
      authenticationStrength: null,
    },
    sessionControls: null,
  };
}

let signInCounter = 0;

/** A signIn in Graph's JSON shape (eas-reference.md §6.3); `policies` are the per-policy CA results. */
export function signIn(options: {
  at: string;
  user: { id: string; upn: string };
  clientAppUsed?: string;
  appDisplayName?: string;
  ip?: string;
  errorCode?: number;
  failureReason?: string;
  caStatus?: 'success' | 'failure' | 'notApplied';
  policies?: { id: string; displayName: string; result: string; grant?: string[] }[];
  os?: string;
  /** The client app's id (iOS Accounts, Outlook…); default: Exchange Online, as a password EAS sign-in shows. */
  appId?: string;
  /** Two-letter country of the sign-in; default US (Seattle). */
  country?: string;
  city?: string;
  /** false: a non-interactive sign-in (token refresh), listed only by Graph beta. */
  interactive?: boolean;
  compliant?: boolean;
  managed?: boolean;
}) {
  signInCounter++;
  const hex = signInCounter.toString(16).padStart(12, '0');
  return {
    id: `5a1e0000-0000-4000-8000-${hex}`,
    createdDateTime: options.at,
    userDisplayName: null,
    userPrincipalName: options.user.upn,
    userId: options.user.id,
    appId: options.appId ?? EXO_APP_ID,
    appDisplayName: options.appDisplayName ?? 'Office 365 Exchange Online',
    resourceId: EXO_APP_ID,
    resourceDisplayName: 'Office 365 Exchange Online',
    clientAppUsed: options.clientAppUsed ?? 'Exchange ActiveSync',
    ipAddress: options.ip ?? '198.51.100.7',
    isInteractive: options.interactive ?? true,
    correlationId: `c0e1a7e5-0000-4000-9000-${hex}`,
    conditionalAccessStatus: options.caStatus ?? 'notApplied',
    appliedConditionalAccessPolicies: (options.policies ?? []).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      enforcedGrantControls: p.grant ?? [],
      enforcedSessionControls: [],
      result: p.result,
    })),
    status: {
      errorCode: options.errorCode ?? 0,
      failureReason: options.failureReason ?? 'Other.',
      additionalDetails: null,
    },
    deviceDetail: {
      deviceId: '',
      displayName: null,
      operatingSystem: options.os ?? 'Ios',
      browser: null,
      isCompliant: options.compliant ?? false,
      isManaged: options.managed ?? false,
      trustType: null,
    },
    location: {
      city: options.city ?? (options.country && options.country !== 'US' ? null : 'Seattle'),
      state: options.country && options.country !== 'US' ? null : 'Washington',
      countryOrRegion: options.country ?? 'US',
      geoCoordinates: { latitude: 47.6, longitude: -122.3, altitude: null },
    },
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes_v2: [],
  };
}

/** Ordinary sign-ins by colleagues, so filters by user actually have something to filter out. */
export function backgroundSignIns() {
  return [
    signIn({
      at: '2026-11-26T08:30:12Z',
      user: { id: ids.megan, upn: 'megan.bowen@contoso.example' },
      clientAppUsed: 'Browser',
      appDisplayName: 'Office 365 Exchange Online',
      os: 'Windows10',
      ip: '203.0.113.40',
    }),
    signIn({
      at: '2026-11-26T07:55:41Z',
      user: { id: ids.lee, upn: 'lee.gu@contoso.example' },
      clientAppUsed: 'Mobile Apps and Desktop clients',
      appDisplayName: 'Microsoft Outlook',
      os: 'Android',
    }),
    signIn({
      at: '2026-11-25T17:10:03Z',
      user: { id: ids.megan, upn: 'megan.bowen@contoso.example' },
      clientAppUsed: 'Exchange ActiveSync',
      os: 'Ios',
      ip: '198.51.100.80',
    }),
  ];
}

/** What-If answers where none of the base policies applies to Alex's EAS sign-in. */
export function baseWhatIfNotApplying() {
  return [
    { policyId: ids.policyAdminMfa, policyApplies: false, analysisReasons: 'users' },
    { policyId: ids.policyBrowserCompliant, policyApplies: false, analysisReasons: 'clientApps' },
  ];
}
