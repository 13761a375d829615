import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { nextPlace, placeTitle, previousPlace, type WizardPlace } from '../../logic/steps';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  nav: {
    display: 'flex',
    justifyContent: 'space-between',
    paddingTop: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** Back and Next, naming where they lead. */
export function StepNavigation({ place }: { place: WizardPlace }) {
  const styles = useStyles();
  const goTo = useCaseStore((s) => s.goTo);
  const back = previousPlace(place);
  const next = nextPlace(place);
  return (
    <div className={styles.nav}>
      {back !== undefined && back !== 'start' ? (
        <Button icon={<ArrowLeftRegular />} onClick={() => goTo(back)}>
          Back: {placeTitle(back)}
        </Button>
      ) : (
        <span />
      )}
      {next !== undefined && (
        <Button
          appearance="primary"
          icon={<ArrowRightRegular />}
          iconPosition="after"
          onClick={() => goTo(next)}
        >
          Next: {placeTitle(next)}
        </Button>
      )}
    </div>
  );
}
