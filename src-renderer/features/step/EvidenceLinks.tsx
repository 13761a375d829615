import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentSearchRegular } from '@fluentui/react-icons';
import { evidenceLinks } from '../../logic/evidence-links';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
});

/**
 * One button per thing captured (the newest capture when a step ran again), labelled in plain
 * words; the raw source (cmdlet, Graph path) is the tooltip and heads the evidence viewer.
 */
export function EvidenceLinks({ ids, context }: { ids: readonly string[]; context: string }) {
  const styles = useStyles();
  const evidence = useCaseStore((s) => s.view?.evidence ?? []);
  const show = useCaseStore((s) => s.showEvidence);
  const links = evidenceLinks(ids, evidence);
  if (links.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={`Raw evidence for ${context}`}>
      {links.map((link) => (
        <li key={link.id}>
          <Button
            size="small"
            appearance="subtle"
            icon={<DocumentSearchRegular />}
            disabled={link.unavailableReason !== undefined}
            title={link.unavailableReason ?? link.source}
            onClick={() => void show(link.id)}
            data-testid="evidence-link"
            data-evidence-id={link.id}
          >
            {link.text}
          </Button>
        </li>
      ))}
    </ul>
  );
}
