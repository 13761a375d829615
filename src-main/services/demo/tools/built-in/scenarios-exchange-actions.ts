import { alexIphone, backgroundSignIns, baseWhatIfNotApplying, healthyMorning, ids, logDevice, signIn } from './base-tenant';
import { defineScenario, type Tenant } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

/**
 * Issue 13, second part: the stories behind the remaining actions and their guardrails: the
 * 100-partnership limit (Remove-MobileDevice), ActiveSync off by the CAS mailbox plan (escalate,
 * no button), and Outlook for iOS/Android in quarantine (its access state is real, its log is not
 * an EAS log). Imported last so the other modules keep their sign-in numbers.
 */

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const whatIfNone = () => [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
/** Outlook for iOS and Android (facts F34). */
const OUTLOOK_MOBILE_APP = '27922004-5251-4030-b22d-91ecd9a37ea4';

const OLD_MODELS = [
  { type: 'iPhone', model: 'iPhone10C4', os: 'iOS 14.8 18H17', agent: 'Apple-iPhone10C4/1808.17' },
  { type: 'iPhone', model: 'iPhone12C1', os: 'iOS 16.7 20H19', agent: 'Apple-iPhone12C1/2008.19' },
  { type: 'iPad', model: 'iPad7C11', os: 'iOS 15.7 19H12', agent: 'Apple-iPad7C11/1907.12' },
  { type: 'SAMSUNGSMG991B', model: 'SM-G991B', os: 'Android 13.0.0', agent: 'Android-SAMSUNG-SM-G991B/101.140101' },
];

/**
 * 98 partnerships nobody removed: a test script re-added the account every few days for a year
 * (each reinstall is a new partnership), plus the iPad Alex still uses. All invented.
 */
function oldPartnerships(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const m = OLD_MODELS[i % OLD_MODELS.length]!;
    const day = new Date(Date.parse('2025-06-01T09:00:00Z') + i * 3 * 86_400_000).toISOString().replace('.000Z', 'Z');
    return {
      mailbox: alex.upn,
      deviceId: `OLD${String(i + 1).padStart(3, '0')}X${(0x5a17 + i * 7919).toString(16).toUpperCase()}`,
      deviceType: m.type,
      friendlyName: `Old ${m.type === 'iPad' ? 'iPad' : m.type === 'iPhone' ? 'iPhone' : 'Galaxy'} ${i + 1}`,
      deviceModel: m.model,
      deviceOS: m.os,
      deviceUserAgent: m.agent,
      clientVersion: '16.1',
      firstSyncTime: day,
      lastSuccessSync: day,
      lastSyncAttemptTime: day,
    };
  });
}

/** The 100-partnership limit (facts F35): the new phone is refused with status 177. */
export const partnershipLimit = defineScenario(
  {
    id: 'partnership-limit-177',
    title: '100 phone partnerships: the new phone is refused (177)',
    story: "Alex's new Galaxy cannot add the mail account: the mailbox already has 100 phone partnerships, almost all of them old.",
    details:
      "For a year a test script set Alex's account up again and again on lab phones, and every set-up left a partnership behind. Exchange Online allows 100 per mailbox and refuses the 101st with status 177 (MaximumDevicesReached), so Alex's new Galaxy never gets a partnership (and so no log of its own: whether Exchange logs the refused request is not documented). Get-MobileDevice lists the 100, which is the evidence. Tier 1 removes stale partnerships (oldest first, never the iPhone Alex uses, never while a wipe is pending) or asks Alex to do it in Outlook on the web (Settings → Mobile devices).",
    expected: {
      rootCauses: ['MAXIMUM_DEVICES_REACHED'],
      findings: ['MAXIMUM_DEVICES_REACHED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['NO_REQUESTS_REACHED_MAILBOX', 'DEVICE_BLOCKED'],
    },
  },
  (t, logs) => {
    t.latency = 'instant';
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    const ipad = { ...oldPartnerships(1)[0]!, deviceId: 'IPADAIR5A1B2C3', deviceType: 'iPad', friendlyName: "Alex's iPad", deviceModel: 'iPad13C16', deviceOS: 'iOS 18.6 22G86', deviceUserAgent: 'Apple-iPad13C16/2206.86', firstSyncTime: '2025-02-01T10:00:00Z', lastSuccessSync: '2026-11-25T21:10:00Z', lastSyncAttemptTime: '2026-11-25T21:10:00Z' };
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }, ipad, ...oldPartnerships(98)];
    t.entra!.signIns = [
      signIn({ at: '2026-11-26T08:40:02Z', user: alex, caStatus: 'notApplied', os: 'Android' }),
      signIn({ at: '2026-11-26T07:58:02Z', user: alex, caStatus: 'notApplied' }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7e700000);
  },
);

