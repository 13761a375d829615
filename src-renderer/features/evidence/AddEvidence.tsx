import { Text } from '@fluentui/react-components';
import { useCaseStore, useEvidenceStore } from '../../stores/store-context';
import { EvidenceDropZone } from './EvidenceDropZone';
import { EvidenceImportMessage } from './EvidenceImportMessage';

/** "Add evidence" on the logs step and on a saved case: logs or captures the operator received. */
export function AddEvidence() {
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? true);
  const addToCase = useEvidenceStore((s) => s.addToCase);
  const busy = useEvidenceStore((s) => s.status === 'working');
  if (readOnly) return null;
  return (
    <section aria-labelledby="add-evidence-heading">
      <EvidenceDropZone testId="add-evidence" buttonLabel="Add evidence…" busy={busy} onFiles={(files) => void addToCase(files)}>
        <Text as="h3" id="add-evidence-heading" weight="semibold">
          Add evidence
        </Text>
        <Text>Got a log by e-mail, from Microsoft’s collection script, or a capture from the phone? Add it to this case; the findings are updated.</Text>
      </EvidenceDropZone>
      <EvidenceImportMessage />
    </section>
  );
}
