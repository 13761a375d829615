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
import { useEffect, useState } from 'react';
import { useReleaseModalHiding } from '../../hooks/useReleaseModalHiding';
import { useDevicesStore } from '../../stores/store-context';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: '320px', overflowY: 'auto' },
  command: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  refused: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * One confirmation for one or many phones: every phone is listed with the command that will run
 * for it, and phones the guardrails leave out (a pending remote wipe) are named with the reason.
 */
export function DecisionDialog() {
  const styles = useStyles();
  const decision = useDevicesStore((s) => s.decision);
  const confirm = useDevicesStore((s) => s.confirmDecision);
  const dismissDecision = useDevicesStore((s) => s.dismissDecision);
  // Closed in two beats: first open=false so Fluent's modalizer lifts aria-hidden from the page,
  // then the store forgets the decision. Unmounting an open Dialog leaves #root aria-hidden.
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (open) return;
    const timer = setTimeout(dismissDecision, 300);
    return () => clearTimeout(timer);
  }, [open, dismissDecision]);
  const dismiss = () => setOpen(false);
  useReleaseModalHiding();
  if (decision === null) return null;
  const verb = decision.decision === 'approve' ? 'Approve' : 'Deny';
  const preview = decision.preview;
  const runnable = preview?.devices.filter((d) => d.refused === undefined).length ?? 0;
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_e, data) => (data.open ? undefined : dismiss())}>
      <DialogSurface aria-describedby="decision-description">
        <DialogBody>
          <DialogTitle>
            {verb} {decision.keys.length === 1 ? 'this phone' : `${decision.keys.length} phones`}?
          </DialogTitle>
          <DialogContent className={styles.content}>
            {decision.status === 'previewing' && <Spinner label="Checking each phone with Exchange…" />}
            {preview !== undefined && (
              <>
                <Text id="decision-description" weight="semibold" data-testid="decision-description">
                  {preview.description}
                </Text>
                <ul className={styles.list} data-testid="decision-devices">
                  {preview.devices.map(({ row, command, refused }) => (
                    <li key={row.key}>
                      <Text>
                        {row.userDisplayName} · {row.friendlyName || row.deviceModel} · {row.deviceId}
                      </Text>
                      <br />
                      {refused === undefined ? (
                        <code className={styles.command}>{command}</code>
                      ) : (
                        <Text className={styles.refused}>Left out: {refused}</Text>
                      )}
                    </li>
                  ))}
                </ul>
                {!preview.allowed && (
                  <MessageBar intent="warning">
                    <MessageBarBody>You cannot make this change: {preview.reason ?? 'nothing can be changed.'}</MessageBarBody>
                  </MessageBar>
                )}
              </>
            )}
            {decision.status === 'running' && <Spinner label="Making the change and reading it back from Exchange…" />}
            {decision.status === 'failed' && (
              <MessageBar intent="error">
                <MessageBarBody>The change was not made: {decision.error}</MessageBarBody>
              </MessageBar>
            )}
            {decision.status === 'done' && decision.outcome !== undefined && (
              <ul className={styles.list} data-testid="decision-results">
                {decision.outcome.results.map((r) => (
                  <li key={r.key}>
                    <Text>
                      {r.result === 'succeeded' ? 'Done' : r.result === 'refused' ? 'Not changed' : 'Failed'}: {r.message}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </DialogContent>
          <DialogActions>
            {/* The same two buttons throughout, the primary one only disabled (focusably): removing
                or disabling the focused button would drop focus out of the modal. */}
            <Button onClick={dismiss} disabled={decision.status === 'running'}>
              {decision.status === 'done' ? 'Close' : 'Cancel'}
            </Button>
            <Button
              appearance="primary"
              disabledFocusable={decision.status !== 'ready' || preview?.allowed !== true}
              onClick={() => void confirm()}
            >
              Confirm: {verb} {runnable === 1 ? '1 phone' : `${runnable} phones`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
