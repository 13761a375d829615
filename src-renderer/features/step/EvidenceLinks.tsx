import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentSearchRegular } from '@fluentui/react-icons';
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

/** One button per evidence id, opening the raw text in a dialog. */
export function EvidenceLinks({ ids, context }: { ids: readonly string[]; context: string }) {
  const styles = useStyles();
  const evidence = useCaseStore((s) => s.view?.evidence ?? []);
  const show = useCaseStore((s) => s.showEvidence);
  if (ids.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={`Raw evidence for ${context}`}>
      {ids.map((id) => {
        const item = evidence.find((e) => e.id === id);
        const label = item?.label ?? id;
        return (
          <li key={id}>
            <Button
              size="small"
              appearance="subtle"
              icon={<DocumentSearchRegular />}
              disabled={item?.unavailableReason !== undefined}
              title={item?.unavailableReason}
              onClick={() => void show(id)}
            >
              {item?.unavailableReason !== undefined
                ? `${label} (not captured: ${item.unavailableReason})`
                : `Show ${label}`}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
