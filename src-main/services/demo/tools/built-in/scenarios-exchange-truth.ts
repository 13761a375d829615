import {
  alexIphone,
  alexSamsung,
  backgroundSignIns,
  baseWhatIfNotApplying,
  healthyMorning,
  ids,
  logDevice,
  signIn,
} from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

/**
 * Scenarios for the traps of issue 13 ("Exchange-side truth"): what Exchange itself says about a
 * phone (lists, rules, policy, a pending wipe, a mailbox move) and how its log reads.
 */

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const whatIfNone = () => [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
const easSignIns = (at: string[], os = 'Android') => at.map((t) => signIn({ at: t, user: alex, caStatus: 'notApplied', os }));
const samsungWithLog = { ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } };

/** A healthy phone on Direct Push: the log was pulled while its last Ping was still waiting (facts F29). */
export const healthyPendingPing = defineScenario(
  {
    id: 'healthy-pending-ping',
    title: 'Healthy phone, log ends in a waiting Ping',
    story: "Alex's iPhone syncs normally; its log ends with a Ping that has no answer yet, which is normal.",
    details:
      'The log was pulled while the iPhone was on Direct Push, so its last entry is a Ping request that Exchange had not answered yet (a request with no response part). That is not damage: the wizard must still call the phone healthy and must not warn that the log could not be read.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['LOG_PARSE_WARNINGS', 'DEVICE_BLOCKED', 'SERVER_ERRORS'],
    },
  },
  (t, logs) => {
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.entra!.signIns = [...easSignIns(['2026-11-26T07:58:02Z'], 'Ios'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7e100000).pendingPing(900);
  },
);

