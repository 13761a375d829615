import { isIP } from 'node:net';
import { ruleName } from './access-state';
import { roleEntriesOf } from './built-in-roles';
import { commandNotFound, invalidArgument, objectNotFound } from './exchange-errors';
import {
  casMailboxObject,
  mobileDeviceObject,
  mobileDeviceStatisticsObject,
  recipientObject,
  userObject,
  userWithoutMailboxObject,
} from './exchange-objects';
import { findUser, stableGuid, type TenantState } from './tenant-state';

export interface CmdletOutput {
  /**
   * The objects the cmdlet writes, in order. A listing may yield them one by one, as the real
   * cmdlet writes into the pipeline: a paged request then sends its first pages while later
   * objects are still being made (the real host pages them the same way).
   */
  data: Iterable<unknown>;
  warnings: string[];
}

type Params = Record<string, unknown>;
type Cmdlet = (state: TenantState, params: Params) => CmdletOutput;

const ok = (data: Iterable<unknown>, warnings: string[] = []): CmdletOutput => ({ data, warnings });

/** Makes each object only when the pipeline reaches it. */
function* eachMade<T>(items: readonly T[], make: (item: T) => unknown): Generator<unknown> {
  for (const item of items) yield make(item);
}
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The Exchange Online cmdlets of the allow-list, implemented over the scenario's tenant. */
export const EXCHANGE_CMDLETS: Record<string, Cmdlet> = {
  'Get-CASMailbox': (state, p) => {
    if (p.Identity === undefined) {
      // A listing: mailboxes in the tenant's order, of one recipient type when asked, up to ResultSize.
      const limit = String(p.ResultSize).toLowerCase() === 'unlimited' ? Infinity : Number(p.ResultSize);
      const type = str(p.RecipientTypeDetails)?.toLowerCase();
      const listed = state.listMailboxes().filter((m) => type === undefined || m.recipientTypeDetails.toLowerCase() === type);
      return ok(listed.slice(0, limit).map((m) => casMailboxObject(state, m, p.ActiveSyncDebugLogging === true)));
    }
    const mailbox = state.findMailbox(str(p.Identity)!);
    if (!mailbox) throw objectNotFound('Get-CASMailbox', str(p.Identity)!);
    return ok([casMailboxObject(state, mailbox, p.ActiveSyncDebugLogging === true)]);
  },

  'Get-User': (state, p) => {
    const mailbox = state.findRecipient(str(p.Identity)!);
    if (mailbox) return ok([userObject(state, mailbox)]);
    // An account without any recipient (its Exchange licence was removed) is still a user.
    const user = findUser(state.scenario, str(p.Identity)!);
    if (!user) throw objectNotFound('Get-User', str(p.Identity)!);
    return ok([userWithoutMailboxObject(user)]);
  },

  'Get-Recipient': (state, p) => {
    const anr = str(p.Anr);
    if (anr !== undefined && p.Identity !== undefined) {
      throw invalidArgument('Get-Recipient', 'Parameter set cannot be resolved using the specified named parameters.');
    }
    if (anr !== undefined) {
      const limit = p.ResultSize === undefined || String(p.ResultSize).toLowerCase() === 'unlimited' ? Infinity : Number(p.ResultSize);
      // Ambiguous name resolution: alias, display name, first or last name, or address starting with the text.
      const key = anr.trim().toLowerCase();
      const matches = state.exchange.mailboxes.filter((m) => {
        const user = state.userOf(m);
        return [m.alias, m.user, user.displayName, ...user.displayName.split(/\s+/)].some((v) => v.toLowerCase().startsWith(key));
      });
      return ok(matches.slice(0, limit).map((m) => recipientObject(state, m)));
    }
    const recipient = state.findRecipient(str(p.Identity)!);
    if (!recipient) throw objectNotFound('Get-Recipient', str(p.Identity)!);
    return ok([recipientObject(state, recipient)]);
  },

  'Get-MobileDevice': (state, p) => {
    const devices = selectDevices(state, 'Get-MobileDevice', p);
    const limit =
      p.ResultSize === undefined || String(p.ResultSize).toLowerCase() === 'unlimited'
        ? Infinity
        : Number(p.ResultSize);
    if (Number.isNaN(limit))
      throw invalidArgument(
        'Get-MobileDevice',
        `Cannot process argument transformation on parameter 'ResultSize'. "${String(p.ResultSize)}" is not a number or Unlimited.`,
      );
    return ok(eachMade(devices.slice(0, limit), (d) => mobileDeviceObject(state, d)));
  },

  'Get-MobileDeviceStatistics': (state, p) => {
    if (p.Identity === undefined && p.Mailbox === undefined) {
      throw invalidArgument(
        'Get-MobileDeviceStatistics',
        'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.',
      );
    }
    const devices = selectDevices(state, 'Get-MobileDeviceStatistics', p);
    return ok(devices.map((d) => mobileDeviceStatisticsObject(state, d, p.GetMailboxLog === true)));
  },

  'Get-MobileDeviceMailboxPolicy': (state, p) => {
    const policies = state.exchange.mobileDeviceMailboxPolicies.filter(
      (x) => p.Identity === undefined || x.name.toLowerCase() === str(p.Identity)!.toLowerCase(),
    );
    if (p.Identity !== undefined && policies.length === 0)
      throw objectNotFound('Get-MobileDeviceMailboxPolicy', str(p.Identity)!);
    return ok(
      policies.map((x) => ({
        Identity: x.name,
        Name: x.name,
        IsDefault: x.isDefault,
        PasswordEnabled: x.passwordEnabled,
        MinPasswordLength: x.minPasswordLength,
        AllowNonProvisionableDevices: x.allowNonProvisionableDevices,
        RequireDeviceEncryption: x.requireDeviceEncryption,
      })),
    );
  },

  'Get-CASMailboxPlan': (state, p) => {
    // A tenant that never changed its plans has one per licence with every protocol on.
    const plans = state.exchange.casMailboxPlans ?? [{ name: 'ExchangeOnlineEnterprise', activeSyncEnabled: true }];
    const wanted = str(p.Identity)?.toLowerCase();
    const shown = plans.filter((x) => wanted === undefined || x.name.toLowerCase() === wanted);
    if (wanted !== undefined && shown.length === 0) throw objectNotFound('Get-CASMailboxPlan', str(p.Identity)!);
    return ok(
      shown.map((x, i) => {
        const name = `${x.name}-${stableGuid(`plan:${x.name}`)}`;
        return { Identity: name, Name: name, DisplayName: x.name, ActiveSyncEnabled: x.activeSyncEnabled, OwaEnabled: true, PopEnabled: true, ImapEnabled: true, IsDefault: i === 0 };
      }),
    );
  },

  'Get-ActiveSyncOrganizationSettings': (state) => {
    const s = state.exchange.activeSyncOrganizationSettings;
    return ok([
      {
        Identity: 'Mobile Mailbox Settings',
        Name: 'Mobile Mailbox Settings',
        DefaultAccessLevel: s.defaultAccessLevel,
        AllowAccessForUnSupportedPlatform: s.allowAccessForUnSupportedPlatform,
        AdminMailRecipients: [...s.adminMailRecipients],
        UserMailInsert: s.userMailInsert,
        OtaNotificationMailInsert: s.otaNotificationMailInsert,
        DeviceFiltering: null,
      },
    ]);
  },

  'Get-ActiveSyncDeviceAccessRule': (state, p) => {
    const rules = state.exchange.deviceAccessRules.filter(
      (r) => p.Identity === undefined || ruleName(r).toLowerCase() === str(p.Identity)!.toLowerCase(),
    );
    if (p.Identity !== undefined && rules.length === 0)
      throw objectNotFound('Get-ActiveSyncDeviceAccessRule', str(p.Identity)!);
    return ok(
      rules.map((r) => ({
        Identity: ruleName(r),
        Name: ruleName(r),
        QueryString: r.queryString,
        Characteristic: r.characteristic,
        AccessLevel: r.accessLevel,
      })),
    );
  },

  'Get-ClientAccessRule': (state, p) => {
    const rules = clientAccessRules(state, 'Get-ClientAccessRule').filter(
      (r) => p.Identity === undefined || r.name.toLowerCase() === str(p.Identity)!.toLowerCase(),
    );
    if (p.Identity !== undefined && rules.length === 0)
      throw objectNotFound('Get-ClientAccessRule', str(p.Identity)!);
    return ok(rules.map(carObject));
  },

  'Test-ClientAccessRule': (state, p) => {
    const rules = clientAccessRules(state, 'Test-ClientAccessRule');
    const mailbox = state.findMailbox(str(p.User)!);
    if (!mailbox) throw objectNotFound('Test-ClientAccessRule', str(p.User)!);
    if (!isIP(str(p.RemoteAddress)!))
      throw invalidArgument(
        'Test-ClientAccessRule',
        `Cannot process argument transformation on parameter 'RemoteAddress'. Cannot convert value "${str(p.RemoteAddress)}" to type "System.Net.IPAddress".`,
      );
    const matching = rules
      .filter((r) => r.enabled)
      .sort((a, b) => a.priority - b.priority)
      .filter((r) =>
        carMatches(r, {
          protocol: str(p.Protocol)!,
          authType: str(p.AuthenticationType)!,
          ip: str(p.RemoteAddress)!,
          user: mailbox.user,
        }),
      );
    return ok(matching.map(carObject));
  },

  'Get-AuthenticationPolicy': (state, p) => {
    const policies = state.exchange.authenticationPolicies.filter(
      (x) => p.Identity === undefined || x.name.toLowerCase() === str(p.Identity)!.toLowerCase(),
    );
    if (p.Identity !== undefined && policies.length === 0)
      throw objectNotFound('Get-AuthenticationPolicy', str(p.Identity)!);
    const flags = [
      'ActiveSync',
      'Autodiscover',
      'Imap',
      'Mapi',
      'OfflineAddressBook',
      'OutlookService',
      'Pop',
      'Powershell',
      'ReportingWebServices',
      'Rpc',
      'Smtp',
      'WebServices',
    ];
    return ok(
      policies.map((x) => ({
        Identity: x.name,
        Name: x.name,
        ...Object.fromEntries(
          flags.map((f) => [`AllowBasicAuth${f}`, x.allowBasicAuth[`AllowBasicAuth${f}`] ?? false]),
        ),
      })),
    );
  },

  'Get-OrganizationConfig': (state) => {
    const c = state.exchange.organizationConfig;
    return ok([
      {
        Identity: `${state.scenario.tenant.defaultDomain.split('.')[0]}.onmicrosoft.com`,
        Name: `${state.scenario.tenant.defaultDomain.split('.')[0]}.onmicrosoft.com`,
        DisplayName: state.scenario.tenant.displayName,
        DefaultAuthenticationPolicy: c.defaultAuthenticationPolicy,
        OAuth2ClientProfileEnabled: c.oAuth2ClientProfileEnabled,
        IsDehydrated: false,
      },
    ]);
  },

  'Get-ManagementRoleAssignment': (state, p) => {
    const operator = state.scenario.users.find((u) => u.id === state.scenario.operator.userId)!;
    const assignee = str(p.RoleAssignee);
    if (
      assignee !== undefined &&
      ![operator.userPrincipalName, operator.displayName, operator.id].some(
        (v) => v.toLowerCase() === assignee.toLowerCase(),
      )
    ) {
      throw objectNotFound('Get-ManagementRoleAssignment', assignee);
    }
    const roles = state.scenario.operator.exchangeRoles.filter(
      (r) => p.Role === undefined || r.toLowerCase() === str(p.Role)!.toLowerCase(),
    );
    return ok(
      roles.map((role) => ({
        Identity: `${role}-Helpdesk`,
        Name: `${role}-Helpdesk`,
        Role: role,
        RoleAssignee: 'Helpdesk',
        RoleAssigneeName: 'Helpdesk',
        RoleAssigneeType: 'RoleGroup',
        AssignmentMethod: 'SecurityGroup',
        EffectiveUserName: operator.displayName,
        Enabled: true,
      })),
    );
  },

  'Get-ManagementRoleEntry': (state, p) => {
    const identity = str(p.Identity)!;
    const at = identity.lastIndexOf('\\');
    const role = at < 0 ? '*' : identity.slice(0, at);
    const cmdlet = at < 0 ? identity : identity.slice(at + 1);
    const entries = roleEntriesOf(state.scenario, role);
    if (entries === undefined) throw objectNotFound('Get-ManagementRoleEntry', identity);
    const names = Object.keys(entries).filter((name) => cmdlet === '*' || name.toLowerCase() === cmdlet.toLowerCase());
    if (names.length === 0 && cmdlet !== '*') throw objectNotFound('Get-ManagementRoleEntry', identity);
    return ok(names.map((name) => ({ Identity: `${role}\\${name}`, Role: role, Name: name, Parameters: [...entries[name]!].sort(), Type: 'Cmdlet' })));
  },

  'Set-CASMailbox': (state, p) => {
    const identity = str(p.Identity)!;
    const mailbox = state.findMailbox(identity);
    if (!mailbox) throw objectNotFound('Set-CASMailbox', identity);
    const before = JSON.stringify(mailbox);
    if (typeof p.ActiveSyncEnabled === 'boolean') mailbox.activeSyncEnabled = p.ActiveSyncEnabled;
    if (p.ActiveSyncDebugLogging === true)
      mailbox.debugLoggingEnabledAt = new Date(state.clock.nowMs()).toISOString();
    if (p.ActiveSyncDebugLogging === false) state.stopDebugLogging(mailbox);
    mailbox.allowedDeviceIds = applyUpdate(mailbox.allowedDeviceIds, p.ActiveSyncAllowedDeviceIDs);
    mailbox.blockedDeviceIds = applyUpdate(mailbox.blockedDeviceIds, p.ActiveSyncBlockedDeviceIDs);
    // Adding an id to one list takes it off the other (facts F26, SetCASMailbox.cs).
    mailbox.blockedDeviceIds = withoutAdded(mailbox.blockedDeviceIds, p.ActiveSyncAllowedDeviceIDs);
    mailbox.allowedDeviceIds = withoutAdded(mailbox.allowedDeviceIds, p.ActiveSyncBlockedDeviceIDs);
    state.forgetStoredDecisions(mailbox, [p.ActiveSyncAllowedDeviceIDs, p.ActiveSyncBlockedDeviceIDs]);
    // Turning logging on when it already is on restarts the 48-hour window, so that counts as a change.
    const changed = before !== JSON.stringify(mailbox);
    return ok(
      [],
      changed
        ? []
        : [`The command completed successfully but no settings of '${mailbox.alias}' have been modified.`],
    );
  },
};

