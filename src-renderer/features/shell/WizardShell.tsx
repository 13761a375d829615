import { makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useAppStore } from '../../stores/store-context';
import { WIZARD_STEPS } from '../../logic/steps';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '280px 1fr', flexGrow: 1, minHeight: 0 },
  nav: {
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingVerticalL,
    overflowY: 'auto',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  step: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingVerticalS,
    borderLeft: `${tokens.strokeWidthThicker} solid transparent`,
  },
  // Marked by a border, not a fill: fills lose text contrast in the high-contrast theme.
  current: { borderLeftColor: tokens.colorBrandStroke1 },
  main: { padding: tokens.spacingHorizontalXXL, overflowY: 'auto' },
});

/** The frame of the wizard: the step list and the current step's area. */
export function WizardShell() {
  const styles = useStyles();
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  return (
    <div className={styles.layout}>
      <nav className={styles.nav} aria-label="Troubleshooting steps">
        <ol className={styles.list}>
          {WIZARD_STEPS.map((step, index) => (
            <li
              key={step.id}
              className={`${styles.step} ${index === 0 ? styles.current : ''}`}
              aria-current={index === 0 ? 'step' : undefined}
            >
              <Text weight={index === 0 ? 'semibold' : 'regular'}>
                {index + 1}. {step.title}
              </Text>
              <Text size={200}>{step.hint}</Text>
            </li>
          ))}
        </ol>
      </nav>
      <main className={styles.main}>
        {status === 'connecting' && <Spinner label="Connecting to the app…" />}
        {status === 'error' && (
          <MessageBar intent="error">
            <MessageBarBody>The app did not answer: {error}. Restart it; if this keeps happening, tell tier 2.</MessageBarBody>
          </MessageBar>
        )}
        {status === 'ready' && (
          <Text as="h2" size={600} weight="semibold">
            New case
          </Text>
        )}
      </main>
    </div>
  );
}
