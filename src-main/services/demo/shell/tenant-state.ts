import { createHash } from 'node:crypto';
import type {
  Scenario,
  ScenarioMailbox,
  ScenarioMobileDevice,
  ScenarioUser,
} from '../scenario/scenario-schema';
import type { ScenarioClock } from '../../clock/case-clock';

/** How long Exchange Online keeps ActiveSync debug logging on (facts.md F4; 72 h is on-premises). */
export const DEBUG_LOGGING_HOURS = 48;
/** Mailbox log items carry a 5-day retention tag (facts.md F14). */
const LOG_RETENTION_DAYS = 5;

/**
 * The Exchange side of the demo tenant as the simulated shell changes it: a private copy of the
 * scenario's mailboxes and devices, looked up the ways Exchange accepts identities.
 */
export class TenantState {
  readonly exchange: Scenario['exchange'];
  /** When logs captured before logging was switched off stop being kept, by mailbox alias. */
  private readonly keptUntilAfterStop = new Map<string, number>();
  /**
   * Look-ups by lower-cased key, built once: the large-tenant scenario has 20 000 devices, and a
   * linear search per device would make one Get-MobileDevice -ResultSize Unlimited quadratic.
   * Mailboxes are never added or removed while the shell runs; a device only by Remove-MobileDevice
   * (removeDevice), which drops it from every index.
   */
  private readonly usersByUpn: Map<string, ScenarioUser>;
  private readonly mailboxesByUser: Map<string, ScenarioMailbox>;
  private readonly devicesByMailbox = new Map<string, ScenarioMobileDevice[]>();
  private mailboxesByIdentity: Map<string, ScenarioMailbox> | null = null;
  private devicesByIdentity: Map<string, ScenarioMobileDevice> | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly clock: ScenarioClock,
  ) {
    this.exchange = structuredClone(scenario.exchange);
    this.usersByUpn = new Map(scenario.users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
    this.mailboxesByUser = new Map(this.exchange.mailboxes.map((m) => [m.user.toLowerCase(), m]));
    for (const device of this.exchange.mobileDevices) {
      const key = device.mailbox.toLowerCase();
      const list = this.devicesByMailbox.get(key);
      if (list === undefined) this.devicesByMailbox.set(key, [device]);
      else list.push(device);
    }
  }

  userOf(mailbox: ScenarioMailbox): ScenarioUser {
    return this.usersByUpn.get(mailbox.user.toLowerCase())!;
  }

  /**
   * An Exchange Online mailbox by alias, UPN / primary SMTP address, display name, mailbox GUID
   * or Entra object id. A hybrid user whose mailbox is on-premises is a recipient, not a mailbox.
   */
  findMailbox(identity: string): ScenarioMailbox | undefined {
    const recipient = this.findRecipient(identity);
    return recipient && !ON_PREMISES.has(recipient.recipientTypeDetails) ? recipient : undefined;
  }

  /** The tenant's Exchange Online mailboxes in order (on-premises mail users are not mailboxes). */
  listMailboxes(): ScenarioMailbox[] {
    return this.exchange.mailboxes.filter((m) => !ON_PREMISES.has(m.recipientTypeDetails));
  }

  /** Any recipient (mailbox or on-premises mail user), looked up as findMailbox does. */
  findRecipient(identity: string): ScenarioMailbox | undefined {
    const key = identity.trim().toLowerCase();
    if (this.mailboxesByIdentity === null) {
      // Earlier mailboxes win a clash, as the linear search this replaces did.
      const index = new Map<string, ScenarioMailbox>();
      for (const m of this.exchange.mailboxes) {
        const user = this.userOf(m);
        for (const v of [m.alias, m.user, user.displayName, user.id, stableGuid(`mailbox:${m.alias}`)]) {
          if (!index.has(v.toLowerCase())) index.set(v.toLowerCase(), m);
        }
      }
      this.mailboxesByIdentity = index;
    }
    return this.mailboxesByIdentity.get(key);
  }

  devicesOf(mailbox: ScenarioMailbox): ScenarioMobileDevice[] {
    return this.devicesByMailbox.get(mailbox.user.toLowerCase()) ?? [];
  }

  mailboxOf(device: ScenarioMobileDevice): ScenarioMailbox {
    return this.mailboxesByUser.get(device.mailbox.toLowerCase())!;
  }

  /** By the device's Identity, its GUID, or (leniently) its DeviceId. */
  findDevice(identity: string): ScenarioMobileDevice | undefined {
    const key = identity.trim().toLowerCase();
    if (this.devicesByIdentity === null) {
      // Identity and GUID first for every device, then DeviceIds, so a DeviceId never shadows an Identity.
      const index = new Map<string, ScenarioMobileDevice>();
      const add = (v: string, d: ScenarioMobileDevice) => {
        if (!index.has(v.toLowerCase())) index.set(v.toLowerCase(), d);
      };
      for (const d of this.exchange.mobileDevices) {
        add(deviceIdentity(this.mailboxOf(d), d), d);
        add(stableGuid(`device:${d.deviceId}`), d);
      }
      for (const d of this.exchange.mobileDevices) add(d.deviceId, d);
      this.devicesByIdentity = index;
    }
    return this.devicesByIdentity.get(key);
  }

  /** Remove-MobileDevice: the partnership (and with it its log and statistics) is gone. */
  removeDevice(device: ScenarioMobileDevice): void {
    const at = this.exchange.mobileDevices.indexOf(device);
    if (at >= 0) this.exchange.mobileDevices.splice(at, 1);
    const key = device.mailbox.toLowerCase();
    const list = this.devicesByMailbox.get(key);
    if (list !== undefined) this.devicesByMailbox.set(key, list.filter((d) => d !== device));
    this.devicesByIdentity = null;
  }

  /** Debug logging reads true only while inside its 48-hour window. */
  debugLoggingActive(mailbox: ScenarioMailbox): boolean {
    if (mailbox.debugLoggingEnabledAt === null) return false;
    return this.clock.nowMs() < Date.parse(mailbox.debugLoggingEnabledAt) + DEBUG_LOGGING_HOURS * 3_600_000;
  }

  /** Whether any log captured while logging was on is still kept (switching logging off deletes nothing). */
  logRetained(mailbox: ScenarioMailbox): boolean {
    const now = this.clock.nowMs();
    if ((this.keptUntilAfterStop.get(mailbox.alias) ?? 0) > now) return true;
    if (mailbox.debugLoggingEnabledAt === null) return false;
    return (
      now <
      Date.parse(mailbox.debugLoggingEnabledAt) + (DEBUG_LOGGING_HOURS + LOG_RETENTION_DAYS * 24) * 3_600_000
    );
  }

  /**
   * The user's lists changed for these phones (Set-CASMailbox Add/Remove updates): the demo phone
   * connects right after an action, so Exchange's stored decision gives way to the new settings.
   */
  forgetStoredDecisions(mailbox: ScenarioMailbox, updates: readonly unknown[]): void {
    const touched = new Set<string>();
    for (const update of updates) {
      if (update === undefined || update === null) continue;
      const { Add = [], Remove = [] } = update as { Add?: string[]; Remove?: string[] };
      for (const id of [...Add, ...Remove]) touched.add(id.toLowerCase());
    }
    for (const device of this.devicesOf(mailbox)) {
      if (touched.has(device.deviceId.toLowerCase())) device.decidedAtLastRequest = null;
    }
  }

  /** Logging is being switched off: what was captured stays for the retention period. */
  stopDebugLogging(mailbox: ScenarioMailbox): void {
    if (mailbox.debugLoggingEnabledAt !== null) {
      const loggedUntil = Date.parse(mailbox.debugLoggingEnabledAt) + DEBUG_LOGGING_HOURS * 3_600_000;
      const capturedUntil = Math.min(this.clock.nowMs(), loggedUntil);
      this.keptUntilAfterStop.set(mailbox.alias, capturedUntil + LOG_RETENTION_DAYS * 24 * 3_600_000);
    }
    mailbox.debugLoggingEnabledAt = null;
  }
}

