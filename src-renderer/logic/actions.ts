import type { WizardActionKind } from '../../src-main/shared/models/action-kinds';
import type { CaseView, WizardAction } from '../../src-main/shared/models/wizard';

/** The button label for an action, naming its target. */
export function actionLabel(action: WizardAction): string {
  switch (action.kind) {
    case 'enable-debug-logging':
      return 'Turn on debug logging';
    case 'disable-debug-logging':
      return 'Turn off debug logging';
    case 'allow-device':
      return `Allow device ${action.deviceId}`;
    case 'block-device':
      return `Block device ${action.deviceId}`;
    case 'unblock-device':
      return `Unblock device ${action.deviceId}`;
    case 'enable-activesync':
      return 'Turn ActiveSync back on for this mailbox';
    case 'remove-device':
      return `Remove partnership ${action.deviceId}`;
  }
}

/**
 * Builds the action a finding's next step offers ("allow-device", "enable-activesync"…). Device
 * actions need a device: the finding's own, else the device the operator picked; without one the
 * UI shows the step as text only.
 */
export function actionFromNextStep(
  name: WizardActionKind | undefined,
  deviceId: string | undefined,
): WizardAction | undefined {
  switch (name) {
    case 'enable-debug-logging':
    case 'disable-debug-logging':
    case 'enable-activesync':
      return { kind: name };
    case 'allow-device':
    case 'block-device':
    case 'unblock-device':
    case 'remove-device':
      return deviceId !== undefined ? { kind: name, deviceId } : undefined;
    case undefined:
      return undefined;
  }
}

type Offered = CaseView['offeredActions'];

/**
 * Whether the case offers this action now. The main process's action guard decides (a pending
 * wipe, a phone blocked on purpose…); debug logging is always offered. A case without the list
 * (review only) offers nothing that changes access.
 */
export function offers(offered: Offered, action: WizardAction): boolean {
  if (action.kind === 'enable-debug-logging' || action.kind === 'disable-debug-logging') return true;
  if (offered === undefined) return false;
  if (action.kind === 'enable-activesync') return offered.mailbox.includes(action.kind);
  const id = action.deviceId.toLowerCase();
  return offered.devices.some((d) => d.deviceId.toLowerCase() === id && d.actions.includes(action.kind));
}

/** The device actions the case offers for one phone, in a fixed order (release first). */
export function deviceActionsFor(deviceId: string, offered: Offered): WizardAction[] {
  return (['allow-device', 'unblock-device', 'block-device', 'remove-device'] as const)
    .map((kind) => ({ kind, deviceId }))
    .filter((action) => offers(offered, action));
}
