import {
  ALL_GRAPH_PERMISSIONS,
  alexIphone,
  alexSamsung,
  backgroundSignIns,
  baseWhatIfNotApplying,
  caPolicy,
  EXO_APP_ID,
  healthyMorning,
  ids,
  logDevice,
  signIn,
} from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const blockEasSales = 'a1b2c3d4-0001-4abc-8def-000000000001';
const reportOnlyBlockEas = 'a1b2c3d4-0002-4abc-8def-000000000002';

export const caBlocksEas = defineScenario(
  {
    id: 'ca-blocks-eas-group',
    title: 'Conditional Access blocks ActiveSync for Sales',
    story:
      'A new Conditional Access policy blocks Exchange ActiveSync for the Sales group, which Alex is in through Sales EMEA.',
    details:
      'The security team enabled "Block EAS for Sales" to push Sales to Outlook mobile. Alex is in Sales EMEA, which is nested in Sales, so the policy applies. Entra shows the sign-in as successful but Conditional Access as failure (53003-style block), Alex got one quarantine email, and no request reaches the mailbox, so the log is empty. Tier 1 escalates to the CA administrators or moves Alex to Outlook mobile. What-If answers only on beta here, so the wizard\'s v1.0 → beta fallback runs.',
    expected: {
      rootCauses: ['CA_BLOCKS_EAS'],
      findings: ['CA_BLOCKS_EAS', 'NO_REQUESTS_REACHED_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_BLOCKED'],
    },
  },
  (t) => {
    const policy = caPolicy(blockEasSales, 'Block EAS for Sales', 'enabled', {
      users: { includeGroups: [ids.groupSales] },
      applications: { includeApplications: [EXO_APP_ID] },
      clientAppTypes: ['exchangeActiveSync'],
      grant: ['block'],
    });
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, policy];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      {
        ...alexIphone,
        lastSuccessSync: '2026-11-25T15:58:00Z',
        lastSyncAttemptTime: '2026-11-25T15:58:00Z',
        mailboxLog: { text: '' },
      },
    ];
    const blocked = (at: string) =>
      signIn({
        at,
        user: alex,
        os: 'Ios',
        caStatus: 'failure',
        policies: [
          { id: blockEasSales, displayName: 'Block EAS for Sales', result: 'failure', grant: ['Block'] },
        ],
      });
    t.entra!.signIns = [
      blocked('2026-11-26T08:44:10Z'),
      blocked('2026-11-26T08:14:02Z'),
      blocked('2026-11-26T07:43:55Z'),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf = {
      versions: ['beta'],
      missingVersionStatus: 400,
      results: [
        {
          when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' },
          policies: [
            ...baseWhatIfNotApplying(),
            { policyId: blockEasSales, policyApplies: true, analysisReasons: 'notSet' },
          ],
        },
        {
          when: { userId: ids.alex },
          policies: [
            ...baseWhatIfNotApplying(),
            { policyId: blockEasSales, policyApplies: false, analysisReasons: 'clientApps' },
          ],
        },
      ],
    };
  },
);

