import { alexIphone, alexSamsung, backgroundSignIns, baseWhatIfNotApplying, ids, logDevice, signIn } from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

/**
 * A decision Exchange has not made again yet: the settings now let the phone in, but Exchange keeps
 * the state it stored at the phone's last request until the next one (facts F26). Imported last so
 * the other modules keep their sign-in numbers.
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
    t.exchange.activeSyncOrganizationSettings = {
      defaultAccessLevel: 'Quarantine',
      adminMailRecipients: ['it-mobile@contoso.example'],
      userMailInsert: 'Contoso IT approves new phones within one working day. Call 555-0100 if it is urgent.',
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId, alexSamsung.deviceId];
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-26T08:55:00Z', lastSyncAttemptTime: '2026-11-26T08:55:00Z' },
      {
        ...alexSamsung,
        lastSuccessSync: null,
        lastSyncAttemptTime: '2026-11-26T08:28:05Z',
        decidedAtLastRequest: { state: 'Quarantined', reason: 'Global' },
        mailboxLog: { file: 'alex-samsung.txt' },
      },
    ];
    t.entra!.signIns = [signIn({ at: '2026-11-26T08:20:00Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:20:05Z', 0x5e7f3300);
    c.access = { accessState: 'Quarantined', accessStateReason: 'Global' };
    c.provision('SM-S918B', 'Android 15.0.0')
      .folderSync('0', '1')
      .sync('5', '0', '770001')
      .sync('5', '770001', '770002', { adds: 1 });
    c.sendMail(120).ping(240, 1);
    logs['alex-samsung.txt'] = c;
  },
);