/**
 * Remove-MobileDevice: the partnership is gone from Get-MobileDevice and its statistics. The
 * mailbox's allowed and blocked lists keep the id, as Exchange's do (unverified for Exchange Online).
 */
EXCHANGE_CMDLETS['Remove-MobileDevice'] = (state, p) => {
  const identity = str(p.Identity)!;
  const device = state.findDevice(identity);
  if (!device) throw objectNotFound('Remove-MobileDevice', identity);
  state.removeDevice(device);
  return ok([]);
};

/** Devices named by -Identity, or all of -Mailbox's, or all in the organisation. */
function selectDevices(state: TenantState, cmdlet: string, p: Params) {
  if (p.Identity !== undefined) {
    const device = state.findDevice(str(p.Identity)!);
    if (!device) throw objectNotFound(cmdlet, str(p.Identity)!);
    return [device];
  }
  if (p.Mailbox !== undefined) {
    const mailbox = state.findMailbox(str(p.Mailbox)!);
    if (!mailbox) throw objectNotFound(cmdlet, str(p.Mailbox)!);
    return state.devicesOf(mailbox);
  }
  return state.exchange.mobileDevices;
}

function applyUpdate(list: string[], update: unknown): string[] {
  if (update === undefined) return list;
  const { Add = [], Remove = [] } = update as { Add?: string[]; Remove?: string[] };
  const removed = new Set(Remove.map((v) => v.toLowerCase()));
  const kept = list.filter((v) => !removed.has(v.toLowerCase()));
  for (const id of Add) if (!kept.some((v) => v.toLowerCase() === id.toLowerCase())) kept.push(id);
  return kept;
}

