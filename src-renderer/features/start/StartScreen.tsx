import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useCaseStore } from '../../stores/store-context';
import { NewCaseForm } from './NewCaseForm';
import { NewCaseFromFiles } from './NewCaseFromFiles';
import { OpenBundle } from './OpenBundle';
import { RecentCases } from './RecentCases';

const useStyles = makeStyles({
  screen: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, maxWidth: '1100px' },
});

/** The first screen: start a case, reopen one, or open a bundle. */
export function StartScreen() {
  const styles = useStyles();
  const error = useCaseStore((s) => s.error);
  return (
    <section className={styles.screen} aria-labelledby="step-heading" data-testid="start-screen">
      <Text as="h2" id="step-heading" tabIndex={-1} size={600} weight="semibold">
        New case
      </Text>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <NewCaseForm />
      <NewCaseFromFiles />
      <RecentCases />
      <OpenBundle />
    </section>
  );
}
