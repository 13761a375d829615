import { Button, Checkbox, Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { FolderOpenRegular, SaveRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { SettingsDraft, SettingsField } from '../../../src-main/shared/models/settings';
import { useSettingsStore } from '../../stores/store-context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
});

interface FormValues {
  clientId: string;
  tenant: string;
  redirectPort: string;
  requestDirectoryReadAll: boolean;
  /** '' = find PowerShell automatically. */
  powershellInstallId: string;
}

/** The form's text turned into what the main process expects: empty optional fields are left out. */
function toDraft(values: FormValues): SettingsDraft {
  const port = values.redirectPort.trim();
  return {
    clientId: values.clientId,
    tenant: values.tenant,
    requestDirectoryReadAll: values.requestDirectoryReadAll,
    ...(port !== '' ? { redirectPort: Number(port) } : {}),
    ...(values.powershellInstallId !== '' ? { powershellInstallId: values.powershellInstallId } : {}),
  };
}

/** The app registration's ids and the optional settings, checked as the operator saves. */
export function SettingsForm() {
  const styles = useStyles();
  const saved = useSettingsStore((s) => s.view?.settings ?? null);
  const fieldErrors = useSettingsStore((s) => s.fieldErrors);
  const saving = useSettingsStore((s) => s.saving);
  const savedAt = useSettingsStore((s) => s.savedAt);
  const save = useSettingsStore((s) => s.save);
  const [values, setValues] = useState<FormValues>({
    clientId: saved?.clientId ?? '',
    tenant: saved?.tenant ?? '',
    redirectPort: saved?.redirectPort?.toString() ?? '',
    requestDirectoryReadAll: saved?.requestDirectoryReadAll ?? false,
    powershellInstallId: saved?.powershellInstallId ?? '',
  });
  const installs = useSettingsStore((s) => s.installs);
  const installError = useSettingsStore((s) => s.installError);
  const chooseInstall = useSettingsStore((s) => s.chooseInstall);
  const browse = async () => {
    const id = await chooseInstall();
    if (id !== null) update({ powershellInstallId: id });
  };
  const update = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }));
  const errorOf = (field: SettingsField) =>
    fieldErrors[field] !== undefined
      ? { validationState: 'error' as const, validationMessage: fieldErrors[field] }
      : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(toDraft(values));
  };

  return (
    <section aria-labelledby="registration-heading">
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="registration-heading">
        <Text as="h3" id="registration-heading" size={500} weight="semibold">
          Your app registration
        </Text>
        <Field
          label="Application (client) ID"
          required
          hint="From the app registration’s Overview page, for example 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0."
          {...errorOf('clientId')}
        >
          <Input
            name="clientId"
            value={values.clientId}
            autoComplete="off"
            spellCheck={false}
            onChange={(_e, d) => update({ clientId: d.value })}
          />
        </Field>
        <Field
          label="Directory (tenant) ID or domain"
          required
          hint="The Directory (tenant) ID from the same page, or your domain such as contoso.onmicrosoft.com."
          {...errorOf('tenant')}
        >
          <Input
            name="tenant"
            value={values.tenant}
            autoComplete="off"
            spellCheck={false}
            onChange={(_e, d) => update({ tenant: d.value })}
          />
        </Field>
        <Field
          label="Fixed sign-in port (optional)"
          hint="Only if your administrator registered a redirect URI with a port, such as http://localhost:8400."
          {...errorOf('redirectPort')}
        >
          <Input
            name="redirectPort"
            inputMode="numeric"
            value={values.redirectPort}
            onChange={(_e, d) => update({ redirectPort: d.value })}
          />
        </Field>
        <Field
          hint="Turn on only if sign-in evidence fails with a permission error and your administrator granted Directory.Read.All."
          {...errorOf('requestDirectoryReadAll')}
        >
          <Checkbox
            label="Also request Directory.Read.All"
            checked={values.requestDirectoryReadAll}
            onChange={(_e, d) => update({ requestDirectoryReadAll: d.checked === true })}
          />
        </Field>
        <Field
          label="PowerShell program"
          hint="The tool finds PowerShell 7 itself. Pick another only if PowerShell is installed somewhere unusual; the list shows only programs the tool ran and found to be PowerShell."
          validationState={errorOf('powershellInstallId').validationState ?? (installError !== null ? 'error' : 'none')}
          validationMessage={errorOf('powershellInstallId').validationMessage ?? installError ?? undefined}
        >
          <Select
            name="powershellInstallId"
            value={values.powershellInstallId}
            onChange={(_e, d) => update({ powershellInstallId: d.value })}
          >
            <option value="">Find PowerShell automatically (recommended)</option>
            {installs.map((install) => (
              <option key={install.id} value={install.id}>
                {install.label}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button type="button" icon={<FolderOpenRegular />} onClick={() => void browse()}>
            Choose another PowerShell…
          </Button>
        </div>
        <div>
          <Button type="submit" appearance="primary" icon={<SaveRegular />} disabledFocusable={saving}>
            Save settings
          </Button>
        </div>
        <span role="status" aria-live="polite">
          {savedAt !== null && !saving ? 'Settings saved.' : ''}
        </span>
      </form>
    </section>
  );
}
