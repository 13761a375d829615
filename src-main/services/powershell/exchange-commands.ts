import { z } from 'zod';
import {
  activeSyncDeviceAccessRuleSchema,
  casMailboxPlanSchema,
  type ActiveSyncPeerCount,
  type CasMailboxPlan,
  mobileDeviceMailboxPolicySchema,
  type MobileDeviceMailboxPolicy,
  activeSyncOrganizationSettingsSchema,
  authenticationPolicySchema,
  casMailboxSchema,
  clientAccessRuleSchema,
  exchangeUserSchema,
  mobileDeviceSchema,
  mobileDeviceStatisticsSchema,
  organizationConfigSchema,
  recipientSchema,
  type ActiveSyncDeviceAccessRule,
  type ActiveSyncOrganizationSettings,
  type AuthenticationPolicy,
  type CasMailbox,
  type ClientAccessRule,
  type DeviceMailboxLog,
  type ExchangeUser,
  type MobileDevice,
  type MobileDeviceStatistics,
  type OrganizationConfig,
  type Recipient,
  type TenantFeature,
} from '../../shared/models/exchange';
import { HostRequestError } from './errors';
import type { HostResult, RequestOptions } from './powershell-session';

/** Runs an Exchange cmdlet over a live connection (ExchangeConnection.run). */
export interface ExchangeRunner {
  run(cmdlet: string, params?: Record<string, unknown>, options?: RequestOptions): Promise<HostResult>;
}

/** Exchange answered, but not in the shape the app expects. */
export class ExchangeDataError extends Error {
  override name = 'ExchangeDataError';
  constructor(
    readonly cmdlet: string,
    readonly issues: string,
  ) {
    super(
      `Exchange Online answered ${cmdlet} with data the app does not understand, so this check cannot be trusted. Please report it. (${issues})`,
    );
  }
}

// Identities are data for Exchange, never script; they only need to be present and bounded.
const identity = z.string().trim().min(1, 'an identity is required').max(1024, 'the identity is too long');
const deviceIds = z.array(z.string().trim().min(1).max(256)).max(1000);
const emailAddresses = z.array(z.email()).max(20);
const deviceIdUpdate = z
  .object({ add: deviceIds.optional(), remove: deviceIds.optional() })
  .refine(
    (update) => (update.add?.length ?? 0) + (update.remove?.length ?? 0) > 0,
    'nothing to add or remove',
  );
const clientAccessRuleTest = z.object({
  user: identity,
  protocol: z.string().min(1).default('ExchangeActiveSync'),
  authenticationType: z.enum([
    'BasicAuthentication',
    'OAuthAuthentication',
    'CertificateBasedAuthentication',
  ]),
  remoteAddress: z.union([z.ipv4(), z.ipv6()]),
  remotePort: z.number().int().min(1).max(65535),
});

/**
 * Typed, validated access to the Exchange cmdlets the wizard uses. Inputs are checked with zod
 * before anything reaches PowerShell; outputs are parsed into the models in
 * src-main/shared/models/exchange.ts (unknown properties are kept).
 */
export class ExchangeCommands {
  constructor(private readonly runner: ExchangeRunner) {}

  /** The mailbox's EAS settings, read with -ActiveSyncDebugLogging so that flag is real (facts F5). */
  async getCasMailbox(mailbox: string): Promise<CasMailbox> {
    const data = await this.call('Get-CASMailbox', {
      Identity: identity.parse(mailbox),
      ActiveSyncDebugLogging: true,
    });
    return single('Get-CASMailbox', data, casMailboxSchema);
  }

  async getUser(user: string): Promise<ExchangeUser> {
    return single(
      'Get-User',
      await this.call('Get-User', { Identity: identity.parse(user) }),
      exchangeUserSchema,
    );
  }

  /**
   * The recipient an address names (Get-Recipient -Identity); [] when Exchange knows no such
   * recipient, so "not found" is an answer the mailbox gate can judge rather than a failure.
   */
  async getRecipient(address: string): Promise<Recipient[]> {
    return notFoundAsEmpty(async () => many('Get-Recipient', await this.call('Get-Recipient', { Identity: identity.parse(address) }), recipientSchema));
  }

  /**
   * Recipients whose name or address starts like `prefix` (ambiguous name resolution, -Anr), at
   * most `limit` of them: close matches to offer for an address that matched nothing.
   */
  async findRecipients(prefix: string, limit: number): Promise<Recipient[]> {
    const anr = z.string().trim().min(3, 'a search needs at least 3 characters').max(64).parse(prefix);
    const size = z.number().int().min(1).max(20).parse(limit);
    const data = await this.call('Get-Recipient', { Anr: anr, ResultSize: String(size) });
    return many('Get-Recipient', data, recipientSchema).slice(0, size);
  }

  /** Get-User for an address, [] when there is no such account. */
  async findUser(user: string): Promise<ExchangeUser[]> {
    return notFoundAsEmpty(async () => many('Get-User', await this.call('Get-User', { Identity: identity.parse(user) }), exchangeUserSchema));
  }

