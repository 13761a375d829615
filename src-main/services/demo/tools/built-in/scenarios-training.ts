import { alexIphone, backgroundSignIns, baseWhatIfNotApplying, ids, logDevice, signIn } from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };

/** Seconds after debug logging is turned on before the phone's first request (the user syncs when asked). */
export const TRAINING_PHONE_DELAY_SECONDS = 8;

/**
 * Training: debug logging starts OFF, and nothing in Exchange's state explains the problem. The
 * trainee turns logging on (the 48-hour countdown starts), sends the user the "sync now" message,
 * and a few seconds of scenario time later the phone's requests appear in the mailbox log, where
 * the sync-key loop is found. Run headless without turning logging on, the wizard can only say
 * the log is needed: that is this scenario's expected result.
 */
export const trainingDebugLoggingOff = defineScenario(
  {
    id: 'training-debug-logging-off',
    title: 'Training: turn on debug logging and wait for the phone',
    story: "Alex's iPhone shows no new mail in the Inbox; Exchange allows the phone and debug logging is off.",
    details:
      'Nothing in Exchange explains it: the phone is allowed and signs in fine. Debug logging is off, so there is no log yet. Turn it on (Exchange turns it off by itself after 48 hours), send Alex the message asking to sync now, then fetch the log once the phone has synced: it shows the Inbox stuck in a sync-key reset loop (Status 3 over and over). Removing and re-adding the mail account on the phone breaks the loop.',
    expected: {
      // Headless (logging never turned on) there is no log: what the wizard names first is the missing log.
      rootCauses: ['EVIDENCE_UNAVAILABLE'],
      findings: ['EVIDENCE_UNAVAILABLE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_BLOCKED', 'DEVICE_QUARANTINED', 'DEBUG_LOGGING_ACTIVE'],
    },
  },
  (t, logs) => {
    const phone = {
      ...alexIphone,
      lastSuccessSync: '2026-11-26T08:40:12Z',
      mailboxLog: { file: 'alex-iphone.txt' },
      requestsAfterLoggingOnSeconds: TRAINING_PHONE_DELAY_SECONDS,
    };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = null;
    t.exchange.mobileDevices = [phone];
    t.entra!.signIns = [signIn({ at: '2026-11-26T08:40:00Z', user: alex, caStatus: 'notApplied', os: 'Ios' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    // Written at any time; the shell moves it to just after logging is turned on.
    const c = new EasConversation(logDevice(phone), '2026-11-26T09:00:00Z', 0x7a100000);
    c.policyKey = '1166421309';
    let key = 600100;
    for (let i = 0; i < 5; i++) {
      const exception = [
        {
          section: 'SyncCollection_VerifySyncKey_Exception',
          text: 'Microsoft.Exchange.AirSync.AirSyncPermanentException: Sync key mismatch; the client must resynchronize.\r\n   at Microsoft.Exchange.AirSync.SyncCollection.VerifySyncKey(Boolean isNewSyncKey)',
        },
      ];
      c.sync('5', String(key), String(key + 1), { status: 3 }, { exceptions: exception }).sync('5', '0', String(key + 7));
      key += 7;
    }
    logs['alex-iphone.txt'] = c;
  },
);
