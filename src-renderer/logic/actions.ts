import type { WizardActionKind } from '../../src-main/shared/models/action-kinds';
import type { WizardAction } from '../../src-main/shared/models/wizard';

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
      return deviceId !== undefined ? { kind: name, deviceId } : undefined;
    case undefined:
      return undefined;
  }
}

/** Device actions that make sense for a device's current access state. */
export function deviceActionsFor(deviceId: string, accessState: string | undefined): WizardAction[] {
  const state = (accessState ?? '').toLowerCase();
  if (state === 'quarantined')
    return [
      { kind: 'allow-device', deviceId },
      { kind: 'block-device', deviceId },
    ];
  if (state === 'blocked') return [{ kind: 'unblock-device', deviceId }];
  if (state === 'allowed') return [{ kind: 'block-device', deviceId }];
  return [];
}
