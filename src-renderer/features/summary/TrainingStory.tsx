import { Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useAppStore, useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/**
 * Training mode: once the trainee has reached the summary (and it is written), the practice case's
 * story and what was really wrong are shown, to compare with what the wizard and the trainee found.
 */
export function TrainingStory() {
  const styles = useStyles();
  const training = useCaseStore((s) => s.training);
  const reveal = useCaseStore((s) => s.revealTraining);
  const summaryDone = useCaseStore((s) => s.view?.steps.find((step) => step.id === 'summary')?.status === 'done');
  const connection = useCaseStore((s) => s.view?.connection);
  const scenarios = useAppStore((s) => s.scenarios);
  useEffect(() => {
    if (training !== null && !training.revealed && summaryDone) reveal();
  }, [training, summaryDone, reveal]);
  if (training === null || !training.revealed || connection?.kind !== 'demo') return null;
  const scenario = scenarios.find((s) => s.id === connection.scenario);
  if (scenario === undefined) return null;
  return (
    <Card className={styles.card} data-testid="training-story">
      <Text as="h3" size={500} weight="semibold">
        Training: what this practice case was about
      </Text>
      <Text weight="semibold">{scenario.title}</Text>
      <Text>{scenario.story}</Text>
      {scenario.details !== undefined && scenario.details !== '' && <Text>What was really wrong: {scenario.details}</Text>}
    </Card>
  );
}