function withoutAdded(list: string[], update: unknown): string[] {
  if (update === undefined) return list;
  const added = new Set(((update as { Add?: string[] }).Add ?? []).map((v) => v.toLowerCase()));
  return added.size === 0 ? list : list.filter((v) => !added.has(v.toLowerCase()));
}

function clientAccessRules(state: TenantState, cmdlet: string) {
  const rules = state.exchange.clientAccessRules;
  if (rules === 'retired') throw commandNotFound(cmdlet);
  return rules;
}

type Car = Exclude<TenantState['exchange']['clientAccessRules'], 'retired'>[number];

function carObject(r: Car) {
  return {
    Identity: r.name,
    Name: r.name,
    Priority: r.priority,
    Enabled: r.enabled,
    Action: r.action,
    AnyOfProtocols: [...r.anyOfProtocols],
    AnyOfAuthenticationTypes: [...r.anyOfAuthenticationTypes],
    AnyOfClientIPAddressesOrRanges: [...r.anyOfClientIPAddressesOrRanges],
    ExceptAnyOfClientIPAddressesOrRanges: [...r.exceptAnyOfClientIPAddressesOrRanges],
    UsernameMatchesAnyOfPatterns: [...r.usernameMatchesAnyOfPatterns],
    Scope: r.scope,
  };
}