/** A Block rule answered with X-MS-ASThrottle: DeviceRule: an admin decision, not an auto-block (facts F28). */
export const ruleBlockThrottleHeader = defineScenario(
  {
    id: 'rule-block-throttle-header',
    title: 'Rule block that carries X-MS-ASThrottle: DeviceRule',
    story: "Alex's Samsung is refused with an X-MS-ASThrottle header, but the reason is a device access rule, not throttling.",
    details:
      'Exchange sends X-MS-ASThrottle with the access reason for every refusal. Here it says DeviceRule: the user agent of Samsung Email is blocked by a rule. It is an administrator decision, not an automatic block that lifts by itself; tier 1 must not allow the phone past the rule but ask Messaging whether the app is approved.',
    expected: {
      rootCauses: ['DEVICE_BLOCKED'],
      findings: ['DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['DEVICE_AUTO_BLOCKED', 'HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.deviceAccessRules = [
      { queryString: alexSamsung.deviceUserAgent, characteristic: 'UserAgent', accessLevel: 'Block' },
      // An Allow rule for the same phone's type: the UserAgent rule is tested first and wins (facts F27).
      { queryString: alexSamsung.deviceType, characteristic: 'DeviceType', accessLevel: 'Allow' },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone }, samsungWithLog];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', 0x7e200000);
    c.access = { accessState: 'Blocked', accessStateReason: 'DeviceRule', deviceAccessControlRule: `${alexSamsung.deviceUserAgent} (UserAgent)` };
    c.provision('SM-S918B', 'Android 15.0.0');
    for (let i = 0; i < 3; i++) c.folderSync('0', null, 129, { responseHeaders: ['X-MS-ASThrottle: DeviceRule'] }).wait(300);
    logs['alex-samsung.txt'] = c;
  },
);

/** A phone reported lost is wiped on its next connection; nothing may be changed meanwhile (facts F36). */
export const remoteWipePending = defineScenario(
  {
    id: 'remote-wipe-pending',
    title: 'Remote wipe pending for a phone reported lost',
    story: "Alex's Samsung was reported lost and a wipe was ordered; now Alex says it was found and asks for mail.",
    details:
      'Security ordered a remote wipe when the Galaxy was reported lost, and the service desk put it on the blocked list. Get-MobileDeviceStatistics shows Status DeviceWipePending. Alex found the phone and wants mail back. The wizard must show the wipe first and refuse to allow, unblock or block the phone until whoever ordered the wipe has been asked.',
    expected: {
      rootCauses: ['REMOTE_WIPE_PENDING'],
      findings: ['REMOTE_WIPE_PENDING', 'DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.blockedDeviceIds = [alexSamsung.deviceId];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone },
      { ...samsungWithLog, firstSyncTime: '2025-09-10T12:00:00Z', lastSuccessSync: '2026-11-20T17:44:00Z', status: 'DeviceWipePending' },
    ];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', 0x7e300000);
    c.policyKey = '1166421309';
    c.access = { accessState: 'Blocked', accessStateReason: 'Individual' };
    for (let i = 0; i < 3; i++) c.folderSync('1', null, 129).wait(300);
    logs['alex-samsung.txt'] = c;
  },
);

/** Lost, blocked, found: the id is on both lists, and only Unblock is the right button (facts F26). */
export const lostThenFound = defineScenario(
  {
    id: 'lost-then-found-both-lists',
    title: 'Found phone on the blocked list and the allowed list',
    story: "Alex's Samsung was allowed, then blocked when reported lost; it is back, and both lists still name it.",
    details:
      "Months ago the Galaxy was approved (allowed list). When Alex reported it lost, a script wrote the id to the blocked list without touching the allowed list. The blocked list wins. Allowing it again would silently take it off the blocked list, so the wizard offers only Unblock, after the operator checks who blocked it and why; Exchange then judges the phone again on its next request.",
    expected: {
      rootCauses: ['DEVICE_BLOCKED'],
      findings: ['DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_QUARANTINED'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.blockedDeviceIds = [alexSamsung.deviceId];
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexSamsung.deviceId];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone },
      { ...samsungWithLog, firstSyncTime: '2025-09-10T12:00:00Z', lastSuccessSync: '2026-10-21T17:44:00Z' },
    ];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', 0x7e400000);
    c.policyKey = '1166421309';
    c.access = { accessState: 'Blocked', accessStateReason: 'Individual' };
    for (let i = 0; i < 3; i++) c.folderSync('1', null, 129).wait(300);
    logs['alex-samsung.txt'] = c;
  },
);

/** Blocked / Policy: the phone cannot meet the mobile device mailbox policy; not an admin block. */
export const blockedByPolicy = defineScenario(
  {
    id: 'blocked-policy-not-provisionable',
    title: 'Blocked because the phone cannot meet the device policy',
    story: "Alex's older Samsung cannot apply the company's password and encryption policy, so Exchange reports Blocked / Policy.",
    details:
      "Contoso's mobile device mailbox policy does not allow phones that cannot be fully provisioned. Alex's phone cannot apply the encryption rule, so every request is refused with status 139 and Get-MobileDevice shows Blocked with reason Policy. No administrator blocked it; allowing it would not help. The user must accept the policy or use Outlook for iOS/Android, or Messaging must review the policy.",
    expected: {
      rootCauses: ['DEVICE_NOT_PROVISIONABLE'],
      findings: ['DEVICE_NOT_PROVISIONABLE', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_AUTO_BLOCKED'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.mobileDeviceMailboxPolicies = [
      { name: 'Default', isDefault: true, passwordEnabled: true, allowNonProvisionableDevices: false, minPasswordLength: 6, requireDeviceEncryption: true },
    ];
    t.exchange.mobileDevices = [{ ...alexIphone }, { ...samsungWithLog, policyBlocked: true, devicePolicyApplicationStatus: 'PartiallyApplied' }];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:29:50Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:30:00Z', 0x7e500000);
    c.access = { accessState: 'Blocked', accessStateReason: 'Policy' };
    for (let i = 0; i < 3; i++) c.folderSync('0', null, 139).wait(300);
    logs['alex-samsung.txt'] = c;
  },
);

/** Status 133: the sync state is locked while the mailbox moves between servers (facts F37). */
export const mailboxMove = defineScenario(
  {
    id: 'mailbox-move-133',
    title: 'Mailbox being moved (status 133)',
    story: "Alex's iPhone synced fine until this morning; now every request gets status 133 while Microsoft moves the mailbox.",
    details:
      "Exchange Online moves mailboxes between servers for load balancing. While the move finishes, the phone's sync state is locked and Exchange answers status 133 (SyncStateLocked). Nothing is wrong with the phone or the account; it syncs again once the move is over. Tier 1 should not remove the account, and should escalate only if it lasts more than a day.",
    expected: {
      rootCauses: ['SYNC_STATE_LOCKED'],
      findings: ['SYNC_STATE_LOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'SERVER_ERRORS'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, lastSuccessSync: '2026-11-26T07:59:00Z', lastSyncAttemptTime: '2026-11-26T08:50:00Z', mailboxLog: { file: 'alex-iphone.txt' } }];
    t.entra!.signIns = [...easSignIns(['2026-11-26T07:58:02Z'], 'Ios'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexIphone), '2026-11-26T07:58:10Z', 0x7e600000);
    c.policyKey = '1166421309';
    c.folderSync('1', '2').sync('5', '441876240', '441876241', { adds: 1 }).wait(600);
    for (let i = 0; i < 4; i++) c.folderSync('2', null, 133).wait(600);
    logs['alex-iphone.txt'] = c;
  },
);
