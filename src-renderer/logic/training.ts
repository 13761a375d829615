/**
 * Training mode on the demo tenant: a scenario's title and story give the answer away, so while
 * it is on the start screen names practice cases neutrally (a `training-` scenario keeps its
 * title, which names the exercise, not the answer) and the story waits for the summary.
 */
export function scenarioOptionLabel(scenario: { id: string; title: string }, index: number, training: boolean): string {
  if (!training || scenario.id.startsWith('training-')) return `Demo tenant — ${scenario.title}`;
  return `Demo tenant — practice case ${index + 1}`;
}

/** Whether the scenario's story may be shown: always outside training, else once the summary was reached. */
export function storyVisible(training: { revealed: boolean } | null): boolean {
  return training === null || training.revealed;
}
