import {
  alexIphone,
  alexSamsung,
  backgroundSignIns,
  baseWhatIfNotApplying,
  caPolicy,
  healthyMorning,
  ids,
  logDevice,
  signIn,
} from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

/**
 * Conditional Access and sign-in traps a senior engineer would not fall into (issue 12, §4):
 * Microsoft's templates in a healthy tenant, a device-code block, a risk policy, a hybrid-joined
 * grant, an approved-app grant, a country block on a traveller, Outlook-desktop failures beside a
 * healthy phone, a refresh-token failure after a password change, a leftover Client Access Rule and
 * a sign-in frequency. Each names what the wizard must and must not conclude.
 */
const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const IOS_ACCOUNTS = 'f8d98a96-0999-43f5-8af3-69971c7bb423';
const MICROSOFT_OFFICE = 'd3590ed6-52b3-4102-aeff-aad2292ab01c';

const policyIds = {
  blockLegacy: 'c0a10000-0001-4abc-8def-00000000a001',
  mfaAll: 'c0a10000-0002-4abc-8def-00000000a002',
  unknownPlatforms: 'c0a10000-0003-4abc-8def-00000000a003',
  compliantOrMfa: 'c0a10000-0004-4abc-8def-00000000a004',
  deviceCode: 'c0a10000-0005-4abc-8def-00000000a005',
  riskyMfa: 'c0a10000-0006-4abc-8def-00000000a006',
  blockHighRisk: 'c0a10000-0007-4abc-8def-00000000a007',
  hybridJoined: 'c0a10000-0008-4abc-8def-00000000a008',
  approvedApp: 'c0a10000-0009-4abc-8def-00000000a009',
  countryBlock: 'c0a10000-000a-4abc-8def-00000000a00a',
  desktopCompliant: 'c0a10000-000b-4abc-8def-00000000a00b',
  frequency: 'c0a10000-000c-4abc-8def-00000000a00c',
};
const allowedCountries = 'c0a10000-00aa-4abc-8def-0000000000aa';

type Policy = ReturnType<typeof caPolicy>;
/** A caPolicy with conditions or session controls the plain helper does not set. */
export function withConditions(policy: Policy, conditions: Record<string, unknown>, extra: Record<string, unknown> = {}): Policy {
  return { ...policy, conditions: { ...policy.conditions, ...conditions }, ...extra } as Policy;
}
export const everyone = { includeUsers: ['All'], excludeUsers: [ids.operator] };

/** The iPhone's native mail app signing in with Microsoft sign-in ("iOS Accounts"). */
export function oauthSignIn(at: string, over: Partial<Parameters<typeof signIn>[0]> = {}) {
  return signIn({
    at,
    user: alex,
    clientAppUsed: 'Mobile Apps and Desktop clients',
    appId: IOS_ACCOUNTS,
    appDisplayName: 'iOS Accounts',
    os: 'Ios',
    caStatus: 'notApplied',
    ...over,
  });
}

/** Microsoft's Conditional Access templates as most tenants have them (Entra "Create new policy from templates"). */
function microsoftTemplates(): Policy[] {
  return [
    caPolicy(policyIds.blockLegacy, 'Block legacy authentication', 'enabled', {
      users: everyone,
      applications: { includeApplications: ['All'] },
      clientAppTypes: ['exchangeActiveSync', 'other'],
      grant: ['block'],
    }),
    caPolicy(policyIds.mfaAll, 'Require multifactor authentication for all users', 'enabled', {
      users: everyone,
      applications: { includeApplications: ['All'] },
      clientAppTypes: ['all'],
      grant: ['mfa'],
    }),
    withConditions(
      caPolicy(policyIds.unknownPlatforms, 'Block access for unknown or unsupported device platform', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['block'],
      }),
      { platforms: { includePlatforms: ['all'], excludePlatforms: ['android', 'iOS', 'windows', 'macOS', 'linux'] } },
    ),
    {
      ...caPolicy(policyIds.compliantOrMfa, 'Require compliant or hybrid Azure AD joined device or multifactor authentication for all users', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['mfa', 'compliantDevice', 'domainJoinedDevice'],
      }),
    },
    withConditions(
      caPolicy(policyIds.deviceCode, 'Block device code flow', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['block'],
      }),
      { authenticationFlows: { transferMethods: 'deviceCodeFlow' } },
    ),
    withConditions(
      caPolicy(policyIds.riskyMfa, 'Require multifactor authentication for risky sign-ins', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['mfa'],
      }),
      { signInRiskLevels: ['high', 'medium'] },
    ),
  ];
}

