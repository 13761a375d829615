import type { Outcome } from '../../src-main/shared/models/wizard';

/**
 * Words for each outcome. The UI always shows these next to the icon, so the result never
 * depends on colour alone (WCAG 1.4.1).
 */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: 'OK',
  problem: 'Problem',
  warning: 'Warning',
  unavailable: 'Could not check',
  info: 'Information',
};

/** Words for a step's status in the step list and live region. */
export const STEP_STATUS_LABELS = {
  pending: 'Not run yet',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
} as const;
