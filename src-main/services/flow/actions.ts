import type { ActionPreview, WizardAction } from '../../shared/models/wizard';
import type { TenantConnection } from './connections/tenant-connection';

/** The partnership a remove-device action names: its Identity (what Remove-MobileDevice takes) and how the operator knows it. */
export interface PartnershipRef {
  identity: string;
  /** "Galaxy S8 (3F9A77C1), last sync 2025-01-02" */
  label: string;
}

/** What each tier-1 action will change, in plain words and as the command that will run. */
export function describeAction(action: WizardAction, mailbox: string, partnership?: PartnershipRef): Pick<ActionPreview, 'description' | 'command'> {
  const id = 'deviceId' in action ? action.deviceId : '';
  switch (action.kind) {
    case 'enable-debug-logging':
      return {
        description: `Turn on ActiveSync debug logging for ${mailbox}. Exchange Online then records every request from this user's phones, and turns logging off by itself after 48 hours.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncDebugLogging $true`,
      };
    case 'disable-debug-logging':
      return {
        description: `Turn off ActiveSync debug logging for ${mailbox}. Logs already recorded stay available for a few days.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncDebugLogging $false`,
      };
    case 'allow-device':
      return {
        description: `Release the phone ${id} from quarantine by adding it to the allowed list of ${mailbox} (ActiveSyncAllowedDeviceIDs). Exchange then lets this phone sync even where the organization default or a device access rule would quarantine it. Adding an id to the allowed list also removes it from the user's blocked list, so the app offers this only for a quarantined phone that is not on that list.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncAllowedDeviceIDs @{Add='${id}'}`,
      };
    case 'block-device':
      return {
        description: `Add the phone ${id} to the blocked list of ${mailbox} (ActiveSyncBlockedDeviceIDs). This phone will no longer sync this mailbox until it is unblocked.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncBlockedDeviceIDs @{Add='${id}'}`,
      };
    case 'unblock-device':
      return {
        description: `Remove the phone ${id} from the blocked list of ${mailbox} (ActiveSyncBlockedDeviceIDs). Exchange judges the phone again on its next request: a device access rule or the organization default may then quarantine or block it. The wizard reads the mailbox again afterwards.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncBlockedDeviceIDs @{Remove='${id}'}`,
      };
    case 'enable-activesync':
      return {
        description: `Allow ActiveSync for the mailbox ${mailbox} (ActiveSyncEnabled = True). Every phone of this user may then sync again, subject to the device access settings.`,
        command: `Set-CASMailbox -Identity '${mailbox}' -ActiveSyncEnabled $true`,
      };
    case 'remove-device':
      return {
        description: `Remove the phone partnership ${partnership?.label ?? id} from ${mailbox} (Remove-MobileDevice), to free one of the 100 partnerships Exchange Online allows. The phone's sync state and its mailbox log go with it; if that phone is ever used again it simply sets up a new partnership. It does not wipe or block the phone.`,
        command: `Remove-MobileDevice -Identity '${partnership?.identity ?? id}' -Confirm:$false`,
      };
  }
}

/** Runs the action through the typed wrappers (splatted parameters, never the command text above). */
export async function performAction(action: WizardAction, mailbox: string, connection: TenantConnection, partnership?: PartnershipRef): Promise<void> {
  const exchange = connection.exchange;
  switch (action.kind) {
    case 'enable-debug-logging':
      return exchange.setActiveSyncDebugLogging(mailbox, true);
    case 'disable-debug-logging':
      return exchange.setActiveSyncDebugLogging(mailbox, false);
    case 'allow-device':
      return exchange.updateActiveSyncDeviceIds(mailbox, 'allowed', { add: [action.deviceId] });
    case 'block-device':
      return exchange.updateActiveSyncDeviceIds(mailbox, 'blocked', { add: [action.deviceId] });
    case 'unblock-device':
      return exchange.updateActiveSyncDeviceIds(mailbox, 'blocked', { remove: [action.deviceId] });
    case 'enable-activesync':
      return exchange.setActiveSyncEnabled(mailbox, true);
    case 'remove-device':
      if (partnership === undefined) throw new Error(`The partnership of the phone ${action.deviceId} is not known: run the Mailbox and devices step again.`);
      return exchange.removeMobileDevice(partnership.identity);
  }
}

/** The steps whose evidence an action changes, re-run after it to verify. */
export function stepsToVerify(action: WizardAction): Array<'mailbox' | 'debug-logging'> {
  return action.kind === 'enable-debug-logging' || action.kind === 'disable-debug-logging' ? ['debug-logging'] : ['mailbox'];
}
