import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { CheckView } from '../../../src-main/shared/models/wizard';
import { OutcomeIcon } from '../common/OutcomeIcon';
import { EvidenceLinks } from './EvidenceLinks';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '170px 1fr',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** What the step checked, one line each: outcome (icon + word), what, and the value read. */
export function CheckList({ checks, label = 'What was checked' }: { checks: readonly CheckView[]; label?: string }) {
  const styles = useStyles();
  if (checks.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={label}>
      {checks.map((check) => (
        <li key={check.id} className={styles.item} data-testid="check" data-outcome={check.outcome}>
          <OutcomeIcon outcome={check.outcome} />
          <div className={styles.body}>
            <Text weight="semibold">{check.label}</Text>
            <Text>{check.detail}</Text>
            <EvidenceLinks ids={check.evidence} context={check.label} />
          </div>
        </li>
      ))}
    </ul>
  );
}