  /** Every mobile device partnership of one mailbox. */
  async getMobileDevices(mailbox: string): Promise<MobileDevice[]> {
    const data = await this.call('Get-MobileDevice', { Mailbox: identity.parse(mailbox) });
    return many('Get-MobileDevice', data, mobileDeviceSchema);
  }

  /**
   * Statistics of one mailbox's devices or of one device. A missing identity would make Exchange
   * return every device in the tenant, so one of the two is required.
   */
  async getMobileDeviceStatistics(
    target: { mailbox: string } | { deviceIdentity: string },
  ): Promise<MobileDeviceStatistics[]> {
    const params =
      'mailbox' in target
        ? { Mailbox: identity.parse(target.mailbox) }
        : { Identity: identity.parse(target.deviceIdentity) };
    return many(
      'Get-MobileDeviceStatistics',
      await this.call('Get-MobileDeviceStatistics', params),
      mobileDeviceStatisticsSchema,
    );
  }

  /**
   * One device's mailbox log (MailboxLogReport), fetched with the device's -Identity as
   * Microsoft's own scripts do: without it, logs of several devices come back mixed (facts F6).
   * `notificationEmailAddresses` additionally mails the log, the documented fallback.
   */
  async getDeviceMailboxLog(
    deviceIdentity: string,
    notificationEmailAddresses: string[] = [],
  ): Promise<DeviceMailboxLog[]> {
    const params: Record<string, unknown> = { Identity: identity.parse(deviceIdentity), GetMailboxLog: true };
    const recipients = emailAddresses.parse(notificationEmailAddresses);
    if (recipients.length > 0) params.NotificationEmailAddresses = recipients;
    const statistics = many(
      'Get-MobileDeviceStatistics',
      await this.call('Get-MobileDeviceStatistics', params),
      mobileDeviceStatisticsSchema,
    );
    return statistics.map((device) => ({
      deviceIdentity: device.Identity,
      deviceId: device.DeviceID ?? device.DeviceId ?? null,
      report: device.MailboxLogReport ? device.MailboxLogReport : null,
      statistics: device,
    }));
  }

  /** Mailbox logs of every device of a mailbox, one device at a time. */
  async getMailboxLogs(
    mailbox: string,
    notificationEmailAddresses: string[] = [],
  ): Promise<DeviceMailboxLog[]> {
    const logs: DeviceMailboxLog[] = [];
    for (const device of await this.getMobileDevices(mailbox)) {
      logs.push(...(await this.getDeviceMailboxLog(device.Identity, notificationEmailAddresses)));
    }
    return logs;
  }

  async getActiveSyncOrganizationSettings(): Promise<ActiveSyncOrganizationSettings> {
    const data = await this.call('Get-ActiveSyncOrganizationSettings', {});
    return single('Get-ActiveSyncOrganizationSettings', data, activeSyncOrganizationSettingsSchema);
  }

  /** The mobile device mailbox policies (which settings a phone must meet to provision). */
  async getMobileDeviceMailboxPolicies(): Promise<MobileDeviceMailboxPolicy[]> {
    const data = await this.call('Get-MobileDeviceMailboxPolicy', {});
    return many('Get-MobileDeviceMailboxPolicy', data, mobileDeviceMailboxPolicySchema);
  }

  /** The CAS mailbox plans: ActiveSyncEnabled False there turns EAS off for every new mailbox of that licence (facts F38). */
  async getCasMailboxPlans(): Promise<CasMailboxPlan[]> {
    const data = await this.call('Get-CASMailboxPlan', {});
    return many('Get-CASMailboxPlan', data, casMailboxPlanSchema);
  }

  /**
   * Does ActiveSync look off for most people, not only this mailbox (facts F38)? Reads the first
   * `limit` user mailboxes Exchange lists (shared, room and equipment mailboxes, where it is often
   * off for good reason, are not asked for) and keeps only the counts, leaving `mailbox` out.
   */
  async countActiveSyncOffAmongUserMailboxes(mailbox: string, limit: number): Promise<ActiveSyncPeerCount> {
    const data = await this.call('Get-CASMailbox', { RecipientTypeDetails: 'UserMailbox', ResultSize: String(limit) });
    const own = mailbox.trim().toLowerCase();
    const listed = many('Get-CASMailbox', data, casMailboxSchema);
    const peers = listed.filter((m) => (m.PrimarySmtpAddress ?? '').toLowerCase() !== own);
    return { limit, read: peers.length, activeSyncOff: peers.filter((m) => m.ActiveSyncEnabled === false).length, all: listed.length < limit };
  }

  async getActiveSyncDeviceAccessRules(): Promise<ActiveSyncDeviceAccessRule[]> {
    const data = await this.call('Get-ActiveSyncDeviceAccessRule', {});
    return many('Get-ActiveSyncDeviceAccessRule', data, activeSyncDeviceAccessRuleSchema);
  }

  /** Client Access Rules; retired in Exchange Online, so "not available" is a normal answer (facts F3). */
  async getClientAccessRules(): Promise<TenantFeature<ClientAccessRule[]>> {
    return this.optionalFeature('Get-ClientAccessRule', {}, (data) =>
      many('Get-ClientAccessRule', data, clientAccessRuleSchema),
    );
  }

