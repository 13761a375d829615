import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PolicyChangeInput } from '../../../src-main/shared/models/devices';
import { useDevicesStore } from '../../stores/store-context';
import { CopyableText } from '../common/CopyableText';
import { reasonLabel } from './device-labels';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

type Kind = PolicyChangeInput['kind'];
type Level = 'Allow' | 'Block' | 'Quarantine';
type Characteristic = 'UserAgent' | 'DeviceOS' | 'DeviceModel' | 'DeviceType';

/**
 * "If I add this rule or change the default, which phones change state?", worked out locally
 * over the loaded list before anything is changed. Rules and the default are tenant-wide, so the
 * result ends in a command for an Exchange admin; tier-1 never runs it.
 */
export function RulesWhatIf() {
  const styles = useStyles();
  const whatIf = useDevicesStore((s) => s.whatIf);
  const run = useDevicesStore((s) => s.runWhatIf);
  const [kind, setKind] = useState<Kind>('add-rule');
  const [queryString, setQueryString] = useState('');
  const [characteristic, setCharacteristic] = useState<Characteristic>('DeviceType');
  const [level, setLevel] = useState<Level>('Allow');
  const [ruleName, setRuleName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let change: PolicyChangeInput;
    if (kind === 'add-rule') {
      if (queryString.trim() === '') return setProblem('Enter the value the rule matches, for example iPhone.');
      change = { kind, queryString: queryString.trim(), characteristic, accessLevel: level };
    } else if (kind === 'remove-rule') {
      if (ruleName.trim() === '') return setProblem('Enter the rule’s name as the “why” panel shows it.');
      change = { kind, name: ruleName.trim() };
    } else {
      change = { kind, accessLevel: level };
    }
    setProblem(null);
    void run(change);
  };

  const value = whatIf?.value;
  return (
    <section className={styles.panel} aria-labelledby="what-if-heading">
      <Text as="h3" id="what-if-heading" size={400} weight="semibold">
        What if the rules changed?
      </Text>
      <form className={styles.form} onSubmit={submit} aria-label="Rules what-if">
        <Field label="Change">
          <Select value={kind} onChange={(_e, d) => setKind(d.value as Kind)}>
            <option value="add-rule">Add a device access rule</option>
            <option value="remove-rule">Remove a rule</option>
            <option value="set-default">Change the organisation default</option>
          </Select>
        </Field>
        {kind === 'add-rule' && (
          <>
            <Field label="Matches">
              <Select value={characteristic} onChange={(_e, d) => setCharacteristic(d.value as Characteristic)}>
                <option value="UserAgent">UserAgent</option>
                <option value="DeviceOS">DeviceOS</option>
                <option value="DeviceModel">DeviceModel</option>
                <option value="DeviceType">DeviceType</option>
              </Select>
            </Field>
            <Field label="Value" validationMessage={problem ?? undefined} validationState={problem ? 'error' : 'none'}>
              <Input value={queryString} onChange={(_e, d) => setQueryString(d.value)} placeholder="iPhone" />
            </Field>
          </>
        )}
        {kind === 'remove-rule' && (
          <Field label="Rule name" validationMessage={problem ?? undefined} validationState={problem ? 'error' : 'none'}>
            <Input value={ruleName} onChange={(_e, d) => setRuleName(d.value)} placeholder="iPhone (DeviceType)" />
          </Field>
        )}
        {kind !== 'remove-rule' && (
          <Field label="Access">
            <Select value={level} onChange={(_e, d) => setLevel(d.value as Level)}>
              <option value="Allow">Allow</option>
              <option value="Block">Block</option>
              <option value="Quarantine">Quarantine</option>
            </Select>
          </Field>
        )}
        <Button type="submit">Show which phones change</Button>
      </form>
      {whatIf?.status === 'running' && <Spinner size="tiny" label="Working it out over every phone…" />}
      {whatIf?.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{whatIf.error}</MessageBarBody>
        </MessageBar>
      )}
      {value !== undefined && (
        <div className={styles.panel} data-testid="what-if-result">
          <Text weight="semibold">
            {value.changedCount === 0
              ? 'No phone would change state.'
              : `${value.changedCount} phone(s) would change state.`}{' '}
            {value.untouched} phone(s) are decided before the rules (the users' lists, automatic blocks, Intune) and would not move.
          </Text>
          {value.transitions.length > 0 && (
            <ul className={styles.list}>
              {value.transitions.map((t) => (
                <li key={`${t.from}-${t.to}`}>
                  {t.from} → {t.to}: {t.count}
                </li>
              ))}
            </ul>
          )}
          {value.sample.length > 0 && (
            <details>
              <summary>First {value.sample.length} phones that would change</summary>
              <ul className={styles.list}>
                {value.sample.map((s) => (
                  <li key={s.row.key}>
                    {s.row.userDisplayName} · {s.row.deviceModel}: {s.row.state} → {s.to.state} ({reasonLabel(s.to)})
                  </li>
                ))}
              </ul>
            </details>
          )}
          <MessageBar intent="info">
            <MessageBarBody>
              Rules and the default apply to the whole organisation, so this app does not change them. Send the command below to an Exchange
              admin.
            </MessageBarBody>
          </MessageBar>
          <CopyableText label="Command for an Exchange admin" text={value.command} rows={2} copyLabel="Copy the command" />
        </div>
      )}
    </section>
  );
}