function carMatches(
  r: Car,
  request: { protocol: string; authType: string; ip: string; user: string },
): boolean {
  const inList = (list: string[], value: string) =>
    list.length === 0 || list.some((v) => v.toLowerCase() === value.toLowerCase());
  const ipIn = (ranges: string[]) => ranges.some((range) => ipInRange(request.ip, range));
  const userMatches =
    r.usernameMatchesAnyOfPatterns.length === 0 ||
    r.usernameMatchesAnyOfPatterns.some((pattern) => wildcard(pattern).test(request.user));
  return (
    inList(r.anyOfProtocols, request.protocol) &&
    inList(r.anyOfAuthenticationTypes, request.authType) &&
    (r.anyOfClientIPAddressesOrRanges.length === 0 || ipIn(r.anyOfClientIPAddressesOrRanges)) &&
    !ipIn(r.exceptAnyOfClientIPAddressesOrRanges) &&
    userMatches
  );
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
}

/** IPv4 only: a single address, "a-b" or CIDR. IPv6 ranges never match in the demo. */
function ipInRange(ip: string, range: string): boolean {
  const toNumber = (a: string) =>
    isIP(a) === 4 ? a.split('.').reduce((n, part) => n * 256 + Number(part), 0) : NaN;
  const value = toNumber(ip);
  if (range.includes('/')) {
    const [base, bits] = range.split('/');
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(toNumber(base!) / size) * size;
    return value >= start && value < start + size;
  }
  if (range.includes('-')) {
    const [from, to] = range.split('-');
    return value >= toNumber(from!) && value <= toNumber(to!);
  }
  return value === toNumber(range);
}
