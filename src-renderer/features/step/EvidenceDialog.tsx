import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useReleaseModalHiding } from '../../hooks/useReleaseModalHiding';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(1100px, 95vw)', width: '95vw' },
  pre: {
    maxHeight: '60vh',
    overflow: 'auto',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
});

/**
 * Raw evidence (cmdlet output, Graph JSON, a log excerpt) exactly as captured. It is rendered as
 * a text node inside <pre>, so markup in tenant data can never become live HTML.
 */
export function EvidenceDialog() {
  const styles = useStyles();
  const evidence = useCaseStore((s) => s.evidence);
  const close = useCaseStore((s) => s.closeEvidence);
  useReleaseModalHiding();
  return (
    <Dialog open={evidence !== null} onOpenChange={(_e, data) => (data.open ? undefined : close())}>
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Raw evidence: {evidence?.label}</DialogTitle>
          <DialogContent>
            {evidence?.status === 'loading' && <Spinner label="Loading the evidence…" />}
            {evidence?.status === 'failed' && (
              <MessageBar intent="error">
                <MessageBarBody>{evidence.error}</MessageBarBody>
              </MessageBar>
            )}
            {evidence?.status === 'ready' && (
              <>
                <Text size={200}>
                  Format: {evidence.contentType}
                  {evidence.truncated ? ' · Shortened: the full text is in the case bundle.' : ''}
                </Text>
                <pre
                  className={styles.pre}
                  tabIndex={0}
                  aria-label={`Raw evidence: ${evidence.label}`}
                  data-testid="evidence-text"
                >
                  {evidence.text}
                </pre>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={close}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
