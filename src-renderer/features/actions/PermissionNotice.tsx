import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useCaseStore } from '../../stores/store-context';

/** Tells an operator without write rights that the flow is read-only, what is missing and who can act. */
export function PermissionNotice() {
  const permissions = useCaseStore((s) => s.view?.permissions);
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? false);
  const provenance = useCaseStore((s) => s.view?.provenance);
  if (readOnly && provenance?.kind === 'imported-from-file') {
    return (
      <MessageBar intent="info" data-testid="review-notice" data-provenance="imported-from-file">
        <MessageBarBody>
          <MessageBarTitle>Imported from a file</MessageBarTitle>
          This case was exported on another computer (app version {provenance.appVersion}) and opened here on{' '}
          {new Date(provenance.importedAt).toLocaleString()}. The app checked that the file is complete and unchanged
          since it was written and rebuilt its report, but it cannot tell who wrote it.
          {provenance.redacted ? ' Names, addresses and device ids in it are stand-ins.' : ''} Review only: start a new
          case to check again.
        </MessageBarBody>
      </MessageBar>
    );
  }
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
