import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { STEP_STATUS_LABELS } from '../../logic/outcome';
import { WIZARD_STEPS } from '../../logic/steps';
import { useCaseStore } from '../../stores/store-context';
import { OutcomeIcon } from '../common/OutcomeIcon';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
  },
  step: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingVerticalS,
    borderLeft: `${tokens.strokeWidthThicker} solid transparent`,
  },
  // Marked by a border, not a fill: fills lose text contrast in the high-contrast theme.
  current: { borderLeftColor: tokens.colorBrandStroke1 },
  button: { justifyContent: 'flex-start', textAlign: 'left', padding: 0, minWidth: 0, height: 'auto' },
  meta: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

/** The side list of steps, with each step's status; steps become links once a case is open. */
export function StepList() {
  const styles = useStyles();
  const place = useCaseStore((s) => s.place);
  const view = useCaseStore((s) => s.view);
  const goTo = useCaseStore((s) => s.goTo);
  return (
    <ol className={styles.list}>
      {WIZARD_STEPS.map((entry, index) => {
        const isCurrent = entry.id === place;
        const step = view?.steps.find((s) => s.id === entry.id);
        const label = `${index + 1}. ${entry.title}`;
        const reachable = entry.id === 'start' ? view === null : view !== null;
        return (
          <li
            key={entry.id}
            className={`${styles.step} ${isCurrent ? styles.current : ''}`}
            aria-current={isCurrent ? 'step' : undefined}
          >
            {reachable && !isCurrent ? (
              <Button appearance="transparent" className={styles.button} onClick={() => goTo(entry.id)}>
                {label}
              </Button>
            ) : (
              <Text weight={isCurrent ? 'semibold' : 'regular'}>{label}</Text>
            )}
            {step !== undefined ? (
              <span className={styles.meta}>
                {step.outcome !== undefined && step.status === 'done' && (
                  <OutcomeIcon outcome={step.outcome} showLabel={false} />
                )}
                <Text size={200}>{STEP_STATUS_LABELS[step.status]}</Text>
              </span>
            ) : (
              <Text size={200}>{entry.hint}</Text>
            )}
          </li>
        );
      })}
    </ol>
  );
}
