import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useRef } from 'react';
import { useCopy } from '../../hooks/useCopy';

const useStyles = makeStyles({
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  area: { width: '100%' },
});

/** Read-only text with a Copy button; if the clipboard is refused, the text is selected for Ctrl+C. */
export function CopyableText({
  label,
  text,
  rows = 5,
  copyLabel,
}: {
  label: string;
  text: string;
  rows?: number;
  copyLabel: string;
}) {
  const styles = useStyles();
  const { copy, state } = useCopy();
  const area = useRef<HTMLTextAreaElement>(null);
  const onCopy = async () => {
    await copy(text);
    if (state === 'failed') area.current?.select();
  };
  return (
    <div className={styles.row}>
      <Field label={label} className={styles.area}>
        <Textarea ref={area} value={text} readOnly rows={rows} resize="vertical" />
      </Field>
      <Button icon={<CopyRegular />} onClick={() => void onCopy()}>
        {copyLabel}
      </Button>
      <span role="status" aria-live="polite">
        {state === 'copied'
          ? 'Copied to the clipboard.'
          : state === 'failed'
            ? 'Could not copy: select the text and press Ctrl+C.'
            : ''}
      </span>
    </div>
  );
}
