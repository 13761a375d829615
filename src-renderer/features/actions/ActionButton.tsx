import { Button, type ButtonProps } from '@fluentui/react-components';
import type { WizardAction } from '../../../src-main/shared/models/wizard';
import { actionLabel } from '../../logic/actions';
import { useCaseStore } from '../../stores/store-context';

/**
 * Starts an action by asking the main process what exactly it would change; the confirmation
 * dialog shows that preview. Hidden on read-only cases and when the operator lacks the rights
 * (the PermissionNotice says who can act instead).
 */
export function ActionButton({
  action,
  label,
  appearance = 'secondary',
}: {
  action: WizardAction;
  label?: string;
  appearance?: ButtonProps['appearance'];
}) {
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? true);
  const canAct = useCaseStore((s) => s.view?.permissions?.canAct ?? true);
  const preview = useCaseStore((s) => s.previewAction);
  if (readOnly || !canAct) return null;
  return (
    <Button appearance={appearance} onClick={() => void preview(action)} data-action={action.kind}>
      {label ?? actionLabel(action)}
    </Button>
  );
}
