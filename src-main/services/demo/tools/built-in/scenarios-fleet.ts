import { alexIphone, alexSamsung, backgroundSignIns, baseWhatIfNotApplying, ids, signIn } from './base-tenant';
import { defineScenario } from './define';
import { quarantinedSamsungMorning, quarantinesNewPhones } from './scenarios-abq';

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };

/**
 * The large tenant for the Devices area: 20 000 generated devices across 5 000 users (added at
 * load time from `generatedFleet`, so the file stays small), an organisation default of
 * Quarantine, rules nobody remembers, a quarantine queue, old EAS clients and stale partnerships.
 * Alex's own story is the quarantined new Samsung, so the wizard still has one case to solve.
 */
export const largeTenant = defineScenario(
  {
    id: 'large-tenant',
    title: 'Large tenant: 20 000 phones and a quarantine queue',
    story:
      'Contoso quarantines every new phone; 20 000 phones, a queue waiting for approval, old clients and stale partnerships.',
    details:
      'For the Devices area. 5 000 generated users hold 20 000 partnerships: iPhones, Outlook mobile and Galaxy S24 phones are allowed by rules; other Android phones and iPads fall to the organisation default (Quarantine) unless someone approved them; an old rule quarantines one iPhone mail build and another blocks Android 9. A few users are near the 100-partnership limit, some clients still speak EAS 14.1 or 16.0, and a handful of phones have a remote wipe pending. Alex Wilber’s new Samsung waits in the queue too.',
    expected: {
      rootCauses: ['DEVICE_QUARANTINED'],
      findings: ['DEVICE_QUARANTINED', 'SEND_FAILED', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.exchange.activeSyncOrganizationSettings = quarantinesNewPhones();
    // Listed in the order they were created, not the order Exchange tests them (F27).
    t.exchange.deviceAccessRules = [
      { queryString: 'iPhone', characteristic: 'DeviceType', accessLevel: 'Allow' },
      { queryString: 'Outlook', characteristic: 'DeviceType', accessLevel: 'Allow' },
      { queryString: 'SM-S928B', characteristic: 'DeviceModel', accessLevel: 'Allow' },
      { queryString: 'Android 9', characteristic: 'DeviceOS', accessLevel: 'Block' },
      { queryString: 'Apple-iPhone14C5/2107.16', characteristic: 'UserAgent', accessLevel: 'Quarantine' },
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-26T08:55:00Z', lastSyncAttemptTime: '2026-11-26T08:55:00Z' },
      { ...alexSamsung, mailboxLog: { file: 'alex-samsung.txt' } },
    ];
    t.exchange.mailboxes![1]!.allowedDeviceIds = [alexIphone.deviceId];
    t.generatedFleet = { seed: 20_261_126, users: 5_000, devices: 20_000, heavyUsers: 12 };
    t.latency = 'instant';
    t.entra!.signIns = [signIn({ at: '2026-11-26T08:20:00Z', user: alex, caStatus: 'notApplied' }), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
    logs['alex-samsung.txt'] = quarantinedSamsungMorning(0x5e7f2201);
  },
);
