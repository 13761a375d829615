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

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const whatIfNone = () => [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
const easSignIns = (at: string[]) => at.map((t) => signIn({ at: t, user: alex, caStatus: 'notApplied' }));

/** Contoso's setting in the quarantine stories: every new phone waits for IT's approval. */
export function quarantinesNewPhones() {
  return {
    defaultAccessLevel: 'Quarantine' as const,
    adminMailRecipients: ['it-mobile@contoso.example'],
    userMailInsert: 'Contoso IT approves new phones within one working day. Call 555-0100 if it is urgent.',
  };
}

/** Alex's new Samsung set up at 08:20 under that setting: every request answered with the quarantine. */
export function quarantinedSamsungMorning(firstIdentifier: number): EasConversation {
  const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:20:05Z', firstIdentifier);
  c.access = { accessState: 'Quarantined', accessStateReason: 'Global' };
  c.provision('SM-S918B', 'Android 15.0.0')
    .folderSync('0', '1')
    .sync('5', '0', '770001')
    .sync('5', '770001', '770002', { adds: 1 });
  c.sendMail(120).ping(480, 1);
  return c;
}

/** Healthy: everything is fine; the wizard should say so and not invent a cause. */
export const healthy = defineScenario(
  {
    id: 'healthy-iphone',
    title: 'Healthy iPhone',
    story: "Alex's iPhone syncs normally; the wizard should find nothing wrong.",
    details:
      'Alex reports that mail "felt slow this morning". The iPhone (iOS Mail, EAS 16.1) provisions, syncs and pings normally, no policy applies, and the latest sync was minutes ago. Trainees learn what a healthy log and a clean tenant look like.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['DEVICE_BLOCKED', 'CA_BLOCKS_EAS'],
    },
  },
  (t, logs) => {
    t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.entra!.signIns = [
      ...easSignIns(['2026-11-26T07:58:02Z', '2026-11-25T19:12:44Z']),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x3c5c8d00);
  },
);

/** ActiveSync turned off on the mailbox (Set-CASMailbox -ActiveSyncEnabled $false). */
export const easDisabled = defineScenario(
  {
    id: 'activesync-disabled',
    title: 'ActiveSync disabled on the mailbox',
    story: "After a leaver clean-up script ran, ActiveSync was turned off on Alex's mailbox by mistake.",
    details:
      "Alex's iPhone stopped syncing last night. A clean-up script meant for leavers set ActiveSyncEnabled to False on the wrong mailbox. Every request is refused with HTTP 403; turning ActiveSync back on (with confirmation) fixes it.",
    expected: {
      rootCauses: ['EAS_DISABLED_FOR_MAILBOX'],
      findings: ['EAS_DISABLED_FOR_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.mailboxes![1] = {
      user: 'alex.wilber@contoso.example',
      alias: 'alex.wilber',
      activeSyncEnabled: false,
      debugLoggingEnabledAt: '2026-11-26T08:10:00Z',
    };
    t.exchange.mobileDevices = [
      {
        ...alexIphone,
        lastSuccessSync: '2026-11-25T22:03:11Z',
        lastSyncAttemptTime: '2026-11-26T08:47:55Z',
        mailboxLog: { file: 'alex-iphone.txt' },
      },
    ];
    t.entra!.signIns = [
      ...easSignIns(['2026-11-26T08:15:30Z', '2026-11-26T07:02:18Z']),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = whatIfNone();
    const c = new EasConversation(logDevice(alexIphone), '2026-11-26T08:15:31Z', 0x4d2a1100);
    c.policyKey = '1166421309';
    for (let i = 0; i < 3; i++) {
      c.folderSync('1', null, 1, { httpStatus: '403 Forbidden', response: null });
      c.wait(600);
    }
    logs['alex-iphone.txt'] = c;
  },
);

/** A new phone lands in quarantine because the organisation default is Quarantine. */
export const quarantinedByDefault = defineScenario(
  {
    id: 'quarantined-org-default',
    title: 'New phone quarantined by the organisation default',
    story:
      "Alex's new Samsung only shows a quarantine message: the organisation quarantines every new device.",
    details:
      'Contoso set DefaultAccessLevel to Quarantine so IT approves each new phone. Alex set up Samsung Email on a new Galaxy yesterday; the device is Quarantined with reason Global. It only receives the quarantine notice and cannot send mail. Allowing the device (with confirmation) fixes it.',
    expected: {
      rootCauses: ['DEVICE_QUARANTINED'],
      findings: ['DEVICE_QUARANTINED', 'SEND_FAILED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.activeSyncOrganizationSettings = quarantinesNewPhones();
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-26T08:55:00Z', lastSyncAttemptTime: '2026-11-26T08:55:00Z' },
      { ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } },
    ];
    // The iPhone was allowed before the default changed; Exchange keeps it allowed by the user's list.
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId];
    t.entra!.signIns = [...easSignIns(['2026-11-26T08:20:00Z']), ...backgroundSignIns()];
    t.entra!.whatIf!.results = whatIfNone();
    logs['alex-samsung.txt'] = quarantinedSamsungMorning(0x5e7f2200);
  },
);
