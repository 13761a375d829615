import { alexIphone, alexSamsung, backgroundSignIns, baseWhatIfNotApplying, healthyMorning, ids, signIn } from './base-tenant';
import { defineScenario } from './define';
import { quarantinedSamsungMorning, quarantinesNewPhones } from './scenarios-abq';

/**
 * What Exchange records about a phone that does not stop the user now: a decision not made again
 * yet (the settings let the phone in, but Exchange keeps the state it stored at the phone's last
 * request until the next one, facts F26), and the block of an old phone no longer in use. Imported
 * last so the other modules keep their sign-in numbers.
 */

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };

/** The service desk approved the quarantined Samsung on Alex's allowed list; the phone has not connected since. */
export const approvedAwaitingPhone = defineScenario(
  {
    id: 'quarantine-approved-awaiting-phone',
    title: 'Approved, but the phone has not connected since',
    story: "The service desk approved Alex's quarantined Samsung twenty minutes ago, yet Exchange still shows it in quarantine: the phone has not connected since.",
    details:
      "Contoso quarantines every new phone (DefaultAccessLevel Quarantine). Alex's new Galaxy was quarantined at 08:20, and its requests in the mailbox log got the quarantine answer. At 08:40 a colleague approved it by adding it to Alex's allowed list (ActiveSyncAllowedDeviceIDs), which Exchange checks before the organization default. Exchange decides again only when the phone next connects, so Get-MobileDevice still reports Quarantined (Global). The wizard must not send tier 1 to release the quarantine again: the phone is already allowed, and the user only has to open Mail and refresh.",
    expected: {
      rootCauses: ['DEVICE_RELEASED_AWAITING_PHONE'],
      findings: ['DEVICE_RELEASED_AWAITING_PHONE', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
      mayFind: ['SEND_FAILED'],
      headline: ['DEVICE_RELEASED_AWAITING_PHONE'],
    },
  },
  (t, logs) => {
    t.exchange.activeSyncOrganizationSettings = quarantinesNewPhones();
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId, alexSamsung.deviceId];
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-26T08:55:00Z', lastSyncAttemptTime: '2026-11-26T08:55:00Z' },
      {
        ...alexSamsung,
        lastSuccessSync: null,
        lastSyncAttemptTime: '2026-11-26T08:30:05Z',
        decidedAtLastRequest: { state: 'Quarantined', reason: 'Global' },
        mailboxLog: { file: 'alex-samsung.txt' },
      },
    ];
    t.entra!.signIns = [signIn({ at: '2026-11-26T08:20:00Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    logs['alex-samsung.txt'] = quarantinedSamsungMorning(0x5e7f3300);
  },
);

/** A phone Alex lost in October: blocked on Alex's list since, and silent since. */
const lostGalaxy = {
  mailbox: 'alex.wilber@contoso.example',
  deviceId: 'SEC9F8E7D6C5B4A3921',
  deviceType: 'SAMSUNGSMG991B',
  friendlyName: 'Galaxy S21',
  deviceModel: 'SM-G991B',
  deviceOS: 'Android 14.0.0',
  deviceUserAgent: 'Android-SAMSUNG-SM-G991B/101.140102',
  clientVersion: '16.1',
  firstSyncTime: '2024-03-04T09:12:00Z',
  lastSuccessSync: '2026-10-02T17:48:10Z',
  lastSyncAttemptTime: '2026-10-02T17:48:10Z',
  lastPingHeartbeat: null,
  numberOfFoldersSynced: 6,
};

/** Alex's old Galaxy was reported lost and blocked in October; the new iPhone syncs. No phone was named. */
export const lostPhoneBlockedNewSyncs = defineScenario(
  {
    id: 'lost-phone-blocked-new-syncs',
    title: 'An old lost phone is blocked; the new one syncs',
    story: "Alex calls because mail \"seems slow\". Exchange still lists the Galaxy Alex lost in October, blocked on purpose; the iPhone Alex uses now syncs normally.",
    details:
      "In October Alex reported the Galaxy S21 lost, and the service desk put it on Alex's blocked list; it has not tried to sync since. Alex now uses an iPhone, which syncs normally. The operator did not name a phone. The lost phone's block is deliberate and is not what Alex is calling about: the wizard must lead with the phone in use and keep the block as a note, so that nobody lifts the block of a lost phone to fix a complaint about another one.",
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEVICE_BLOCKED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: [],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mailboxes![1]!.blockedDeviceIds = [lostGalaxy.deviceId];
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }, lostGalaxy];
    t.entra!.signIns = [signIn({ at: '2026-11-26T07:58:02Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x1057a900);
  },
);
