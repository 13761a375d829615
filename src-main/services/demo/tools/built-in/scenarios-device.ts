import {
  alexIphone,
  alexSamsung,
  backgroundSignIns,
  baseWhatIfNotApplying,
  ids,
  logDevice,
  signIn,
} from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const whatIfNone = () => [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
const easSignIns = (at: string[], os = 'Android') =>
  at.map((t) => signIn({ at: t, user: alex, caStatus: 'notApplied', os }));
const samsungStuck = { ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } };

/** A Samsung phone that provisions but then only ever gets Status 129 under the given access state. */
function blockedSamsungLog(access: EasConversation['access'], seed: number): EasConversation {
  const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', seed);
  c.access = access;
  c.provision('SM-S918B', 'Android 15.0.0');
  for (let i = 0; i < 3; i++) c.folderSync('0', null, 129).wait(300);
  return c;
}

export const deviceRuleBlocked = defineScenario(
  {
    id: 'device-rule-blocked',
    title: 'Blocked by a device access rule',
    story: "Alex's new Samsung is blocked by an old rule that blocks Samsung's built-in mail app.",
    details:
      'Years ago IT blocked the Samsung Email app with a device access rule on DeviceType SAMSUNGSMS918B. Alex bought a new Galaxy and set up the built-in mail app. The device is Blocked with reason DeviceRule; every FolderSync gets Status 129. The rule is the organisation’s decision: the app does not offer Allow past a Block rule; tier 1 asks the Exchange admin whether the app is approved.',
    expected: {
      rootCauses: ['DEVICE_BLOCKED'],
      findings: ['DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.deviceAccessRules = [
      {
        name: 'Block Samsung native mail (DeviceType)',
        queryString: 'SAMSUNGSMS918B',
        characteristic: 'DeviceType',
        accessLevel: 'Block',
      },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone }, samsungStuck];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-samsung.txt'] = blockedSamsungLog(
      {
        accessState: 'Blocked',
        accessStateReason: 'DeviceRule',
        deviceAccessControlRule: 'Block Samsung native mail (DeviceType)',
      },
      0x6a100000,
    );
  },
);

export const userBlockedList = defineScenario(
  {
    id: 'user-blocked-list',
    title: "On the user's blocked device list",
    story: "Alex's phone was put on the mailbox's blocked list when it was reported lost, then found again.",
    details:
      'Last month Alex reported the Samsung lost and the service desk added its DeviceId to ActiveSyncBlockedDeviceIDs. The phone turned up, but nobody removed the block. The device is Blocked with reason Individual. Removing the DeviceId from the blocked list (with confirmation) fixes it.',
    expected: {
      rootCauses: ['DEVICE_BLOCKED'],
      findings: ['DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.blockedDeviceIds = [alexSamsung.deviceId];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone },
      { ...samsungStuck, firstSyncTime: '2025-09-10T12:00:00Z', lastSuccessSync: '2026-10-21T17:44:00Z' },
    ];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-samsung.txt'] = blockedSamsungLog(
      { accessState: 'Blocked', accessStateReason: 'Individual' },
      0x6b200000,
    );
  },
);

