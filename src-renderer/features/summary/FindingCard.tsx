import { Badge, Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Finding } from '../../../src-main/shared/models/finding';
import { followsFromWords } from '../../../src-main/shared/models/finding-cause';
import { actionFromNextStep, offers } from '../../logic/actions';
import { evidenceStep, SEVERITY_LABELS, WHO_LABELS } from '../../logic/findings';
import { placeTitle } from '../../logic/steps';
import { useCaseStore, useLogsStore } from '../../stores/store-context';
import { ActionButton } from '../actions/ActionButton';
import { UserMessage } from './UserMessage';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** Stale partnerships offered on the finding card, oldest first; the Mailbox step lists every phone. */
const MAX_REMOVALS_SHOWN = 5;

const SEVERITY_COLOR = { blocker: 'danger', warning: 'warning', info: 'informative' } as const;

/** One finding: what is wrong, why, the evidence (linked to its step or log entries), and what to do. */
export function FindingCard({ finding, position, cause }: { finding: Finding; position: number; cause?: { position: number; finding: Finding } }) {
  const styles = useStyles();
  const goTo = useCaseStore((s) => s.goTo);
  const selectedDevice = useCaseStore((s) => s.view?.selectedDeviceId);
  const offered = useCaseStore((s) => s.view?.offeredActions);
  const selectEntry = useLogsStore((s) => s.select);
  const headingId = `finding-${position}-title`;
  return (
    <Card
      className={styles.card}
      aria-labelledby={headingId}
      data-testid="finding"
      data-finding-code={finding.code}
      data-severity={finding.severity}
      data-history={finding.history === true ? 'true' : undefined}
      data-follows-from={cause !== undefined ? finding.followsFrom : undefined}
      data-position={position}
      role="article"
    >
      <div className={styles.head}>
        <Badge appearance="filled" color={SEVERITY_COLOR[finding.severity]}>
          {SEVERITY_LABELS[finding.severity]}
        </Badge>
        {finding.history === true && (
          // The phone's past, not its present: said in words so it is never read as the current cause.
          <Badge appearance="outline" color="subtle" data-testid="finding-history">
            Earlier, now over
          </Badge>
        )}
        <Text as="h3" id={headingId} size={500} weight="semibold">
          {position}. {finding.title}
        </Text>
      </div>
      <Text>{finding.explanation}</Text>
      {cause !== undefined && (
        // A symptom of a cause listed above: said first, so tier 1 fixes the cause, not this.
        <Text weight="semibold" data-testid="finding-follows-from">
          {followsFromWords(cause)}
        </Text>
      )}
      <Text size={200}>
        Confidence: {finding.confidence} · Code: {finding.code}
        {finding.deviceId !== undefined ? ` · Device ${finding.deviceId}` : ''}
      </Text>

      {finding.evidence.length > 0 && (
        <>
          <Text weight="semibold">Evidence</Text>
          <ul className={styles.list}>
            {finding.evidence.map((ref, i) => {
              const step = evidenceStep(ref.step);
              return (
                <li key={i} className={styles.step}>
                  <Text>
                    {ref.object !== undefined ? `${ref.object}: ` : ''}
                    {ref.detail ?? ''}
                  </Text>
                  <Button size="small" appearance="transparent" onClick={() => goTo(step)}>
                    See {placeTitle(step)}
                  </Button>
                  {(ref.logEntries ?? []).slice(0, 5).map((seq) => (
                    <Button
                      key={seq}
                      size="small"
                      appearance="transparent"
                      onClick={() => {
                        goTo('logs');
                        void selectEntry(seq);
                      }}
                    >
                      Log entry {seq}
                    </Button>
                  ))}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {finding.nextSteps.length > 0 && (
        <>
          <Text weight="semibold">Next steps</Text>
          <ol className={styles.list}>
            {finding.nextSteps.map((next, i) => {
              // Removing partnerships is offered for the stale ones the guard picked, never the phone of the finding.
              const removals = next.who === 'tier1-in-app' && next.action === 'remove-device' ? (offered?.removable ?? []).slice(0, MAX_REMOVALS_SHOWN) : [];
              const proposed =
                next.who === 'tier1-in-app' && next.action !== 'remove-device'
                  ? actionFromNextStep(next.action, finding.deviceId ?? selectedDevice)
                  : undefined;
              // Only an action that fits this phone's situation gets a button (the main process's guard decides).
              const action = proposed !== undefined && offers(offered, proposed) ? proposed : undefined;
              return (
                <li key={i} className={styles.step}>
                  <Text>
                    <Text weight="semibold">{WHO_LABELS[next.who]}:</Text> {next.text}
                    {next.escalateTo !== undefined ? ` (to: ${next.escalateTo})` : ''}
                  </Text>
                  {action !== undefined && <ActionButton action={action} appearance="primary" />}
                  {removals.map((r) => (
                    <ActionButton key={r.deviceId} action={{ kind: 'remove-device', deviceId: r.deviceId }} label={`Remove ${r.label}`} />
                  ))}
                  {next.step !== undefined && (
                    <Button size="small" appearance="transparent" onClick={() => goTo(next.step!)}>
                      Go to {placeTitle(next.step)}
                    </Button>
                  )}
                </li>
              );
            })}
          </ol>
          <UserMessage nextSteps={finding.nextSteps} position={position} />
        </>
      )}
    </Card>
  );
}
