import {
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Switch,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import {
  validateNewCaseForm,
  type NewCaseForm as Form,
  type NewCaseFormErrors,
} from '../../logic/new-case-form';
import { useAppStore, useCaseStore } from '../../stores/store-context';
import { RealTenantSetup } from '../settings/RealTenantSetup';
import { scenarioOptionLabel } from '../../logic/training';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
});

/** Who is affected, on which device, what they see, the ticket, and where to look (demo or real tenant). */
export function NewCaseForm() {
  const styles = useStyles();
  const scenarios = useAppStore((s) => s.scenarios);
  const scenariosError = useAppStore((s) => s.scenariosError);
  const startCase = useCaseStore((s) => s.startCase);
  const opening = useCaseStore((s) => s.opening);
  const [form, setForm] = useState<Form>({
    userUpn: '',
    deviceId: '',
    symptom: '',
    ticketRef: '',
    connection: 'demo',
    scenario: '',
    tenant: '',
  });
  const [errors, setErrors] = useState<NewCaseFormErrors>({});
  const [training, setTraining] = useState(false);
  // The first scenario is the default until the operator picks another.
  const scenario = form.scenario !== '' ? form.scenario : (scenarios[0]?.id ?? '');
  const story = scenarios.find((s) => s.id === scenario)?.story;
  const update = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateNewCaseForm({ ...form, scenario });
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    void startCase(result.value, { training: form.connection === 'demo' && training });
  };

  const fieldState = (name: keyof Form) =>
    errors[name] !== undefined ? { validationState: 'error' as const, validationMessage: errors[name] } : {};

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="New case">
      <Field
        label="User’s sign-in name (UPN)"
        required
        {...fieldState('userUpn')}
        hint="The mailbox whose phone does not sync."
      >
        <Input
          value={form.userUpn}
          onChange={(_e, d) => update({ userUpn: d.value })}
          type="email"
          autoComplete="off"
          name="userUpn"
        />
      </Field>
      <Field
        label="Device id (optional)"
        {...fieldState('deviceId')}
        hint="From the phone’s mail settings, if the user can find it."
      >
        <Input value={form.deviceId} onChange={(_e, d) => update({ deviceId: d.value })} name="deviceId" />
      </Field>
      <Field label="What does the user see?" {...fieldState('symptom')}>
        <Textarea
          value={form.symptom}
          onChange={(_e, d) => update({ symptom: d.value })}
          name="symptom"
          rows={2}
        />
      </Field>
      <Field label="Ticket reference (optional)" {...fieldState('ticketRef')}>
        <Input value={form.ticketRef} onChange={(_e, d) => update({ ticketRef: d.value })} name="ticketRef" />
      </Field>
      <Field label="Where to look">
        <RadioGroup
          value={form.connection}
          onChange={(_e, d) => update({ connection: d.value as Form['connection'] })}
        >
          <Radio value="demo" label="Demo tenant (practice data, no sign-in)" />
          <Radio value="tenant" label="Real tenant (needs the sign-in set up by your administrator)" />
        </RadioGroup>
      </Field>
      {form.connection === 'demo' ? (
        <Field
          label="Demo scenario"
          {...fieldState('scenario')}
          validationState={
            scenariosError !== null ? 'error' : errors.scenario !== undefined ? 'error' : 'none'
          }
          validationMessage={
            scenariosError ?? errors.scenario ?? (training ? 'Training mode: the story is shown on the summary.' : story)
          }
        >
          <Select value={scenario} onChange={(_e, d) => update({ scenario: d.value })} name="scenario">
            {scenarios.map((s, i) => (
              <option key={s.id} value={s.id}>
                {scenarioOptionLabel(s, i, training)}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <RealTenantSetup />
      )}
      {form.connection === 'demo' && (
        <Switch
          checked={training}
          onChange={(_e, d) => setTraining(d.checked)}
          label="Training mode: hide the story until the summary"
          name="training"
        />
      )}
      {form.connection === 'tenant' && (
        <Field
          label="Tenant domain"
          {...fieldState('tenant')}
          hint="You will be asked to sign in with your admin account. The app must be registered in your tenant first; ask your administrator if sign-in fails."
        >
          <Input
            value={form.tenant}
            onChange={(_e, d) => update({ tenant: d.value })}
            name="tenant"
            placeholder="contoso.onmicrosoft.com"
          />
        </Field>
      )}
      <div>
        <Button type="submit" appearance="primary" icon={<PlayRegular />} disabled={opening}>
          Start troubleshooting
        </Button>
      </div>
    </form>
  );
}