  async testClientAccessRule(
    input: z.input<typeof clientAccessRuleTest>,
  ): Promise<TenantFeature<ClientAccessRule[]>> {
    const test = clientAccessRuleTest.parse(input);
    const params = {
      User: test.user,
      Protocol: test.protocol,
      AuthenticationType: test.authenticationType,
      RemoteAddress: test.remoteAddress,
      RemotePort: test.remotePort,
    };
    return this.optionalFeature('Test-ClientAccessRule', params, (data) =>
      many('Test-ClientAccessRule', data, clientAccessRuleSchema),
    );
  }

  async getAuthenticationPolicies(policy?: string): Promise<AuthenticationPolicy[]> {
    const params = policy === undefined ? {} : { Identity: identity.parse(policy) };
    return many(
      'Get-AuthenticationPolicy',
      await this.call('Get-AuthenticationPolicy', params),
      authenticationPolicySchema,
    );
  }

  async getOrganizationConfig(): Promise<OrganizationConfig> {
    return single(
      'Get-OrganizationConfig',
      await this.call('Get-OrganizationConfig', {}),
      organizationConfigSchema,
    );
  }

  /** Turns EAS debug logging on or off (on lasts 48 hours in Exchange Online: facts F4). */
  async setActiveSyncDebugLogging(mailbox: string, enabled: boolean): Promise<void> {
    await this.call('Set-CASMailbox', {
      Identity: identity.parse(mailbox),
      ActiveSyncDebugLogging: z.boolean().parse(enabled),
    });
  }

  async setActiveSyncEnabled(mailbox: string, enabled: boolean): Promise<void> {
    await this.call('Set-CASMailbox', {
      Identity: identity.parse(mailbox),
      ActiveSyncEnabled: z.boolean().parse(enabled),
    });
  }

  /**
   * Removes one phone partnership (Remove-MobileDevice) by its Identity
   * (`alias\ExchangeActiveSyncDevices\Type§Id`). -Confirm:$false because the host never prompts;
   * the app asked the operator already. The caller (the action guard) decides whether it may.
   */
  async removeMobileDevice(deviceIdentity: string): Promise<void> {
    await this.call('Remove-MobileDevice', { Identity: identity.parse(deviceIdentity), Confirm: false });
  }

  /** Adds/removes device IDs on the mailbox's allowed or blocked list (@{Add=…; Remove=…}). */
  async updateActiveSyncDeviceIds(
    mailbox: string,
    list: 'allowed' | 'blocked',
    update: { add?: string[]; remove?: string[] },
  ): Promise<void> {
    const checked = deviceIdUpdate.parse(update);
    const value: Record<string, string[]> = {};
    if (checked.add?.length) value.Add = checked.add;
    if (checked.remove?.length) value.Remove = checked.remove;
    const parameter = list === 'allowed' ? 'ActiveSyncAllowedDeviceIDs' : 'ActiveSyncBlockedDeviceIDs';
    await this.call('Set-CASMailbox', { Identity: identity.parse(mailbox), [parameter]: value });
  }

  private async call(cmdlet: string, params: Record<string, unknown>): Promise<unknown[]> {
    return (await this.runner.run(cmdlet, params)).data;
  }

  private async optionalFeature<T>(
    cmdlet: string,
    params: Record<string, unknown>,
    parse: (data: unknown[]) => T,
  ): Promise<TenantFeature<T>> {
    try {
      return { available: true, value: parse(await this.call(cmdlet, params)) };
    } catch (error) {
      if (error instanceof HostRequestError && error.kind === 'command-not-found') {
        return {
          available: false,
          reason: 'not-available-in-tenant',
          message: `${cmdlet} is not available in this tenant. Client Access Rules were retired in Exchange Online, so they cannot be blocking this device; Conditional Access replaces them.`,
        };
      }
      throw error;
    }
  }
}

/**
 * Exchange's "couldn't be found" for an identity (ManagementObjectNotFoundException, category
 * ObjectNotFound) as an empty answer; every other failure still throws.
 */
async function notFoundAsEmpty<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HostRequestError && error.kind === 'cmdlet-error' && isObjectNotFound(error)) return [];
    throw error;
  }
}

export function isObjectNotFound(error: HostRequestError): boolean {
  const { category, fullyQualifiedErrorId, hostMessage } = error.details;
  return category === 'ObjectNotFound' || /ManagementObjectNotFoundException/.test(fullyQualifiedErrorId ?? '') || /couldn't be found/i.test(hostMessage ?? '');
}

function many<T>(cmdlet: string, data: unknown[], schema: z.ZodType<T>): T[] {
  const parsed = z.array(schema).safeParse(data);
  if (!parsed.success) throw new ExchangeDataError(cmdlet, z.prettifyError(parsed.error));
  return parsed.data;
}

function single<T>(cmdlet: string, data: unknown[], schema: z.ZodType<T>): T {
  if (data.length !== 1) throw new ExchangeDataError(cmdlet, `expected one object, got ${data.length}`);
  return many(cmdlet, data, schema)[0] as T;
}
