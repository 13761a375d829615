import { Button, Field, makeStyles, Text, tokens } from '@fluentui/react-components';
import { FolderOpenRegular } from '@fluentui/react-icons';
import { useRef, useState, type FormEvent } from 'react';
import { uploadBundle } from '../../bridge/upload-bundle';
import { useAppStore, useCaseStore } from '../../stores/store-context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
});

/**
 * Opens a case bundle someone sent for review. The renderer never types a path: the desktop app
 * shows its own file dialog from main; the browser version picks the file in the page and
 * uploads it to the browser host.
 */
export function OpenBundle() {
  const runtime = useAppStore((s) => s.appInfo?.runtime);
  return runtime === 'electron' ? <OpenBundleWithDialog /> : <OpenBundleByUpload />;
}

function Heading() {
  return (
    <Text as="h3" id="bundle-heading" size={500} weight="semibold">
      Open a bundle
    </Text>
  );
}

function OpenBundleWithDialog() {
  const styles = useStyles();
  const importBundle = useCaseStore((s) => s.importBundle);
  return (
    <section className={styles.form} aria-labelledby="bundle-heading">
      <Heading />
      <Text>A case bundle exported by this app (a .zip file), to review it read-only.</Text>
      <div>
        <Button icon={<FolderOpenRegular />} onClick={() => void importBundle({ source: 'dialog' })}>
          Choose a bundle file…
        </Button>
      </div>
    </section>
  );
}

function OpenBundleByUpload() {
  const styles = useStyles();
  const importBundle = useCaseStore((s) => s.importBundle);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file === undefined) {
      setError('Choose the bundle file (it ends in .zip).');
      return;
    }
    setError(undefined);
    setSending(true);
    const uploaded = await uploadBundle(file);
    setSending(false);
    if (!uploaded.ok) {
      setError(uploaded.message);
      return;
    }
    await importBundle({ source: 'upload', uploadId: uploaded.uploadId });
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-labelledby="bundle-heading" noValidate>
      <Heading />
      <Field
        label="Bundle file"
        validationState={error !== undefined ? 'error' : 'none'}
        validationMessage={error}
        hint="A case bundle exported by this app, to review it read-only."
      >
        {/* A plain file input: the browser's own picker, and the file never leaves as a path. */}
        <input ref={input} type="file" accept=".zip,application/zip" name="bundleFile" aria-label="Bundle file" />
      </Field>
      <div>
        <Button type="submit" icon={<FolderOpenRegular />} disabledFocusable={sending}>
          Open the bundle
        </Button>
      </div>
    </form>
  );
}