export const answer = (policyId: string, policyApplies: boolean, analysisReasons: string) => ({ policyId, policyApplies, analysisReasons });

export const microsoftTemplatesHealthy = defineScenario(
  {
    id: 'ca-microsoft-templates-healthy',
    title: "Microsoft's CA templates, healthy phone",
    story:
      "Contoso turned on Microsoft's Conditional Access templates; Alex's iPhone, set up with Microsoft sign-in, syncs normally.",
    details:
      'The tenant has the usual templates: Block legacy authentication, MFA for all users, block unknown platforms, compliant-or-hybrid-or-MFA, block device code flow and MFA for risky sign-ins. Alex\'s iPhone Mail signs in with Microsoft sign-in (iOS Accounts), which Conditional Access classes as "Mobile apps and desktop clients"; it did MFA once and syncs fine. "Block legacy authentication" only catches the password path, which Exchange Online refuses anyway; the device-code and risk policies cannot match a mail sign-in or only ask for MFA. What-If "applies" to the EAS client type and "not enough information" for two policies: none of that is a cause. The wizard must say the phone is healthy.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'CA_CANNOT_TELL', 'SIGNIN_FAILURES', 'NO_REQUESTS_REACHED_MAILBOX', 'BASIC_AUTH_CLIENT'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, ...microsoftTemplates()];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    const mfaDone = { caStatus: 'success' as const, policies: [{ id: policyIds.mfaAll, displayName: 'Require multifactor authentication for all users', result: 'success', grant: ['Mfa'] }] };
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T07:58:02Z', mfaDone),
      oauthSignIn('2026-11-26T07:57:40Z', { errorCode: 50074, failureReason: 'Strong Authentication is required.', caStatus: 'notApplied' }),
      oauthSignIn('2026-11-25T18:02:11Z', { ...mfaDone, interactive: false }),
      ...backgroundSignIns(),
    ];
    const common = [
      answer(policyIds.mfaAll, true, 'notSet'),
      answer(policyIds.unknownPlatforms, false, 'devicePlatform'),
      answer(policyIds.compliantOrMfa, true, 'notSet'),
      answer(policyIds.deviceCode, false, 'notEnoughInformation'),
      answer(policyIds.riskyMfa, false, 'notEnoughInformation'),
    ];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' }, policies: [...baseWhatIfNotApplying(), ...common, answer(policyIds.blockLegacy, true, 'notSet')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), ...common, answer(policyIds.blockLegacy, false, 'clientApps')] },
    ];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7c100000);
  },
);

export const deviceCodeBlock = defineScenario(
  {
    id: 'ca-device-code-block',
    title: 'Device-code block is not the cause; the org default is',
    story:
      "The tenant blocks the device code flow for everyone; Alex's new Galaxy is really quarantined by the organisation default.",
    details:
      'Security enabled Microsoft\'s "Block device code flow" template for all users, all apps and all client apps. A mail app never uses the device code flow, so the policy cannot touch the phone. What-If does not answer in this tenant, so the wizard must read the policy itself and not call it a block. The real problem: Contoso quarantines every new phone (DefaultAccessLevel Quarantine) and Alex\'s new Galaxy with Samsung Email is waiting for approval.',
    expected: {
      rootCauses: ['DEVICE_QUARANTINED'],
      findings: ['DEVICE_QUARANTINED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'CA_CANNOT_TELL', 'HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const deviceCode = microsoftTemplates().find((p) => p.id === policyIds.deviceCode)!;
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, deviceCode];
    t.exchange.activeSyncOrganizationSettings = { defaultAccessLevel: 'Quarantine', adminMailRecipients: ['it-mobile@contoso.example'] };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId];
    t.exchange.mobileDevices = [{ ...alexIphone }, { ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } }];
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T08:20:00Z', { os: 'Android', appId: 'b4c8e5a1-5e8d-4f8a-9d2c-7a1b3c5d7e9f', appDisplayName: 'Samsung Email' }),
      ...backgroundSignIns(),
    ];
    // What-If does not answer in this tenant (neither version): the app's own evaluation decides.
    t.entra!.whatIf = { versions: [], missingVersionStatus: 400, results: [] };
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:20:05Z', 0x7c200000);
    c.access = { accessState: 'Quarantined', accessStateReason: 'Global' };
    c.provision('SM-S918B', 'Android 15.0.0').folderSync('0', '1').sync('5', '0', '770001').ping(480, 1);
    logs['alex-samsung.txt'] = c;
  },
);

