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

  constructor(
    readonly scenario: Scenario,
    readonly clock: ScenarioClock,
  ) {
    this.exchange = structuredClone(scenario.exchange);
  }

  userOf(mailbox: ScenarioMailbox): ScenarioUser {
    return this.scenario.users.find((u) => u.userPrincipalName.toLowerCase() === mailbox.user.toLowerCase())!;
  }

  /**
   * An Exchange Online mailbox by alias, UPN / primary SMTP address, display name, mailbox GUID
   * or Entra object id. A hybrid user whose mailbox is on-premises is a recipient, not a mailbox.
   */
  findMailbox(identity: string): ScenarioMailbox | undefined {
    const recipient = this.findRecipient(identity);
    return recipient && !ON_PREMISES.has(recipient.recipientTypeDetails) ? recipient : undefined;
  }

  /** Any recipient (mailbox or on-premises mail user), looked up as findMailbox does. */
  findRecipient(identity: string): ScenarioMailbox | undefined {
    const key = identity.trim().toLowerCase();
    return this.exchange.mailboxes.find((m) => {
      const user = this.userOf(m);
      return [m.alias, m.user, user.displayName, user.id, stableGuid(`mailbox:${m.alias}`)].some(
        (v) => v.toLowerCase() === key,
      );
    });
  }

  devicesOf(mailbox: ScenarioMailbox): ScenarioMobileDevice[] {
    return this.exchange.mobileDevices.filter((d) => d.mailbox.toLowerCase() === mailbox.user.toLowerCase());
  }

  mailboxOf(device: ScenarioMobileDevice): ScenarioMailbox {
    return this.exchange.mailboxes.find((m) => m.user.toLowerCase() === device.mailbox.toLowerCase())!;
  }

  /** By the device's Identity, its GUID, or (leniently) its DeviceId. */
  findDevice(identity: string): ScenarioMobileDevice | undefined {
    const key = identity.trim().toLowerCase();
    return this.exchange.mobileDevices.find((d) =>
      [deviceIdentity(this.mailboxOf(d), d), stableGuid(`device:${d.deviceId}`), d.deviceId].some(
        (v) => v.toLowerCase() === key,
      ),
    );
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
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
