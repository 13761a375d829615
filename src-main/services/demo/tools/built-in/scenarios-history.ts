import { alexIphone, alexSamsung, backgroundSignIns, baseWhatIfNotApplying, ids, logDevice, signIn } from './base-tenant';
import { defineScenario } from './define';
import { EasConversation } from '../../mailbox-log/eas-conversation';

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };

/**
 * A problem that is already over: the log starts with the phone in quarantine, then IT approved it
 * and every request since went through. The wizard must say the phone syncs now and keep the
 * quarantine as the phone's history (no "release from quarantine" offered a second time).
 */
export const quarantineReleasedEarlier = defineScenario(
  {
    id: 'quarantine-released-earlier',
    title: 'Quarantined this morning, approved since',
    story: "Alex's new Samsung was quarantined this morning; IT approved it an hour ago and Alex still calls about it.",
    details:
      'Contoso quarantines every new phone. Alex set up Samsung Email at 08:20 and only saw the quarantine notice; the service desk added the phone to the allowed list at 09:00. Every request since then went through, and the latest sync was minutes ago. The log still opens with the quarantined requests: they are the phone\'s history, not its present. Nothing needs to be changed; tell Alex to pull to refresh.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEVICE_QUARANTINED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['DEVICE_BLOCKED', 'SEND_FAILED', 'CA_BLOCKS_EAS'],
    },
  },
  (t, logs) => {
    t.exchange.activeSyncOrganizationSettings = { defaultAccessLevel: 'Quarantine', adminMailRecipients: ['it-mobile@contoso.example'], userMailInsert: '' };
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId, alexSamsung.deviceId];
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-26T08:55:00Z', lastSyncAttemptTime: '2026-11-26T08:55:00Z' },
      { ...alexSamsung, lastSuccessSync: '2026-11-26T09:40:00Z', lastSyncAttemptTime: '2026-11-26T09:40:00Z', mailboxLog: { file: 'alex-samsung.txt' } },
    ];
    t.entra!.signIns = [signIn({ at: '2026-11-26T08:20:00Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    const c = new EasConversation(logDevice(alexSamsung), '2026-11-26T08:20:05Z', 0x5e7f4400);
    c.access = { accessState: 'Quarantined', accessStateReason: 'Global' };
    c.provision('SM-S918B', 'Android 15.0.0').folderSync('0', '1').sync('5', '0', '770001');
    c.wait(2400);
    c.access = { accessState: 'Allowed', accessStateReason: 'Individual' };
    c.folderSync('1', '2').sync('5', '770001', '770002', { adds: 3 }).sync('5', '770002', '770003', { adds: 1 }).ping(480, 2).sync('5', '770003', '770004', { adds: 1 }).ping(480, 1);
    logs['alex-samsung.txt'] = c;
  },
);