export const riskPolicy = defineScenario(
  {
    id: 'ca-risk-policy',
    title: 'A risk policy is "cannot tell"; a device rule is the cause',
    story:
      "A 'block high-risk sign-ins' policy covers everyone; Alex's Galaxy is really blocked by an old device access rule.",
    details:
      'Identity Protection\'s "Block high-risk sign-ins" policy applies to all users and apps. Whether a sign-in is risky is decided by Entra at sign-in time; the wizard cannot know, so the policy is "cannot tell", never "blocks this phone". Alex\'s sign-ins show no risk block, and What-If does not answer in this tenant. The real cause: an old device access rule blocks the Samsung Email app (DeviceType SAMSUNGSMS918B), so every FolderSync gets Status 129.',
    expected: {
      rootCauses: ['DEVICE_BLOCKED'],
      findings: ['DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'HEALTHY_SYNC'],
      mayFind: ['CA_CANNOT_TELL'],
    },
  },
  (t, logs) => {
    const risk = withConditions(
      caPolicy(policyIds.blockHighRisk, 'Block high-risk sign-ins', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['block'],
      }),
      { signInRiskLevels: ['high'] },
    );
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, risk];
    t.exchange.deviceAccessRules = [
      { name: 'Block Samsung native mail (DeviceType)', queryString: 'SAMSUNGSMS918B', characteristic: 'DeviceType', accessLevel: 'Block' },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [{ ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } }];
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T08:29:50Z', { os: 'Android', appId: 'b4c8e5a1-5e8d-4f8a-9d2c-7a1b3c5d7e9f', appDisplayName: 'Samsung Email' }),
      ...backgroundSignIns(),
    ];
    // What-If does not answer here (404 on both versions), so only the app's own reading is left.
    t.entra!.whatIf = { versions: [], missingVersionStatus: 404, results: [] };
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', 0x7c300000);
    c.access = { accessState: 'Blocked', accessStateReason: 'DeviceRule', deviceAccessControlRule: 'Block Samsung native mail (DeviceType)' };
    c.provision('SM-S918B', 'Android 15.0.0');
    for (let i = 0; i < 3; i++) c.folderSync('0', null, 129).wait(300);
    logs['alex-samsung.txt'] = c;
  },
);

export const hybridJoinedGrant = defineScenario(
  {
    id: 'ca-hybrid-joined-grant',
    title: 'A hybrid-joined-device grant no phone can meet',
    story:
      'A new policy requires a hybrid joined device for Office 365 on apps and browsers; no phone can ever be hybrid joined.',
    details:
      'To lock down unmanaged PCs, the desktop team created "Require hybrid joined device for Office 365" for all users, Office 365, clients "Mobile apps and desktop clients" and "Browser", grant: hybrid joined device. A phone can never be Microsoft Entra hybrid joined, so Alex\'s iPhone (iOS Accounts, Microsoft sign-in) fails with 53001 since the policy went live and nothing reaches the mailbox. Enrolling in Intune will not help; the policy must exclude phones (or require a compliant device instead). Graph beta also refuses the non-interactive sign-in query here, which the wizard must say plainly.',
    expected: {
      rootCauses: ['CA_BLOCKS_EAS'],
      findings: ['CA_BLOCKS_EAS', 'NO_REQUESTS_REACHED_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_NOT_ENROLLED', 'DEVICE_NOT_COMPLIANT', 'BASIC_AUTH_CLIENT'],
    },
  },
  (t) => {
    const hybrid = caPolicy(policyIds.hybridJoined, 'Require hybrid joined device for Office 365', 'enabled', {
      users: everyone,
      applications: { includeApplications: ['Office365'] },
      clientAppTypes: ['mobileAppsAndDesktopClients', 'browser'],
      grant: ['domainJoinedDevice'],
    });
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, hybrid];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-25T16:58:00Z', lastSyncAttemptTime: '2026-11-26T08:44:00Z', mailboxLog: { text: '' } },
    ];
    const refused = (at: string) =>
      oauthSignIn(at, {
        errorCode: 53001,
        failureReason: 'Device is not domain joined to access the resource.',
        caStatus: 'failure',
        policies: [{ id: policyIds.hybridJoined, displayName: 'Require hybrid joined device for Office 365', result: 'failure', grant: ['DomainJoinedDevice'] }],
      });
    t.entra!.signIns = [refused('2026-11-26T08:44:10Z'), refused('2026-11-26T08:14:02Z'), oauthSignIn('2026-11-25T16:57:30Z'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.hybridJoined, false, 'clientApps')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.hybridJoined, true, 'notSet')] },
    ];
    t.graph = {
      pageSize: 100,
      throttling: [],
      failures: [
        { pathContains: 'auditLogs/signIns', version: 'beta', queryContains: 'signInEventTypes', status: 400, code: 'Request_UnsupportedQuery', message: "Unsupported or invalid query filter clause specified for property 'signInEventTypes' of resource 'SignIn'." },
      ],
    };
  },
);

