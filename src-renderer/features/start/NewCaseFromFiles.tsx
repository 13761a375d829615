import { Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { newCaseFormSchema } from '../../logic/new-case-form';
import { useEvidenceStore } from '../../stores/store-context';
import { EvidenceDropZone } from '../evidence/EvidenceDropZone';
import { EvidenceImportMessage } from '../evidence/EvidenceImportMessage';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
});

const subjectSchema = newCaseFormSchema.pick({ userUpn: true, ticketRef: true, symptom: true });

/**
 * "I only have the logs": a case from files alone. It runs offline; the steps that need a tenant
 * are marked as not run, and the summary says so.
 */
export function NewCaseFromFiles() {
  const styles = useStyles();
  const startFromFiles = useEvidenceStore((s) => s.startFromFiles);
  const busy = useEvidenceStore((s) => s.status === 'working');
  const [userUpn, setUserUpn] = useState('');
  const [ticketRef, setTicketRef] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const start = (files?: File[]) => {
    const parsed = subjectSchema.safeParse({ userUpn, ticketRef, symptom: '' });
    if (!parsed.success) {
      setError(parsed.error.issues.find((i) => i.path[0] === 'userUpn')?.message ?? parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    const { ticketRef: ticket, ...rest } = parsed.data;
    void startFromFiles({ ...rest, symptom: 'Case started from files', ...(ticket ? { ticketRef: ticket } : {}) }, files);
  };
  return (
    <section className={styles.form} aria-labelledby="from-files-heading" data-testid="new-case-from-files">
      <Text as="h3" id="from-files-heading" size={500} weight="semibold">
        New case from files
      </Text>
      <Text>Only have the logs? Start a case from mailbox logs or phone captures. Nothing is checked in the tenant.</Text>
      <Field label="User’s sign-in name" required validationState={error !== undefined ? 'error' : 'none'} validationMessage={error}>
        <Input value={userUpn} onChange={(_e, d) => setUserUpn(d.value)} name="filesUserUpn" />
      </Field>
      <Field label="Ticket reference">
        <Input value={ticketRef} onChange={(_e, d) => setTicketRef(d.value)} name="filesTicketRef" />
      </Field>
      <EvidenceDropZone testId="case-from-files" buttonLabel="Choose files and start" busy={busy} onFiles={start} />
      <EvidenceImportMessage />
    </section>
  );
}
