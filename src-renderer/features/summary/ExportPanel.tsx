import {
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowExportRegular, DocumentPdfRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
});

/** Exports the case as a bundle for tier 2 or the ticket; redaction of personal data is on by default. */
export function ExportPanel() {
  const styles = useStyles();
  const [redact, setRedact] = useState(true);
  const exportCase = useCaseStore((s) => s.exportCase);
  const exporting = useCaseStore((s) => s.exporting);
  const exported = useCaseStore((s) => s.exported);
  const exportPdf = useCaseStore((s) => s.exportPdf);
  const pdf = useCaseStore((s) => s.pdf);
  return (
    <div className={styles.panel}>
      <Checkbox
        checked={redact}
        onChange={(_e, d) => setRedact(d.checked === true)}
        label="Hide personal data (names, addresses, device ids) in the bundle"
      />
      <Button icon={<ArrowExportRegular />} onClick={() => void exportCase(redact)} disabled={exporting}>
        Export the case bundle
      </Button>
      {exporting && <Spinner size="small" label="Writing the bundle…" />}
      <div role="status" aria-live="polite">
        {exported !== null && (
          <MessageBar intent="success">
            <MessageBarBody>
              Saved {exported.redacted ? 'a redacted' : 'a full'} bundle ({Math.ceil(exported.size / 1024)}{' '}
              KB) to <Text font="monospace">{exported.filePath}</Text>. Attach it to the ticket.
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <Button
        icon={<DocumentPdfRegular />}
        onClick={() => void exportPdf()}
        disabled={pdf?.status === 'saving'}
      >
        Save the report as a PDF
      </Button>
      <div role="status" aria-live="polite" data-testid="pdf-status">
        {pdf?.status === 'saving' && <Spinner size="small" label="Printing the report…" />}
        {pdf?.status === 'saved' && (
          <MessageBar intent="success">
            <MessageBarBody>
              Saved the report to <Text font="monospace">{pdf.filePath}</Text>.
            </MessageBarBody>
          </MessageBar>
        )}
        {pdf?.status === 'failed' && (
          <MessageBar intent="warning">
            <MessageBarBody>{pdf.error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}