/** Recipient types whose mailbox is not in Exchange Online. */
export const ON_PREMISES: ReadonlySet<string> = new Set(['MailUser', 'RemoteUserMailbox']);

/** A user by UPN, display name or Entra object id, with or without a mailbox. */
export function findUser(scenario: Scenario, identity: string): ScenarioUser | undefined {
  const key = identity.trim().toLowerCase();
  return scenario.users.find((u) => [u.userPrincipalName, u.displayName, u.id].some((v) => v.toLowerCase() === key));
}

/** `<alias>\ExchangeActiveSyncDevices\<DeviceType>§<DeviceId>`, the EAS partnership's Identity. */
export function deviceIdentity(mailbox: ScenarioMailbox, device: ScenarioMobileDevice): string {
  return `${mailbox.alias}\\ExchangeActiveSyncDevices\\${device.deviceType}§${device.deviceId}`;
}

/** A GUID derived from a name, so ids stay the same across runs of the same scenario. */
export function stableGuid(seed: string): string {
  // Remembered: a tenant-wide listing asks for every device's GUID on every call.
  let guid = guids.get(seed);
  if (guid === undefined) {
    const hex = createHash('sha256').update(seed).digest('hex');
    guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    guids.set(seed, guid);
  }
  return guid;
}
const guids = new Map<string, string>();
