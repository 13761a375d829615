import { makeStyles, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  DismissCircleFilled,
  InfoFilled,
  QuestionCircleFilled,
  WarningFilled,
} from '@fluentui/react-icons';
import type { Outcome } from '../../../src-main/shared/models/wizard';
import { OUTCOME_LABELS } from '../../logic/outcome';
import { VisuallyHidden } from './VisuallyHidden';

const useStyles = makeStyles({
  wrap: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  unavailable: { color: tokens.colorNeutralForeground3 },
  info: { color: tokens.colorBrandForeground1 },
  icon: { fontSize: '20px', flexShrink: 0 },
});

const ICONS = {
  ok: CheckmarkCircleFilled,
  problem: DismissCircleFilled,
  warning: WarningFilled,
  unavailable: QuestionCircleFilled,
  info: InfoFilled,
} as const;

/** An outcome as a distinct icon shape plus its word: never colour alone. */
export function OutcomeIcon({ outcome, showLabel = true }: { outcome: Outcome; showLabel?: boolean }) {
  const styles = useStyles();
  const Icon = ICONS[outcome];
  return (
    <span className={`${styles.wrap} ${styles[outcome]}`}>
      <Icon className={styles.icon} aria-hidden="true" />
      {showLabel ? (
        <span>{OUTCOME_LABELS[outcome]}</span>
      ) : (
        <VisuallyHidden>{OUTCOME_LABELS[outcome]}</VisuallyHidden>
      )}
    </span>
  );
}
