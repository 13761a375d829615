import { alexIphone, backgroundSignIns, baseWhatIfNotApplying, caPolicy, healthyMorning, ids } from './base-tenant';
import { defineScenario } from './define';
import { answer, everyone, oauthSignIn, withConditions } from './scenarios-ca';

/**
 * Sign-in evidence the phone got past: a refusal before its last successful sync, and a block What-If
 * reports that the phone's real sign-ins pass. Neither may be the headline over a phone that syncs.
 * Imported last so the other modules keep their sign-in numbers.
 */

const policyIds = {
  compliantPhones: 'c0a10000-0011-4abc-8def-00000000a011',
  unmanagedPhones: 'c0a10000-0012-4abc-8def-00000000a012',
};

const mobileMail = { users: everyone, applications: { includeApplications: ['Office365'] }, clientAppTypes: ['mobileAppsAndDesktopClients'] };

/** Intune marked the iPhone non-compliant for an hour; one sign-in was refused, then it synced again. */
export const complianceBlipHealthy = defineScenario(
  {
    id: 'compliance-blip-synced-since',
    title: 'One compliance refusal, synced since',
    story: "Intune briefly marked Alex's iPhone non-compliant overnight; Conditional Access refused one sign-in, and the phone has synced normally since.",
    details:
      'Contoso requires a compliant device for mail on phones. At 06:41 Intune still counted an iOS update as pending and Conditional Access refused the iPhone once (53000). The update finished, Intune marked the phone compliant again, the phone signed in again, and Exchange recorded a successful sync at 08:52, longer after the refusal than any token it had could last; the mailbox log shows normal syncs after the refusal. The refusal is the phone\'s past: the wizard must say the phone syncs and must not send tier 1 to Intune or blame Conditional Access.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['DEVICE_NOT_COMPLIANT', 'CA_BLOCKS_EAS', 'SIGNIN_FAILURES', 'BASIC_AUTH_CLIENT'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    t.entra!.conditionalAccessPolicies = [
      ...t.entra!.conditionalAccessPolicies!,
      caPolicy(policyIds.compliantPhones, 'Require a compliant device for mail on phones', 'enabled', { ...mobileMail, grant: ['compliantDevice'] }),
    ];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, external: 'compliant', mailboxLog: { file: 'alex-iphone.txt' } }];
    const compliant = { id: policyIds.compliantPhones, displayName: 'Require a compliant device for mail on phones', grant: ['RequireCompliantDevice'] };
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T06:41:09Z', {
        errorCode: 53000,
        failureReason: 'Device is not in required device state: compliant.',
        caStatus: 'failure',
        policies: [{ ...compliant, result: 'failure' }],
        managed: true,
        compliant: false,
      }),
      oauthSignIn('2026-11-25T19:12:44Z', { caStatus: 'success', policies: [{ ...compliant, result: 'success' }], managed: true, compliant: true }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.compliantPhones, true, 'notSet')] }];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T08:05:10Z', 0x7e910000);
  },
);

/** What-If cannot see the device a filter tests, so it reports a block the phone's real sign-ins pass. */
export const whatIfBlockPhonePasses = defineScenario(
  {
    id: 'what-if-block-phone-passes',
    title: 'What-If reports a block the phone passes',
    story: "What-If says a policy blocks Alex's iPhone, but every real sign-in of the phone passes it and the phone syncs normally.",
    details:
      'Contoso blocks mail on phones that are not managed, with a device filter ("device.isCompliant -ne True"). What-If is asked without the device, so it cannot test the filter and answers that the policy applies; read from its settings, the policy blocks. The iPhone is managed and compliant: its sign-ins since the policy last changed passed Conditional Access, and it syncs normally. The real sign-ins outweigh the simulation: the wizard must say the phone is healthy, with the policy as a note, not as the cause.',
    expected: {
      rootCauses: [],
      findings: ['HEALTHY_SYNC', 'CA_CANNOT_TELL', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['CA_BLOCKS_EAS', 'DEVICE_NOT_COMPLIANT', 'SIGNIN_FAILURES'],
      headline: ['HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const unmanaged = withConditions(
      caPolicy(policyIds.unmanagedPhones, 'Block mail on unmanaged phones', 'enabled', { ...mobileMail, grant: ['block'] }),
      { devices: { deviceFilter: { mode: 'include', rule: 'device.isCompliant -ne True' } } },
    );
    t.entra!.conditionalAccessPolicies = [...t.entra!.conditionalAccessPolicies!, unmanaged];
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
    t.exchange.mobileDevices = [{ ...alexIphone, external: 'compliant', mailboxLog: { file: 'alex-iphone.txt' } }];
    t.entra!.signIns = [
      oauthSignIn('2026-11-26T07:58:02Z', { managed: true, compliant: true }),
      oauthSignIn('2026-11-25T19:12:44Z', { managed: true, compliant: true, interactive: false }),
      ...backgroundSignIns(),
    ];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: [...baseWhatIfNotApplying(), answer(policyIds.unmanagedPhones, true, 'notSet')] }];
    logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x7e920000);
  },
);