export const intuneNonCompliant = defineScenario(
  {
    id: 'intune-noncompliant',
    title: 'Intune says the phone is not compliant',
    story:
      "Alex's iPhone is managed by Intune but out of compliance (OS too old), so Exchange quarantines it.",
    details:
      'Contoso requires iOS 18.4 or later in its Intune compliance policy. Alex postponed updates; the iPhone runs iOS 18.1. Exchange reads the device state from Entra and keeps the phone Quarantined with reason ExternalCompliance. Allowing it in Exchange would not help: the user must update iOS (or Intune staff must review), then the phone syncs again.',
    expected: {
      rootCauses: ['DEVICE_NOT_COMPLIANT'],
      findings: ['DEVICE_NOT_COMPLIANT', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_QUARANTINED'],
    },
  },
  (t, logs) => {
    const phone = {
      ...alexIphone,
      deviceOS: 'iOS 18.1 22B83',
      external: 'noncompliant' as const,
      devicePolicyApplicationStatus: 'ExternallyManaged' as const,
      lastSuccessSync: '2026-11-24T18:02:00Z',
      mailboxLog: { file: 'alex-iphone.txt' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [phone];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:10:00Z'], 'Ios'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(phone), '2026-11-26T08:10:05Z', 0x6c300000);
    c.access = { accessState: 'Quarantined', accessStateReason: 'ExternalCompliance' };
    c.policyKey = '1166421309';
    c.folderSync('1', '2').sync('5', '441876240', '441876241', { adds: 1 }).sendMail(120).ping(900, 1);
    logs['alex-iphone.txt'] = c;
  },
);

export const intuneNotEnrolled = defineScenario(
  {
    id: 'intune-not-enrolled',
    title: 'Phone not enrolled in Intune',
    story: "Alex's new Samsung was never enrolled in Intune, and Contoso lets only managed phones sync mail.",
    details:
      'Contoso uses Intune device-based access for Exchange. The new Galaxy was never enrolled (Company Portal not installed), so Exchange keeps it Quarantined with reason ExternalEnrollment. The fix is on the phone: enrol it in Intune with the Company Portal app.',
    expected: {
      rootCauses: ['DEVICE_NOT_ENROLLED'],
      findings: ['DEVICE_NOT_ENROLLED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_QUARANTINED'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, external: 'compliant' },
      { ...samsungStuck, external: 'unmanaged' },
    ];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:15:00Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:15:04Z', 0x6d400000);
    c.access = { accessState: 'Quarantined', accessStateReason: 'ExternalEnrollment' };
    c.provision('SM-S918B', 'Android 15.0.0').folderSync('0', '1').sync('5', '0', '880001').ping(480, 1);
    logs['alex-samsung.txt'] = c;
  },
);

export const autoBlocked = defineScenario(
  {
    id: 'auto-blocked-command-frequency',
    title: 'Auto-blocked for sending too many commands',
    story:
      "A buggy mail app hammers Exchange with requests, so Exchange auto-blocks Alex's Samsung for a while.",
    details:
      "After a Samsung Email update, the app sends a FolderSync every few seconds. Exchange's auto-block (throttling) kicks in: HTTP 503 with X-MS-ASThrottle: CommandFrequency and Retry-After, state Blocked with reason CommandFrequency. The block lifts by itself; the lasting fix is updating or re-adding the account in the app.",
    expected: {
      rootCauses: ['DEVICE_AUTO_BLOCKED'],
      // The auto-block finding already covers the 503 throttling answers; THROTTLED is for back-off without a block.
      findings: ['DEVICE_AUTO_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'THROTTLED'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:40:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone },
      {
        ...samsungStuck,
        lastSuccessSync: '2026-11-26T07:58:10Z',
        autoBlock: { reason: 'CommandFrequency', until: '2026-11-26T10:00:00Z' },
      },
    ];
    t.entra!.signIns = [...easSignIns(['2026-11-26T07:50:00Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T07:58:00Z', 0x6e500000);
    c.policyKey = '1166421309';
    for (let i = 0; i < 8; i++) c.folderSync('3', '3', 1, {}).wait(2);
    c.access = { accessState: 'Blocked', accessStateReason: 'CommandFrequency' };
    for (let i = 0; i < 3; i++) {
      c.folderSync('3', null, 1, {
        httpStatus: '503 Service Unavailable',
        responseHeaders: ['Retry-After: 3600', 'X-MS-ASThrottle: CommandFrequency'],
        response: null,
      }).wait(60);
    }
    logs['alex-samsung.txt'] = c;
  },
);

export const syncKeyLoop = defineScenario(
  {
    id: 'sync-key-loop',
    title: 'Inbox stuck in a sync-key reset loop',
    story: "Alex's iPhone keeps resetting its Inbox sync (Status 3 over and over) and never shows new mail.",
    details:
      'After a mailbox move, the iPhone keeps sending a sync key the server no longer knows. Exchange answers Sync Status 3, the phone restarts at SyncKey 0, gets a new key, and on the next request is told Status 3 again. The calendar syncs, the Inbox never does. Removing and re-adding the mail account on the phone usually breaks the loop.',
    expected: {
      rootCauses: ['SYNC_KEY_LOOP'],
      findings: ['SYNC_KEY_LOOP', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_BLOCKED'],
    },
  },
  (t, logs) => {
    const phone = {
      ...alexIphone,
      lastSuccessSync: '2026-11-26T08:40:12Z',
      mailboxLog: { file: 'alex-iphone.txt' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:20:00Z';
    t.exchange.mobileDevices = [phone];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:21:00Z'], 'Ios'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(phone), '2026-11-26T08:21:10Z', 0x6f600000);
    c.policyKey = '1166421309';
    let key = 500100;
    for (let i = 0; i < 5; i++) {
      const exception = [
        {
          section: 'SyncCollection_VerifySyncKey_Exception',
          text: 'Microsoft.Exchange.AirSync.AirSyncPermanentException: Sync key mismatch; the client must resynchronize.\r\n   at Microsoft.Exchange.AirSync.SyncCollection.VerifySyncKey(Boolean isNewSyncKey)',
        },
      ];
      c.sync('5', String(key), String(key + 1), { status: 3 }, { exceptions: exception })
        .sync('5', '0', String(key + 7))
        .wait(240);
      key += 7;
    }
    logs['alex-iphone.txt'] = c;
  },
);

export const oldProtocol = defineScenario(
  {
    id: 'eas-14-1-client',
    title: 'Mail app still on EAS 14.1',
    story: "Alex's old tablet mail app speaks EAS 14.1, which Exchange Online refuses since 1 March 2026.",
    details:
      "Exchange Online accepts only EAS 16.1 and later since 1 March 2026. Alex's warehouse tablet runs an old Android build whose mail app never got past 14.1 (ClientVersion 14.1). How EXO answers such clients is not documented; this scenario assumes HTTP 400 with the supported versions in MS-ASProtocolVersions. The fix is a current mail app (Outlook mobile, or an updated built-in app).",
    expected: {
      rootCauses: ['EAS_VERSION_UNSUPPORTED'],
      findings: ['EAS_VERSION_UNSUPPORTED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const tablet = {
      mailbox: 'alex.wilber@contoso.example',
      deviceId: 'androidc1234567890',
      deviceType: 'SAMSUNGSMT295',
      friendlyName: 'Warehouse tablet',
      deviceModel: 'SM-T295',
      deviceOS: 'Android 9.0.0',
      deviceUserAgent: 'Android-SAMSUNG-SM-T295/101.90003',
      clientVersion: '14.1',
      firstSyncTime: '2021-04-12T09:30:00Z',
      lastSuccessSync: '2026-02-28T16:45:00Z',
      lastSyncAttemptTime: '2026-11-26T08:35:00Z',
      numberOfFoldersSynced: 9,
      devicePolicyApplicationStatus: 'PartiallyApplied' as const,
      mailboxLog: { file: 'alex-tablet.txt' },
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone }, tablet];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:34:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(tablet), '2026-11-26T08:35:00Z', 0x70700000);
    c.policyKey = '2011113390';
    for (let i = 0; i < 3; i++) {
      c.sync(
        '5',
        '1985335011',
        '1985335012',
        {},
        {
          httpStatus: '400 Bad Request',
          responseHeaders: ['MS-ASProtocolVersions: 16.0,16.1'],
          response: null,
        },
      ).wait(900);
    }
    logs['alex-tablet.txt'] = c;
  },
);
