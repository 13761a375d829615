import { makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { formatTimestamp } from '../../logic/time';
import { useLogsStore } from '../../stores/store-context';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  pre: {
    margin: 0,
    maxHeight: '260px',
    overflow: 'auto',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  statuses: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The picked log entry: what the statuses mean, then the request and response as text. */
export function LogEntryDetailPane() {
  const styles = useStyles();
  const detail = useLogsStore((s) => s.detail);
  return (
    <section
      className={styles.pane}
      aria-label="Log entry details"
      aria-live="polite"
      data-testid="log-detail"
    >
      {detail === null && <Text>Pick an entry in the list to see the request and the response.</Text>}
      {detail?.status === 'loading' && <Spinner size="small" label="Loading the entry…" />}
      {detail?.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{detail.error}</MessageBarBody>
        </MessageBar>
      )}
      {detail?.status === 'ready' && detail.entry !== undefined && (
        <>
          <Text as="h4" weight="semibold">
            Entry {detail.entry.seq}: {detail.entry.command ?? 'request'} at{' '}
            {formatTimestamp(detail.entry.requestTime)}
          </Text>
          <Text>{detail.entry.summary}</Text>
          {detail.entry.statuses.length > 0 && (
            <ul className={styles.statuses} aria-label="Status codes in this entry">
              {detail.entry.statuses.map((s) => (
                <li key={`${s.scope}-${s.code}`}>
                  <Text weight="semibold">
                    {s.scope} status {s.code} {s.name}:
                  </Text>{' '}
                  {s.meaning}
                </li>
              ))}
            </ul>
          )}
          <Text weight="semibold">Request</Text>
          <pre className={styles.pre} tabIndex={0} aria-label="Request">
            {detail.entry.request}
          </pre>
          <Text weight="semibold">Response</Text>
          <pre className={styles.pre} tabIndex={0} aria-label="Response">
            {detail.entry.response}
          </pre>
        </>
      )}
    </section>
  );
}