/** ActiveSync off by the CAS mailbox plan (facts F38): a policy decision, escalated, no button. */
export const easOffByPlan = defineScenario(
  {
    id: 'eas-off-by-plan',
    title: 'ActiveSync off by the mailbox plan',
    story: "Contoso turned ActiveSync off for every new mailbox in its CAS mailbox plan; Alex's re-created mailbox has it off, and the iPhone is refused.",
    details:
      "Security moved Contoso to Outlook for iOS/Android and ran Set-CASMailboxPlan -ActiveSyncEnabled $false, so every new mailbox starts with ActiveSync off. Alex's mailbox was re-created last week and came up that way; the built-in Mail app on the iPhone gets HTTP 403. This is policy, not a fault: the wizard must not offer 'Turn ActiveSync back on' but escalate to the Exchange administrators (or point Alex to the approved app).",
    expected: {
      rootCauses: ['EAS_OFF_BY_POLICY'],
      findings: ['EAS_OFF_BY_POLICY', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['EAS_DISABLED_FOR_MAILBOX', 'HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.casMailboxPlans = [
      { name: 'ExchangeOnlineEnterprise', activeSyncEnabled: false },
      { name: 'ExchangeOnline', activeSyncEnabled: false },
    ];
    t.exchange.mailboxes![1] = { user: alex.upn, alias: 'alex.wilber', activeSyncEnabled: false, debugLoggingEnabledAt: '2026-11-26T08:10:00Z' };
    iphoneRefusedByActiveSyncOff(t, logs, '2026-11-18T22:03:11Z', 0x7e800000);
  },
);

/**
 * Alex's iPhone with ActiveSync off for the mailbox: it last synced at `lastSuccessSync`, signs in
 * fine (no Conditional Access applies) and gets HTTP 403 on every FolderSync since logging began.
 */
export function iphoneRefusedByActiveSyncOff(t: Tenant, logs: Record<string, EasConversation>, lastSuccessSync: string, firstIdentifier: number): void {
  t.exchange.mobileDevices = [{ ...alexIphone, lastSuccessSync, lastSyncAttemptTime: '2026-11-26T08:47:55Z', mailboxLog: { file: 'alex-iphone.txt' } }];
  t.entra!.signIns = [signIn({ at: '2026-11-26T08:15:30Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
  t.entra!.whatIf!.results = whatIfNone();
  const c = new EasConversation(logDevice(alexIphone), '2026-11-26T08:15:31Z', firstIdentifier);
  c.policyKey = '1166421309';
  for (let i = 0; i < 3; i++) c.folderSync('1', null, 1, { httpStatus: '403 Forbidden', response: null }).wait(600);
  logs['alex-iphone.txt'] = c;
}

/** Outlook for iOS in quarantine (facts F21, corrected): no EAS log, but Exchange's decision is real. */
export const outlookMobileQuarantined = defineScenario(
  {
    id: 'outlook-mobile-quarantined',
    title: 'Outlook for iOS in quarantine',
    story: "Alex switched to Outlook for iOS; it shows no mail because Exchange quarantined its partnership like any new phone.",
    details:
      "Contoso quarantines new phones (organisation default). Outlook for iOS and Android does not speak ActiveSync and writes no ActiveSync log, but Exchange Online's Allow/Block/Quarantine still applies to its partnership (ClientType REST). Alex's new Outlook partnership is Quarantined (reason Global). The wizard shows that state, fetches no ActiveSync log for it, and offers the quarantine release (Allow) with confirmation.",
    expected: {
      rootCauses: ['DEVICE_QUARANTINED'],
      findings: ['DEVICE_QUARANTINED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['EAS_VERSION_UNSUPPORTED', 'NO_REQUESTS_REACHED_MAILBOX', 'BASIC_AUTH_CLIENT'],
    },
  },
  (t) => {
    // Logging is on (the operator turned it on out of habit); Outlook writes nothing to it.
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:25:00Z';
    t.exchange.activeSyncOrganizationSettings = { defaultAccessLevel: 'Quarantine', adminMailRecipients: ['it-mobile@contoso.example'] };
    t.exchange.mobileDevices = [
      {
        mailbox: alex.upn,
        deviceId: 'OUTLOOKB4C1D9E2F7A3',
        deviceType: 'Outlook',
        friendlyName: 'Outlook for iOS',
        deviceModel: 'Outlook for iOS and Android',
        deviceOS: 'iOS 18.6',
        deviceUserAgent: 'Outlook-iOS/2.0',
        clientType: 'REST',
        clientVersion: '1.0',
        firstSyncTime: '2026-11-26T08:20:00Z',
        lastSuccessSync: null,
        lastSyncAttemptTime: '2026-11-26T08:44:00Z',
      },
    ];
    t.entra!.signIns = [
      signIn({ at: '2026-11-26T08:19:40Z', user: alex, caStatus: 'notApplied', clientAppUsed: 'Mobile Apps and Desktop clients', appDisplayName: 'Microsoft Outlook', appId: OUTLOOK_MOBILE_APP }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = whatIfNone();
  },
);