export const approvedAppGrant = defineScenario(
  {
    id: 'ca-approved-app-grant',
    title: '"Require approved client app" is no longer enforced',
    story:
      "An old policy 'requires an approved client app' on phones; since March 2026 Entra no longer enforces it, and Alex's iPhone Mail syncs.",
    details:
      'Years ago Contoso required an approved client app (Outlook mobile) on iOS and Android. Microsoft retired that grant: after March 2026 Entra treats it as not selected, and only "Require app protection policy" keeps native mail apps out. Alex\'s iPhone Mail (Microsoft sign-in) therefore syncs normally, and What-If still lists the policy as applying. The wizard must not call it a block.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'CA_CANNOT_TELL', 'SIGNIN_FAILURES'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const approved = caPolicy(policyIds.approvedApp, 'Phones: require approved client app', 'enabled', {
      users: everyone,
      applications: { includeApplications: ['Office365'] },
      clientAppTypes: ['mobileAppsAndDesktopClients'],
      grant: ['approvedApplication'],
      platforms: ['iOS', 'android'],
    });
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, approved];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T07:58:02Z', { caStatus: 'success', policies: [{ id: policyIds.approvedApp, displayName: 'Phones: require approved client app', result: 'success', grant: [] }] }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.approvedApp, false, 'clientApps')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.approvedApp, true, 'notSet')] },
    ];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7c500000);
  },
);

export const countryBlockTraveller = defineScenario(
  {
    id: 'ca-country-block-traveller',
    title: 'Country block stops a travelling user',
    story:
      "Alex is visiting a customer in Brazil; a policy blocks sign-ins from outside the allowed countries, so the iPhone stopped syncing.",
    details:
      'Contoso allows sign-ins only from the US, the UK and Germany ("Block access outside allowed countries", all users, all apps). Alex landed in São Paulo yesterday evening; since then every sign-in of the iPhone (Microsoft sign-in) fails Conditional Access with 53003 and nothing reaches the mailbox. What-If answers "not enough information" unless it is given the sign-in\'s country, which the wizard takes from the phone\'s own sign-in. Tier 1 escalates for a travel exception.',
    expected: {
      rootCauses: ['CA_BLOCKS_EAS'],
      findings: ['CA_BLOCKS_EAS', 'NO_REQUESTS_REACHED_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'BASIC_AUTH_CLIENT'],
    },
  },
  (t) => {
    const geo = withConditions(
      caPolicy(policyIds.countryBlock, 'Block access outside allowed countries', 'enabled', {
        users: everyone,
        applications: { includeApplications: ['All'] },
        clientAppTypes: ['all'],
        grant: ['block'],
      }),
      { locations: { includeLocations: ['All'], excludeLocations: [allowedCountries] } },
    );
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, geo];
    t.entra!.namedLocations = [
      ...t.entra!.namedLocations!,
      {
        '@odata.type': '#microsoft.graph.countryNamedLocation',
        id: allowedCountries,
        displayName: 'Allowed countries',
        createdDateTime: '2025-04-01T10:00:00Z',
        modifiedDateTime: '2025-04-01T10:00:00Z',
        countriesAndRegions: ['US', 'GB', 'DE'],
        includeUnknownCountriesAndRegions: false,
        countryLookupMethod: 'clientIpAddress',
      },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-25T21:40:00Z', lastSyncAttemptTime: '2026-11-26T08:50:00Z', mailboxLog: { text: '' } },
    ];
    const abroad = (at: string) =>
      oauthSignIn(at, {
        ip: '192.0.2.77',
        country: 'BR',
        city: 'São Paulo',
        errorCode: 53003,
        failureReason: 'Access has been blocked by Conditional Access policies.',
        caStatus: 'failure',
        policies: [{ id: policyIds.countryBlock, displayName: 'Block access outside allowed countries', result: 'failure', grant: ['Block'] }],
      });
    t.entra!.signIns = [
      abroad('2026-11-26T08:50:12Z'),
      abroad('2026-11-26T07:20:40Z'),
      { ...abroad('2026-11-26T06:05:01Z'), isInteractive: false },
      oauthSignIn('2026-11-25T14:02:00Z'),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, country: 'BR' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.countryBlock, true, 'notSet')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.countryBlock, false, 'notEnoughInformation')] },
    ];
  },
);

