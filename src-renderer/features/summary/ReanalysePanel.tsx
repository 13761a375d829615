import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * For a saved or imported case: runs this version's analysis over the evidence in the case and
 * lists what it would conclude differently. The case itself is not changed.
 */
export function ReanalysePanel() {
  const styles = useStyles();
  const reanalyse = useCaseStore((s) => s.reanalyse);
  const state = useCaseStore((s) => s.reanalysis);
  const result = state?.result;
  const changes = result ? result.added.length + result.removed.length + result.changed.length : 0;
  return (
    <div className={styles.panel}>
      <Text>
        Check this case again with the analysis of this app version, using the evidence saved in it. Nothing
        in the case changes.
      </Text>
      <Button
        icon={<ArrowSyncRegular />}
        onClick={() => void reanalyse()}
        disabled={state?.status === 'running'}
      >
        Re-analyse the saved evidence
      </Button>
      <div role="status" aria-live="polite" data-testid="reanalysis">
        {state?.status === 'running' && <Spinner size="small" label="Analysing the saved evidence…" />}
        {state?.status === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{state.error}</MessageBarBody>
          </MessageBar>
        )}
        {result && changes === 0 && (
          <MessageBar intent="success">
            <MessageBarBody>
              Same conclusion: all {result.unchangedCount} findings are unchanged (analysis version{' '}
              {result.engineVersion}, case made with {result.previousEngineVersion}).
            </MessageBarBody>
          </MessageBar>
        )}
        {result && changes > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>
              The analysis of this version concludes differently ({changes} change{changes === 1 ? '' : 's'},{' '}
              {result.unchangedCount} unchanged):
              <ul className={styles.list}>
                {result.added.map((f) => (
                  <li key={`a-${f.code}-${f.deviceId ?? ''}`}>
                    New: {f.title} ({f.code})
                  </li>
                ))}
                {result.removed.map((f) => (
                  <li key={`r-${f.code}-${f.deviceId ?? ''}`}>
                    No longer found: {f.title} ({f.code})
                  </li>
                ))}
                {result.changed.map((f) => (
                  <li key={`c-${f.code}-${f.deviceId ?? ''}`}>
                    Changed {f.fields.join(', ')}: {f.title} ({f.code})
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
