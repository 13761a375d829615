import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { DocumentAddRegular } from '@fluentui/react-icons';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useAppStore } from '../../stores/store-context';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  over: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: 'none' },
});

export const EVIDENCE_ACCEPT = '.txt,.log,.gz,.zip,.har,.saz';

/**
 * Where the operator brings files: a button (the desktop app's native dialog, or the browser's
 * file chooser in the browser host) and a drop zone that works in both. `onFiles(undefined)` asks
 * the main process to show its dialog; a list means files to upload.
 */
export function EvidenceDropZone({ onFiles, busy, buttonLabel, children, testId }: { onFiles: (files?: File[]) => void; busy: boolean; buttonLabel: string; children?: ReactNode; testId: string }) {
  const styles = useStyles();
  const desktop = useAppStore((s) => s.appInfo?.runtime === 'electron');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0 && !busy) onFiles(files);
  };
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      {children}
      <Text size={200}>Mailbox logs (.txt, emailed .gz, .zip) or captures taken on the phone side (.har, .saz). You can also drop them here.</Text>
      <div>
        <Button icon={<DocumentAddRegular />} disabled={busy} onClick={() => (desktop ? onFiles(undefined) : input.current?.click())}>
          {buttonLabel}
        </Button>
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept={EVIDENCE_ACCEPT}
        aria-label={buttonLabel}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