export const desktopFailuresHealthyPhone = defineScenario(
  {
    id: 'outlook-desktop-failures-healthy-phone',
    title: "Outlook desktop fails; the phone is fine",
    story:
      "Alex's Outlook on a home PC keeps failing sign-in, which shows up next to the iPhone's sign-ins; the iPhone itself syncs normally.",
    details:
      'Alex tries Outlook for Windows on a personal PC: it fails with a wrong password (50126) and then with "Require compliant device for desktop apps" (53003). Those sign-ins also go to Exchange Online as "Mobile apps and desktop clients", but they are Microsoft Office on Windows, not the phone. The iPhone (iOS Accounts) signs in and syncs normally. The wizard must not blame the phone\'s sign-in; it may mention the desktop failures as a side note.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['SIGNIN_FAILURES', 'CA_BLOCKS_EAS', 'CA_CANNOT_TELL'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const desktop = caPolicy(policyIds.desktopCompliant, 'Require compliant device for desktop apps', 'enabled', {
      users: everyone,
      applications: { includeApplications: ['Office365'] },
      clientAppTypes: ['mobileAppsAndDesktopClients'],
      grant: ['compliantDevice'],
      platforms: ['windows', 'macOS'],
    });
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, desktop];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    const outlookPc = (at: string, errorCode: number, failureReason: string, blocked: boolean) =>
      oauthSignIn(at, {
        appId: MICROSOFT_OFFICE,
        appDisplayName: 'Microsoft Office',
        os: 'Windows10',
        ip: '198.51.100.140',
        errorCode,
        failureReason,
        caStatus: blocked ? 'failure' : 'notApplied',
        policies: blocked ? [{ id: policyIds.desktopCompliant, displayName: 'Require compliant device for desktop apps', result: 'failure', grant: ['RequireCompliantDevice'] }] : [],
      });
    t.entra!.signIns = [
      outlookPc('2026-11-26T08:41:00Z', 53003, 'Access has been blocked by Conditional Access policies.', true),
      outlookPc('2026-11-26T08:39:12Z', 50126, 'Error validating credentials due to invalid username or password.', false),
      outlookPc('2026-11-26T08:38:30Z', 50126, 'Error validating credentials due to invalid username or password.', false),
      oauthSignIn('2026-11-26T07:58:02Z'),
      oauthSignIn('2026-11-26T05:12:44Z', { interactive: false }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.desktopCompliant, false, 'clientApps')] },
      { when: { userId: ids.alex, devicePlatform: 'iOS' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.desktopCompliant, false, 'devicePlatform')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.desktopCompliant, false, 'notEnoughInformation')] },
    ];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7c700000);
  },
);

