import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useCaseStore } from '../../stores/store-context';

/** Tells an operator without write rights that the flow is read-only, what is missing and who can act. */
export function PermissionNotice() {
  const permissions = useCaseStore((s) => s.view?.permissions);
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? false);
  if (readOnly) {
    return (
      <MessageBar intent="info" data-testid="review-notice">
        <MessageBarBody>
          <MessageBarTitle>Review only</MessageBarTitle>
          This case was opened from saved records, so nothing can be re-run or changed from here. Start a new
          case to check again.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (permissions === undefined || permissions.canAct) return null;
  return (
    <MessageBar intent="warning" data-testid="permission-notice">
      <MessageBarBody>
        <MessageBarTitle>You can look, but not change</MessageBarTitle>
        {permissions.missing.length > 0 ? `Missing: ${permissions.missing.join('; ')}. ` : ''}
        {permissions.whoCanAct ?? 'Ask an Exchange administrator to make the changes this case needs.'}
      </MessageBarBody>
    </MessageBar>
  );
}
