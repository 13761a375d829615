import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { listedCause } from '../../../src-main/shared/models/finding-cause';
import { rankFindings } from '../../logic/findings';
import { useCaseStore } from '../../stores/store-context';
import { CopyableText } from '../common/CopyableText';
import { AuditTrail } from './AuditTrail';
import { ExportPanel } from './ExportPanel';
import { FindingCard } from './FindingCard';
import { ReanalysePanel } from './ReanalysePanel';
import { ResolvedGroup } from './ResolvedGroup';
import { TrainingStory } from './TrainingStory';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** The verdict: ranked findings with evidence and next steps, the tier-2 note, export and audit trail. */
export function SummaryPanel() {
  const styles = useStyles();
  const findings = useCaseStore((s) => s.view?.findings ?? []);
  const note = useCaseStore((s) => s.view?.escalationNote);
  const closeCase = useCaseStore((s) => s.closeCase);
  const readOnly = useCaseStore((s) => s.view?.readOnly === true);
  const ranked = rankFindings(findings);
  return (
    <div className={styles.panel}>
      <ResolvedGroup />
      <Text as="h3" size={500} weight="semibold">
        Findings, most likely cause first
      </Text>
      {ranked.length === 0 ? (
        <Text>No findings yet. Run the earlier steps; the summary fills in as they finish.</Text>
      ) : (
        <ol className={styles.list} aria-label="Findings" data-testid="findings">
          {ranked.map((finding, index) => (
            <li key={`${finding.code}-${finding.deviceId ?? ''}-${index}`}>
              <FindingCard finding={finding} position={index + 1} cause={listedCause(ranked, finding)} />
            </li>
          ))}
        </ol>
      )}
      <TrainingStory />
      {note !== undefined && (
        <>
          <Text as="h3" size={500} weight="semibold">
            Note for tier 2
          </Text>
          <CopyableText
            label="Escalation note (paste it into the ticket)"
            text={note}
            rows={8}
            copyLabel="Copy the note"
          />
        </>
      )}
      {readOnly && (
        <>
          <Text as="h3" size={500} weight="semibold">
            Re-analyse
          </Text>
          <ReanalysePanel />
        </>
      )}
      <Text as="h3" size={500} weight="semibold">
        Export
      </Text>
      <ExportPanel />
      <Text as="h3" size={500} weight="semibold">
        Audit trail
      </Text>
      <AuditTrail />
      <div>
        <Button icon={<AddRegular />} onClick={closeCase}>
          Start a new case
        </Button>
      </div>
    </div>
  );
}