export const refreshTokenAfterPasswordChange = defineScenario(
  {
    id: 'refresh-token-after-password-change',
    title: 'Password changed: the phone must sign in again',
    story:
      "Alex changed the password yesterday; since then the iPhone's token refreshes fail and mail stopped, with no failed sign-in in the usual (interactive) log.",
    details:
      'Alex changed the password yesterday at 17:00. iPhone Mail (Microsoft sign-in) refreshes its token in the background; since the change every refresh fails with 50173 ("the provided grant has expired due to it being revoked"), and later 50133. Those failures are non-interactive sign-ins, which only Graph beta lists; the interactive log shows yesterday\'s successful sign-in only. Nothing reaches the mailbox. The fix is for Alex to open Mail and sign in again, not a password reset or a policy change.',
    expected: {
      rootCauses: ['PHONE_MUST_SIGN_IN_AGAIN'],
      findings: ['PHONE_MUST_SIGN_IN_AGAIN', 'NO_REQUESTS_REACHED_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'BASIC_AUTH_CLIENT', 'CA_BLOCKS_EAS'],
    },
  },
  (t) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-25T16:58:00Z', lastSyncAttemptTime: '2026-11-25T16:58:00Z', mailboxLog: { text: '' } },
    ];
    const refresh = (at: string, errorCode: number, failureReason: string) =>
      oauthSignIn(at, { interactive: false, errorCode, failureReason });
    t.entra!.signIns = [
      refresh('2026-11-26T08:47:02Z', 50133, 'Session is invalid due to expiration or recent password change.'),
      refresh('2026-11-26T08:17:00Z', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.'),
      refresh('2026-11-26T06:02:31Z', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.'),
      refresh('2026-11-25T17:31:10Z', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.'),
      oauthSignIn('2026-11-25T16:57:30Z', { interactive: false }),
      oauthSignIn('2026-11-25T09:12:00Z'),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
  },
);

export const leftoverClientAccessRule = defineScenario(
  {
    id: 'car-leftover-rule',
    title: 'A leftover Client Access Rule; the phone is fine',
    story:
      'A Client Access Rule that denies ActiveSync outside the office still exists, but rules stopped applying in September 2025; the iPhone syncs.',
    details:
      'Years ago Messaging created "Deny EAS outside HQ" (DenyAccess, ExchangeActiveSync, except 203.0.113.0/24). Client Access Rules stopped applying in Exchange Online in September 2025, so the rule blocks nothing today even though Alex syncs from home. The wizard must report it as a leftover (information), not as the cause; a saved case captured before the retirement would have been judged differently.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'CAR_LEFTOVER_RULE', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CAR_DENIES_EAS', 'CLIENT_ACCESS_RULES_RETIRED'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.clientAccessRules = [
      {
        name: 'Allow admins from anywhere',
        priority: 0,
        action: 'AllowAccess',
        usernameMatchesAnyOfPatterns: ['contoso\\admin*'],
      },
      {
        name: 'Deny EAS outside HQ',
        priority: 1,
        action: 'DenyAccess',
        anyOfProtocols: ['ExchangeActiveSync'],
        exceptAnyOfClientIPAddressesOrRanges: ['203.0.113.0/24'],
      },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    t.entra!.signIns = [oauthSignIn('2026-11-26T07:58:02Z', { ip: '198.51.100.7' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7c900000);
  },
);

export const signInFrequency = defineScenario(
  {
    id: 'ca-sign-in-frequency',
    title: '"My phone keeps asking me to sign in"',
    story:
      'Alex says the iPhone asks for a sign-in every few hours; a policy sets sign-in frequency on mobile apps. Mail itself syncs.',
    details:
      'Alex joined Field Engineers this morning, and "Field staff: sign in every 4 hours" sets a sign-in frequency of 4 hours for mobile apps and desktop clients. iPhone Mail asks Alex to sign in again every four hours; once Alex does, mail syncs normally. The wizard does not evaluate session controls, but it shows the sign-in frequency so tier 1 can explain the prompts.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'SIGN_IN_FREQUENCY', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'SIGNIN_FAILURES'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const frequency = withConditions(
      caPolicy(policyIds.frequency, 'Field staff: sign in every 4 hours', 'enabled', {
        users: { includeGroups: [ids.groupFieldEngineers] },
        applications: { includeApplications: ['Office365'] },
        clientAppTypes: ['mobileAppsAndDesktopClients'],
        grant: [],
      }),
      {},
      { grantControls: null, sessionControls: { signInFrequency: { isEnabled: true, value: 4, type: 'hours', authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased' } } },
    );
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, frequency];
    const alexUser = t.users.find((u) => u.id === ids.alex)!;
    alexUser.memberOf = [...(alexUser.memberOf ?? []), ids.groupFieldEngineers];
    alexUser.memberSince = { [ids.groupFieldEngineers]: '2026-11-26T06:00:00Z' };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    const applied = { caStatus: 'success' as const, policies: [{ id: policyIds.frequency, displayName: 'Field staff: sign in every 4 hours', result: 'success', grant: [] }] };
    t.entra!.signIns = [oauthSignIn('2026-11-26T07:58:02Z', applied), oauthSignIn('2026-11-26T03:57:10Z', applied), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [
      { when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' }, policies: [...baseWhatIfNotApplying(), answer(policyIds.frequency, false, 'clientApps')] },
      { when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.frequency, true, 'notSet')] },
    ];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7ca00000);
  },
);