export const reportOnlyNotCause = defineScenario(
  {
    id: 'ca-report-only-not-the-cause',
    title: 'Report-only policy would block, but the mailbox is full',
    story: "A report-only CA policy 'would block' Alex's phone, but the real problem is a full mailbox.",
    details:
      'The security team is piloting "Block EAS (pilot)" in report-only mode, so sign-ins show reportOnlyFailure. That looks alarming but blocks nothing. The real problem: Alex\'s mailbox is over quota, so Exchange refuses new items and sends (Status 113 MailboxQuotaExceeded). Alex must clean up or the admin must raise the quota. Report-only results appear only when Graph is asked with Prefer: include-unknown-enum-members.',
    expected: {
      rootCauses: ['MAILBOX_QUOTA_EXCEEDED'],
      findings: [
        'MAILBOX_QUOTA_EXCEEDED',
        'CA_REPORT_ONLY_WOULD_BLOCK',
        'SEND_FAILED',
        'DEBUG_LOGGING_ACTIVE',
      ],
      notFindings: ['CA_BLOCKS_EAS', 'HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const policy = caPolicy(reportOnlyBlockEas, 'Block EAS (pilot)', 'enabledForReportingButNotEnforced', {
      users: { includeUsers: ['All'], excludeUsers: [ids.operator] },
      applications: { includeApplications: [EXO_APP_ID] },
      clientAppTypes: ['exchangeActiveSync'],
      grant: ['block'],
    });
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, policy];
    const phone = {
      ...alexIphone,
      lastSuccessSync: '2026-11-26T08:20:00Z',
      mailboxLog: { file: 'alex-iphone.txt' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [phone];
    const reportOnly = (at: string) =>
      signIn({
        at,
        user: alex,
        os: 'Ios',
        caStatus: 'notApplied',
        policies: [
          {
            id: reportOnlyBlockEas,
            displayName: 'Block EAS (pilot)',
            result: 'reportOnlyFailure',
            grant: ['Block'],
          },
        ],
      });
    t.entra!.signIns = [
      reportOnly('2026-11-26T08:19:30Z'),
      reportOnly('2026-11-26T07:10:11Z'),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [
      {
        when: { userId: ids.alex, clientAppType: 'exchangeActiveSync' },
        policies: [
          ...baseWhatIfNotApplying(),
          { policyId: reportOnlyBlockEas, policyApplies: true, analysisReasons: 'notSet' },
        ],
      },
      {
        when: { userId: ids.alex },
        policies: [
          ...baseWhatIfNotApplying(),
          { policyId: reportOnlyBlockEas, policyApplies: false, analysisReasons: 'clientApps' },
        ],
      },
    ];
    const c = new EasConversation(logDevice(phone), '2026-11-26T08:19:40Z', 0x71800000);
    c.policyKey = '1166421309';
    c.sync('5', '441876300', '441876301', { adds: 1 })
      .sendMail(113)
      .wait(120)
      .sendMail(113)
      .sync('5', '441876301', '441876302', { globalStatus: 113 })
      .ping(900, 1);
    logs['alex-iphone.txt'] = c;
  },
);

export const basicAuthClient = defineScenario(
  {
    id: 'basic-auth-old-client',
    title: 'Old mail app still using Basic authentication',
    story:
      "Alex's old Android phone still signs in with a password (Basic auth), which Exchange Online no longer accepts.",
    details:
      "Alex dug out an old Android phone whose stock mail app only knows Basic authentication. Basic auth for ActiveSync was switched off for good in Exchange Online in January 2023 and cannot be turned back on. Every attempt fails at sign-in, so nothing reaches the mailbox and the log stays empty even with logging on. Entra's failure code for these attempts is not documented; this scenario records 50126. The fix is a modern-auth app such as Outlook mobile, not a password reset.",
    expected: {
      rootCauses: ['BASIC_AUTH_CLIENT'],
      findings: [
        'BASIC_AUTH_CLIENT',
        'SIGNIN_FAILURES',
        'NO_REQUESTS_REACHED_MAILBOX',
        'DEBUG_LOGGING_ACTIVE',
      ],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t) => {
    const oldPhone = {
      mailbox: 'alex.wilber@contoso.example',
      deviceId: 'android1f2e3d4c5b6a',
      deviceType: 'Android',
      friendlyName: 'Moto G5',
      deviceModel: 'Moto G (5)',
      deviceOS: 'Android 8.1.0',
      deviceUserAgent: 'Android/8.1.0-EAS-2.0',
      clientVersion: '16.1',
      firstSyncTime: '2019-06-01T10:00:00Z',
      lastSuccessSync: '2022-12-30T18:11:00Z',
      lastSyncAttemptTime: '2022-12-30T18:11:00Z',
      numberOfFoldersSynced: 8,
      mailboxLog: { text: '' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone }, oldPhone];
    const failed = (at: string) =>
      signIn({
        at,
        user: alex,
        os: 'Android',
        errorCode: 50126,
        failureReason: 'Error validating credentials due to invalid username or password.',
        caStatus: 'notApplied',
        ip: '198.51.100.23',
      });
    t.entra!.signIns = [
      failed('2026-11-26T08:50:01Z'),
      failed('2026-11-26T08:35:00Z'),
      failed('2026-11-26T08:20:03Z'),
      signIn({ at: '2026-11-26T08:10:00Z', user: alex, os: 'Ios' }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
  },
);

export const missingGraphPermission = defineScenario(
  {
    id: 'missing-graph-permission',
    title: 'Operator lacks a Graph permission',
    story:
      "The helpdesk app registration was never granted sign-in log access; meanwhile Alex's new phone model is quarantined by a rule.",
    details:
      'The app registration lacks AuditLog.Read.All, so Graph answers 403 Authorization_RequestDenied for sign-in logs. The wizard must say exactly what is missing (permission and who can grant it) and carry on with the evidence it can read. The device problem itself is visible in Exchange: a rule quarantines the Galaxy A54 model until IT has tested it.',
    expected: {
      rootCauses: ['DEVICE_QUARANTINED'],
      findings: ['DEVICE_QUARANTINED', 'EVIDENCE_UNAVAILABLE', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.operator.graphPermissions = ALL_GRAPH_PERMISSIONS.filter((p) => p !== 'AuditLog.Read.All');
    t.exchange.deviceAccessRules = [
      { queryString: 'SM-A546B', characteristic: 'DeviceModel', accessLevel: 'Quarantine' },
    ];
    const a54 = {
      ...alexSamsung,
      deviceId: 'SEC9F8E7D6C5B4A3928',
      deviceType: 'SAMSUNGSMA546B',
      friendlyName: 'Galaxy A54',
      deviceModel: 'SM-A546B',
      deviceUserAgent: 'Android-SAMSUNG-SM-A546B/102.150201',
      mailboxLog: { file: 'alex-a54.txt' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone }, a54];
    t.entra!.signIns = [
      signIn({ at: '2026-11-26T08:30:00Z', user: alex, os: 'Android' }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    const c = new EasConversation(logDevice(a54), '2026-11-26T08:30:05Z', 0x72900000);
    c.access = {
      accessState: 'Quarantined',
      accessStateReason: 'DeviceRule',
      deviceAccessControlRule: 'SM-A546B (DeviceModel)',
    };
    c.provision('SM-A546B', 'Android 15.0.0').folderSync('0', '1').sync('5', '0', '990001').ping(480, 1);
    logs['alex-a54.txt'] = c;
  },
);

export const twoCauses = defineScenario(
  {
    id: 'two-causes-disabled-and-blocked',
    title: 'Two causes: ActiveSync off and the phone blocked',
    story:
      "ActiveSync is off on Alex's mailbox and the iPhone is also on the blocked list; fixing one alone is not enough.",
    details:
      "During a security scare someone turned off ActiveSync on Alex's mailbox and, to be sure, also put the iPhone on ActiveSyncBlockedDeviceIDs. Turning ActiveSync back on still leaves the phone blocked; removing the block alone still leaves ActiveSync off. The wizard must report both, in order.",
    expected: {
      rootCauses: ['EAS_DISABLED_FOR_MAILBOX', 'DEVICE_BLOCKED'],
      findings: ['EAS_DISABLED_FOR_MAILBOX', 'DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1] = {
      user: 'alex.wilber@contoso.example',
      alias: 'alex.wilber',
      activeSyncEnabled: false,
      blockedDeviceIds: [alexIphone.deviceId],
      debugLoggingEnabledAt: '2026-11-26T08:00:00Z',
    };
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-25T11:30:00Z', mailboxLog: { file: 'alex-iphone.txt' } },
    ];
    t.entra!.signIns = [
      signIn({ at: '2026-11-26T08:40:00Z', user: alex, os: 'Ios' }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    const c = new EasConversation(logDevice(alexIphone), '2026-11-26T08:40:05Z', 0x73a00000);
    c.policyKey = '1166421309';
    c.access = { accessState: 'Blocked', accessStateReason: 'Individual' };
    for (let i = 0; i < 3; i++)
      c.folderSync('1', null, 1, { httpStatus: '403 Forbidden', response: null }).wait(600);
    logs['alex-iphone.txt'] = c;
  },
);

export const busyTenant = defineScenario(
  {
    id: 'busy-tenant-graph-throttling',
    title: 'Healthy phone, busy tenant (Graph throttling)',
    story:
      "Alex's iPhone is fine, but Graph throttles the wizard's sign-in and policy queries; it must wait and retry.",
    details:
      'A large tenant under load: Graph answers sign-in queries with 429 Too Many Requests (Retry-After 2 s) twice and the policy list with 503 once, and pages results two at a time. The wizard must honour Retry-After, follow @odata.nextLink, and still conclude that the phone is healthy.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['EVIDENCE_UNAVAILABLE'],
    },
  },
  (t, logs) => {
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.entra!.signIns = [
      ...[
        '2026-11-26T07:58:02Z',
        '2026-11-26T06:40:00Z',
        '2026-11-25T19:12:44Z',
        '2026-11-25T12:00:09Z',
        '2026-11-24T08:05:00Z',
      ].map((at) => signIn({ at, user: alex, os: 'Ios' })),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    t.graph = {
      pageSize: 2,
      throttling: [
        { pathContains: 'auditLogs/signIns', status: 429, retryAfterSeconds: 2, times: 2 },
        { pathContains: 'conditionalAccess/policies', status: 503, retryAfterSeconds: 1, times: 1 },
      ],
    };
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x74b00000);
  },
);
