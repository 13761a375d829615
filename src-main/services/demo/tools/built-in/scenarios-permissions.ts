import { BUILT_IN_ROLE_ENTRIES } from '../../shell/built-in-roles';
import { alexIphone, backgroundSignIns, baseWhatIfNotApplying, healthyMorning, ids, signIn } from './base-tenant';
import { defineScenario } from './define';

// The operator's Exchange rights, judged by capability: a healthy tenant, so the only thing that
// differs between these stories is what the operator may do.

const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const whatIfNone = () => [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
const easSignIns = (at: string[]) => at.map((t) => signIn({ at: t, user: alex, caStatus: 'notApplied' }));
const ENTRA_EXCHANGE_ADMINISTRATOR = '29232cdf-9323-448f-a48d-b8d3bd9d22a8';

/**
 * The custom roles New-EasHelpdeskRole.ps1 builds: one per parent, each trimmed to the allow-listed
 * cmdlets and parameters that parent holds. `drop` leaves parameters out, as a hand-made role might.
 */
function leastPrivilegeRoles(prefix: string, drop: string[] = []) {
  const keep = (entries: Readonly<Record<string, readonly string[]>>, wanted: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(wanted).map(([cmdlet, params]) => [cmdlet, params.filter((p) => !drop.includes(p) && entries[cmdlet]!.includes(p))]));
  return [
    {
      name: `${prefix} (Mail Recipients)`,
      parent: 'Mail Recipients',
      entries: keep(BUILT_IN_ROLE_ENTRIES['Mail Recipients']!, {
        'Get-CASMailbox': ['Identity', 'ActiveSyncDebugLogging', 'RecipientTypeDetails', 'ResultSize'],
        'Get-User': ['Identity'],
        'Get-Recipient': ['Identity', 'Anr', 'ResultSize'],
        'Get-MobileDevice': ['Mailbox', 'Identity', 'ResultSize'],
        'Get-MobileDeviceStatistics': ['Identity', 'Mailbox', 'GetMailboxLog', 'NotificationEmailAddresses'],
        'Set-CASMailbox': ['Identity', 'ActiveSyncDebugLogging', 'ActiveSyncEnabled', 'ActiveSyncAllowedDeviceIDs', 'ActiveSyncBlockedDeviceIDs'],
      }),
    },
    {
      name: `${prefix} (View-Only Configuration)`,
      parent: 'View-Only Configuration',
      entries: keep(BUILT_IN_ROLE_ENTRIES['View-Only Configuration']!, {
        'Get-MobileDeviceMailboxPolicy': ['Identity'],
        'Get-CASMailboxPlan': ['Identity'],
        'Get-ActiveSyncOrganizationSettings': [],
        'Get-ActiveSyncDeviceAccessRule': ['Identity'],
        'Get-AuthenticationPolicy': ['Identity'],
        'Get-OrganizationConfig': [],
        'Get-ManagementRoleAssignment': ['RoleAssignee', 'Role'],
        'Get-ManagementRoleEntry': ['Identity'],
      }),
    },
  ];
}

function healthyTenant(t: Parameters<Parameters<typeof defineScenario>[1]>[0], logs: Parameters<Parameters<typeof defineScenario>[1]>[1]): void {
  t.exchange.mobileDevices = [{ ...alexIphone, mailboxLog: { file: 'alex-iphone.txt' } }];
  t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T07:30:00Z';
  t.entra!.signIns = [...easSignIns(['2026-11-26T07:58:02Z', '2026-11-25T19:12:44Z']), ...backgroundSignIns()];
  t.entra!.whatIf!.results = whatIfNone();
  logs['alex-iphone.txt'] = healthyMorning(alexIphone, '2026-11-26T07:58:10Z', 0x3c5c8d00);
}

const HEALTHY = { rootCauses: [], findings: ['HEALTHY_SYNC', 'DEBUG_LOGGING_ACTIVE'], notFindings: ['DEVICE_BLOCKED', 'CA_BLOCKS_EAS'] };

export const leastPrivilegeRole = defineScenario(
  {
    id: 'operator-least-privilege-role',
    title: 'Helpdesk operator with the least-privilege role',
    story: 'The operator holds only the custom "ActiveSync Helpdesk" roles from the admin guide; the wizard must still offer every fix.',
    details:
      'The tenant followed the admin guide: the operator is in the ActiveSync Helpdesk role group, whose custom roles keep only the cmdlets and parameters the wizard runs. No built-in role name appears, so the wizard must judge by what the roles contain and report full rights.',
    expected: { ...HEALTHY, permissions: { canAct: true, missing: [] } },
  },
  (t, logs) => {
    t.operator.customRoles = leastPrivilegeRoles('ActiveSync Helpdesk');
    t.operator.exchangeRoles = t.operator.customRoles.map((r) => r.name);
    healthyTenant(t, logs);
  },
);

export const roleWithoutBlockList = defineScenario(
  {
    id: 'operator-role-without-block-list',
    title: 'Helpdesk role that cannot block phones',
    story: 'A hand-made helpdesk role left out the blocked-devices parameter; the wizard names exactly that gap.',
    details:
      'Someone trimmed the helpdesk role by hand and dropped -ActiveSyncBlockedDeviceIDs from Set-CASMailbox. Everything else works; only blocking a phone is out of reach, and the wizard says so and what to ask for.',
    expected: { ...HEALTHY, permissions: { canAct: false, missing: ['Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.'] } },
  },
  (t, logs) => {
    t.operator.customRoles = leastPrivilegeRoles('Helpdesk EAS', ['ActiveSyncBlockedDeviceIDs']);
    t.operator.exchangeRoles = t.operator.customRoles.map((r) => r.name);
    healthyTenant(t, logs);
  },
);

export const entraExchangeAdministrator = defineScenario(
  {
    id: 'operator-exchange-admin-via-entra',
    title: 'Exchange Administrator through Entra only',
    story: 'The operator is Exchange Administrator in Entra ID and holds no Exchange role group; the wizard must still see full rights.',
    details:
      'The Entra role Exchange Administrator covers all of Exchange Online, but no Exchange role assignment is listed for the operator. The wizard reads the operator’s Entra roles when the Exchange roles fall short.',
    expected: { ...HEALTHY, permissions: { canAct: true, missing: [] } },
  },
  (t, logs) => {
    t.operator.exchangeRoles = [];
    t.directoryRoles = [
      ...(t.directoryRoles ?? []),
      { id: 'a1e2b3c4-0000-4000-8000-00000000e0a0', roleTemplateId: ENTRA_EXCHANGE_ADMINISTRATOR, displayName: 'Exchange Administrator', members: [ids.operator] },
    ];
    healthyTenant(t, logs);
  },
);
