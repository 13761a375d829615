import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { PlugConnectedRegular } from '@fluentui/react-icons';
import type { ConnectionTestLine } from '../../../src-main/shared/models/settings';
import { useSettingsStore } from '../../stores/store-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const WORD: Record<ConnectionTestLine['outcome'], string> = { ok: 'Works', warning: 'Partly', problem: 'Fails', unavailable: 'Not available' };

/**
 * "Test connection": the real-tenant path a case takes (sign-in, Exchange Online, the operator's
 * rights, one Conditional Access policy, one sign-in), each step in plain words.
 */
export function ConnectionTestPanel() {
  const styles = useStyles();
  const view = useSettingsStore((s) => s.view);
  const test = useSettingsStore((s) => s.connectionTest);
  const run = useSettingsStore((s) => s.testConnection);
  const configured = view?.settings !== null && view?.settings !== undefined && view.signInAvailable;
  return (
    <section className={styles.section} aria-labelledby="connection-test-heading">
      <Text as="h3" id="connection-test-heading" size={500} weight="semibold">
        Test the connection
      </Text>
      <Text>Runs what a case runs first: sign-in, Exchange Online, what you may do, and one policy and one sign-in from Microsoft Entra.</Text>
      <div>
        <Button icon={<PlugConnectedRegular />} disabled={!configured || test.running} onClick={() => void run()}>
          Test connection
        </Button>
      </div>
      <div role="status" aria-live="polite" data-testid="connection-test">
        {test.running && <Spinner size="tiny" label="Testing the connection…" labelPosition="after" />}
        {test.error !== null && (
          <MessageBar intent="error">
            <MessageBarBody>{test.error}</MessageBarBody>
          </MessageBar>
        )}
        {test.lines !== null && (
          <ul className={styles.lines}>
            {test.lines.map((line) => (
              <li key={line.label}>
                <Text weight="semibold">
                  {line.label}: {WORD[line.outcome]}.
                </Text>{' '}
                <Text>{line.detail}</Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
