import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useCaseNow } from '../../hooks/useCaseNow';
import { formatCountdown, formatTimestamp } from '../../logic/time';
import { reproduceMessageFor } from '../../logic/user-message';
import { useCaseStore } from '../../stores/store-context';
import { ActionButton } from '../actions/ActionButton';
import { CopyableText } from '../common/CopyableText';
import { OutcomeIcon } from '../common/OutcomeIcon';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * Debug logging: the read-back state (Get-CASMailbox -ActiveSyncDebugLogging, the only reliable
 * read), the 48-hour window Exchange Online enforces, the enable/disable actions and the message
 * asking the user to reproduce the problem while logging is on.
 */
export function DebugLoggingPanel() {
  const styles = useStyles();
  const debug = useCaseStore((s) => s.view?.debugLogging);
  const userUpn = useCaseStore((s) => s.view?.subject.userUpn ?? '');
  // The case's time, not the machine's: the demo runs on its scenario clock, a saved case stands still.
  const now = useCaseNow(debug?.enabled === true, 30_000);
  if (debug === undefined || now === undefined) {
    return <Text>The debug-logging state has not been read yet. Run this step to read it.</Text>;
  }
  const countdown = formatCountdown(debug.expiresAt, now);
  return (
    <div className={styles.panel} data-testid="debug-logging" data-enabled={debug.enabled}>
      <div className={styles.line}>
        <OutcomeIcon outcome={debug.enabled ? 'ok' : 'info'} showLabel={false} />
        <Text weight="semibold">Debug logging is {debug.enabled ? 'on' : 'off'} for this mailbox.</Text>
        <Text>
          {debug.verified
            ? '(Read back from Exchange Online after the change.)'
            : '(Not yet confirmed by reading it back: run this step again in a minute.)'}
        </Text>
      </div>
      {debug.enabled && (
        <>
          {debug.enabledAt !== undefined && <Text>Turned on: {formatTimestamp(debug.enabledAt)}</Text>}
          <Text role="timer" aria-live="off">
            {countdown.text}
          </Text>
          <CopyableText
            label="Message for the user: ask them to reproduce the problem now"
            text={reproduceMessageFor(userUpn, debug.expiresAt)}
            copyLabel="Copy the message"
          />
        </>
      )}
      <div className={styles.line}>
        {debug.enabled ? (
          <ActionButton action={{ kind: 'disable-debug-logging' }} />
        ) : (
          <ActionButton action={{ kind: 'enable-debug-logging' }} appearance="primary" />
        )}
      </div>
    </div>
  );
}
