import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissRegular, PlayRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { WizardStepId } from '../../../src-main/shared/models/wizard';
import { useNow } from '../../hooks/useNow';
import { STEP_STATUS_LABELS } from '../../logic/outcome';
import { placeTitle, stepChecksToShow } from '../../logic/steps';
import { formatElapsed } from '../../logic/time';
import { plainErrorMessage } from '../../logic/plain-error';
import { useCaseStore } from '../../stores/store-context';
import { OutcomeIcon } from '../common/OutcomeIcon';
import { VisuallyHidden } from '../common/VisuallyHidden';
import { CheckList } from './CheckList';
import { EvidenceLinks } from './EvidenceLinks';
import { StepNavigation } from './StepNavigation';

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1200px' },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
  },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  result: {
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

/**
 * The part every step shares: title, status with elapsed time, progress, cancel/re-run, the
 * result in plain words, what was checked, and the raw evidence. Step-specific panels go in
 * `children`, below the checks.
 */
export function StepFrame({ stepId, children }: { stepId: WizardStepId; children?: ReactNode }) {
  const styles = useStyles();
  const step = useCaseStore((s) => s.view?.steps.find((x) => x.id === stepId));
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? true);
  const callError = useCaseStore((s) => s.stepErrors[stepId]);
  const runStep = useCaseStore((s) => s.runStep);
  const cancelStep = useCaseStore((s) => s.cancelStep);
  const running = step?.status === 'running';
  const now = useNow(running);
  const title = placeTitle(stepId);
  if (step === undefined) {
    return (
      <section className={styles.frame} aria-labelledby="step-heading">
        <Text as="h2" id="step-heading" tabIndex={-1} size={600} weight="semibold">
          {title}
        </Text>
        <Text>This case has no “{title}” step. It may have been saved by an older version of the app.</Text>
        <StepNavigation place={stepId} />
      </section>
    );
  }
  const elapsed = formatElapsed(step.startedAt, step.finishedAt, now);
  const shown = stepChecksToShow(stepId, step.checks);
  const statusWords = STEP_STATUS_LABELS[step.status];
  return (
    <section
      className={styles.frame}
      aria-labelledby="step-heading"
      data-testid="step-view"
      data-step-id={stepId}
      data-step-status={step.status}
      aria-busy={running}
    >
      <div className={styles.head}>
        <Text as="h2" id="step-heading" tabIndex={-1} size={600} weight="semibold">
          {title}
        </Text>
        <div className={styles.buttons}>
          {running && (
            <Button icon={<DismissRegular />} onClick={() => void cancelStep(stepId)}>
              Cancel
            </Button>
          )}
          {!running && !readOnly && (
            <Button
              icon={step.status === 'pending' ? <PlayRegular /> : <ArrowClockwiseRegular />}
              onClick={() => void runStep(stepId)}
            >
              {step.status === 'pending' ? 'Run this step' : 'Run this step again'}
            </Button>
          )}
        </div>
      </div>

      <div className={styles.status}>
        {step.outcome !== undefined && step.status === 'done' && <OutcomeIcon outcome={step.outcome} />}
        <Text>
          Status: {statusWords}
          {elapsed !== '' ? ` · ${running ? 'running for' : 'took'} ${elapsed}` : ''}
        </Text>
      </div>

      {/* Announced to screen readers as the step moves on; the progress bar itself is silent. */}
      <div role="status" aria-live="polite" aria-atomic="true">
        {running && <Text>{step.progress?.message ?? 'Working…'}</Text>}
        <VisuallyHidden>
          {step.status === 'done' ? `${title} finished.` : ''}
          {step.status === 'failed' ? `${title} failed.` : ''}
        </VisuallyHidden>
      </div>
      {running && (
        <ProgressBar aria-label={`${title} progress`} value={step.progress?.fraction} thickness="large" />
      )}

      {callError !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{callError}</MessageBarBody>
        </MessageBar>
      )}
      {step.error !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>
            This step could not finish: {plainErrorMessage(step.error.message)}{' '}
            {readOnly ? '' : 'Run it again; if it keeps failing, escalate to tier 2.'}
          </MessageBarBody>
        </MessageBar>
      )}

      {step.summary !== undefined && (
        <div className={styles.result} data-testid="step-result">
          <Text as="h3" weight="semibold" block>
            Result
          </Text>
          <Text>{step.summary}</Text>
        </div>
      )}

      {shown.checks.length > 0 && (
        <div className={styles.section}>
          <Text as="h3" weight="semibold">
            {shown.heading}
          </Text>
          <CheckList checks={shown.checks} label={shown.heading} />
        </div>
      )}

      {step.evidence.length > 0 && (
        <div className={styles.section}>
          <Text as="h3" weight="semibold">
            Raw evidence
          </Text>
          <EvidenceLinks ids={step.evidence} context={title} />
        </div>
      )}

      {children}
      <StepNavigation place={stepId} />
    </section>
  );
}
