import { ids } from './base-tenant';
import { defineScenario } from './define';
import { iphoneRefusedByActiveSyncOff } from './scenarios-exchange-actions';

/**
 * ActiveSync off on purpose without a plan (facts F38): the organisation switched it off for most
 * people mailbox by mailbox. Imported last so the other modules keep their sign-in numbers.
 */

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };

/** Field staff who, unlike Alex, were moved to Outlook mobile by a script (facts F38). All invented. */
const FIELD_STAFF = ['adele.vance', 'diego.siciliani', 'grady.archie', 'henrietta.mueller', 'isaiah.langer', 'johanna.lorenz', 'lidia.holloway', 'lynne.robbins', 'miriam.graham', 'nestor.wilke'];

/** ActiveSync off for most people, by a script rather than the plan (facts F38): still a policy decision. */
export const easOffForMostMailboxes = defineScenario(
  {
    id: 'eas-off-for-most-mailboxes',
    title: 'ActiveSync off for most mailboxes',
    story: "Contoso moved its staff to Outlook mobile by switching ActiveSync off mailbox by mailbox; Alex's was switched too, and the iPhone's Mail app is refused.",
    details:
      "No CAS mailbox plan was changed: last spring an administrator ran Set-CASMailbox -ActiveSyncEnabled $false over the staff list, so most user mailboxes have ActiveSync off while the plans still say on. Alex's mailbox was on that list; the built-in Mail app on the iPhone gets HTTP 403. Two shared mailboxes have it off as well, which says nothing about people and is not counted. As with a plan, this is policy: the wizard must not offer 'Turn ActiveSync back on' but escalate, or point Alex to Outlook mobile.",
    expected: {
      rootCauses: ['EAS_OFF_BY_POLICY'],
      findings: ['EAS_OFF_BY_POLICY', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['EAS_DISABLED_FOR_MAILBOX', 'HEALTHY_SYNC'],
    },
  },
  (t, logs) => {
    const staff = FIELD_STAFF.map((alias, i) => ({ alias, upn: `${alias}@contoso.example`, id: `5f38a000-0000-4000-8000-${String(i + 1).padStart(12, '0')}` }));
    t.users = [
      ...t.users!,
      ...staff.map((s) => ({ id: s.id, userPrincipalName: s.upn, displayName: s.alias.split('.').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '), mail: s.upn })),
      { id: '5f38a000-0000-4000-8000-0000000000a1', userPrincipalName: 'reception@contoso.example', displayName: 'Reception', mail: 'reception@contoso.example', accountEnabled: false },
      { id: '5f38a000-0000-4000-8000-0000000000a2', userPrincipalName: 'deliveries@contoso.example', displayName: 'Deliveries', mail: 'deliveries@contoso.example', accountEnabled: false },
    ];
    // Nine of the ten staff have it off (one was re-enabled by exception), like Alex; the shared mailboxes too.
    t.exchange.mailboxes = [
      ...t.exchange.mailboxes!.map((m) => (m.user === alex.upn ? { ...m, activeSyncEnabled: false, debugLoggingEnabledAt: '2026-11-26T08:10:00Z' } : m)),
      ...staff.map((s, i) => ({ user: s.upn, alias: s.alias, activeSyncEnabled: i === 4 })),
      { user: 'reception@contoso.example', alias: 'reception', recipientTypeDetails: 'SharedMailbox' as const, activeSyncEnabled: false },
      { user: 'deliveries@contoso.example', alias: 'deliveries', recipientTypeDetails: 'SharedMailbox' as const, activeSyncEnabled: false },
    ];
    iphoneRefusedByActiveSyncOff(t, logs, '2026-05-04T07:12:40Z', 0x7e900000);
  },
);
