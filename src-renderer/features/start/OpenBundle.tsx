import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { FolderOpenRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import { useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
});

/**
 * Opens a case bundle someone sent for review. The browser host cannot show a native file
 * dialog, so this takes a path; an Electron file picker can fill the same field later.
 */
export function OpenBundle() {
  const styles = useStyles();
  const importBundle = useCaseStore((s) => s.importBundle);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '') {
      setError('Enter the full path of the bundle file (it ends in .zip).');
      return;
    }
    setError(undefined);
    void importBundle(path.trim());
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="bundle-heading" noValidate>
      <Text as="h3" id="bundle-heading" size={500} weight="semibold">
        Open a bundle
      </Text>
      <Field
        label="Bundle file path"
        validationState={error !== undefined ? 'error' : 'none'}
        validationMessage={error}
        hint="A case bundle exported by this app, to review it read-only."
      >
        <Input value={path} onChange={(_e, d) => setPath(d.value)} name="bundlePath" />
      </Field>
      <div>
        <Button type="submit" icon={<FolderOpenRegular />}>
          Open the bundle
        </Button>
      </div>
    </form>
  );
}
