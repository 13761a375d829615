import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEvidenceStore } from '../../stores/store-context';

/** Progress, success or the reason a file was refused (naming it). */
export function EvidenceImportMessage() {
  const status = useEvidenceStore((s) => s.status);
  const message = useEvidenceStore((s) => s.message);
  if (status === 'working') return <Spinner size="tiny" label={message ?? 'Reading the files…'} />;
  if (message === null) return null;
  return (
    <MessageBar intent={status === 'failed' ? 'error' : 'success'} data-testid="evidence-import-message">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
