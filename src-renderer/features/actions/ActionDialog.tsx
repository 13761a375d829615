import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { actionLabel } from '../../logic/actions';
import { useReleaseModalHiding } from '../../hooks/useReleaseModalHiding';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    margin: 0,
  },
});

/**
 * The confirmation every change goes through: what will change (from the main process's
 * preview, naming mailbox and device), the command for transparency, then Confirm. The action
 * runs only from here, with confirmed: true; the main process records it in the audit trail.
 */
export function ActionDialog() {
  const styles = useStyles();
  const pending = useCaseStore((s) => s.pendingAction);
  const confirm = useCaseStore((s) => s.confirmAction);
  const dismiss = useCaseStore((s) => s.dismissAction);
  const title = pending !== null ? actionLabel(pending.action) : '';
  useReleaseModalHiding();
  const preview = pending?.preview;
  return (
    <Dialog
      open={pending !== null}
      modalType="alert"
      onOpenChange={(_e, data) => (data.open ? undefined : dismiss())}
    >
      <DialogSurface aria-describedby="action-description">
        <DialogBody>
          <DialogTitle>{title}?</DialogTitle>
          <DialogContent className={styles.content}>
            {pending?.status === 'previewing' && <Spinner label="Checking what this will change…" />}
            {preview !== undefined && (
              <>
                <Text id="action-description" weight="semibold" data-testid="action-description">
                  {preview.description}
                </Text>
                <Text size={200}>The app will run this command for you:</Text>
                <pre className={styles.command}>{preview.command}</pre>
                {!preview.allowed && (
                  <MessageBar intent="warning">
                    <MessageBarBody>
                      You cannot make this change: {preview.reason ?? 'your account lacks the rights.'}
                    </MessageBarBody>
                  </MessageBar>
                )}
              </>
            )}
            {pending?.status === 'running' && <Spinner label="Making the change and reading it back…" />}
            {pending?.status === 'failed' && (
              <MessageBar intent="error">
                <MessageBarBody>The change was not made: {pending.error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={dismiss} disabled={pending?.status === 'running'}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              disabled={pending?.status !== 'ready' || preview?.allowed !== true}
              onClick={() => void confirm()}
            >
              Confirm: {title}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
