import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useDevicesStore } from '../../stores/store-context';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  details: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

/** Every approve/deny from the Devices area, newest first, as the main process recorded it. */
export function DevicesAuditList() {
  const styles = useStyles();
  const audit = useDevicesStore((s) => s.audit);
  return (
    <section aria-labelledby="devices-audit-heading">
      <Text as="h3" id="devices-audit-heading" size={400} weight="semibold">
        Audit trail
      </Text>
      {audit.length === 0 ? (
        <Text as="p">No phone has been approved or denied from here yet.</Text>
      ) : (
        <ol className={styles.list} data-testid="devices-audit">
          {audit.slice(0, 50).map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <Text>
                {new Date(entry.at).toLocaleString()} · {entry.who} · {entry.action} · {entry.target} · {entry.result}
              </Text>
              <br />
              <span className={styles.details}>{entry.details}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
