import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../src-main/shared/models/devices';
import { MAX_BULK_DECISION } from '../../../src-main/shared/models/devices';
import { useAppStore, useDevicesStore } from '../../stores/store-context';
import { DecisionDialog } from './DecisionDialog';
import { DevicesAuditList } from './DevicesAuditList';
import { DeviceTable } from './DeviceTable';
import { DeviceWhyPanel } from './DeviceWhyPanel';
import { RulesWhatIf } from './RulesWhatIf';
import { VIEW_LABELS } from './device-labels';

const useStyles = makeStyles({
  area: { padding: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  views: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * The Devices area beside the wizard: every phone of the tenant (demo or real, over the same kind
 * of connection as a case), the quarantine queue and other saved views, "why this state", approve
 * or deny with one confirmation, the rules what-if and the audit trail.
 */
export function DevicesArea() {
  const styles = useStyles();
  const status = useDevicesStore((s) => s.status);
  const error = useDevicesStore((s) => s.error);
  const view = useDevicesStore((s) => s.view);
  const total = useDevicesStore((s) => s.total);
  const selected = useDevicesStore((s) => s.selected);
  const exported = useDevicesStore((s) => s.exported);
  const decisionOpen = useDevicesStore((s) => s.decision !== null);
  // One selector per action (they never change): selecting the whole state would re-draw the
  // whole area for every page of rows the table fetches while it scrolls.
  const load = useDevicesStore((s) => s.load);
  const cancelLoad = useDevicesStore((s) => s.cancelLoad);
  const setView = useDevicesStore((s) => s.setView);
  const setSearch = useDevicesStore((s) => s.setSearch);
  const exportCsv = useDevicesStore((s) => s.exportCsv);
  const requestDecision = useDevicesStore((s) => s.requestDecision);
  const clearSelected = useDevicesStore((s) => s.clearSelected);
  const scenarios = useAppStore((s) => s.scenarios);
  const [source, setSource] = useState<'demo' | 'tenant'>('demo');
  const [scenario, setScenario] = useState('');
  const [tenant, setTenant] = useState('');
  const [search, setSearchText] = useState('');
  const chosenScenario = scenario !== '' ? scenario : (scenarios.find((s) => s.id === 'large-tenant')?.id ?? scenarios[0]?.id ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (source === 'demo' && chosenScenario !== '') void load({ kind: 'demo', scenario: chosenScenario });
    if (source === 'tenant' && tenant.trim() !== '') void load({ kind: 'tenant', tenant: tenant.trim() });
  };
  const ready = status.state === 'ready';
  const counts = status.viewCounts ?? {};
  return (
    <main className={styles.area} aria-labelledby="devices-heading">
      <Text as="h2" id="devices-heading" size={600} weight="semibold" tabIndex={-1}>
        Devices across the tenant
      </Text>
      <form className={styles.row} onSubmit={submit} aria-label="Which tenant">
        <RadioGroup layout="horizontal" value={source} onChange={(_e, d) => setSource(d.value as 'demo' | 'tenant')} aria-label="Tenant">
          <Radio value="demo" label="Demo tenant" />
          <Radio value="tenant" label="Real tenant" />
        </RadioGroup>
        {source === 'demo' ? (
          <Field label="Demo scenario">
            <Select value={chosenScenario} onChange={(_e, d) => setScenario(d.value)}>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <Field label="Tenant domain">
            <Input value={tenant} onChange={(_e, d) => setTenant(d.value)} placeholder="contoso.onmicrosoft.com" />
          </Field>
        )}
        <Button type="submit" appearance="primary" disabled={status.state === 'loading'}>
          {ready ? 'Load again' : 'Load the phones'}
        </Button>
      </form>

      {status.state === 'loading' && (
        <div className={styles.row} role="status" aria-live="polite">
          <Field label={`Listing phones… ${status.loaded.toLocaleString()} so far`} style={{ flexGrow: 1 }}>
            <ProgressBar />
          </Field>
          <Button onClick={() => void cancelLoad()}>Cancel</Button>
        </div>
      )}
      {(status.state === 'failed' || status.state === 'cancelled') && (
        <MessageBar intent={status.state === 'failed' ? 'error' : 'warning'}>
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}

      {ready && (
        <>
          <Text role="status" data-testid="devices-loaded">
            {status.loaded.toLocaleString()} phones in {status.connectionLabel}
            {status.asOf ? `, as of ${new Date(status.asOf).toLocaleString()}` : ''}.
          </Text>
          {/* Plain toggle buttons rather than a TabList: its arrow-key mover adds focusable aria-hidden sentinels. */}
          <div className={styles.views} role="group" aria-label="Saved views">
            {VIEW_LABELS.map(([key, label]) => (
              <ToggleButton key={key} checked={view === key} onClick={() => setView(key as DeviceView)} data-view={key}>
                {label} ({(counts[key] ?? 0).toLocaleString()})
              </ToggleButton>
            ))}
          </div>
          <div className={styles.row}>
            <form
              className={styles.row}
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                setSearch(search);
              }}
            >
              <Field label="Search user, device ID, model or OS">
                <Input value={search} onChange={(_e, d) => setSearchText(d.value)} />
              </Field>
              <Button type="submit">Search</Button>
            </form>
            <Button icon={<ArrowDownloadRegular />} onClick={() => void exportCsv()}>
              Export this view as CSV
            </Button>
            <Text aria-live="polite">{total === null ? '' : `${total.toLocaleString()} phones in this view`}</Text>
          </div>
          {exported !== null && (
            <MessageBar intent="success">
              <MessageBarBody>
                Saved {exported.rows.toLocaleString()} phones to {exported.filePath}
              </MessageBarBody>
            </MessageBar>
          )}
          {selected.size > 0 && (
            <div className={styles.row} role="region" aria-label="Selected phones">
              <Text>{selected.size} selected</Text>
              <Button
                appearance="primary"
                disabled={selected.size > MAX_BULK_DECISION}
                onClick={() => void requestDecision([...selected], 'approve')}
              >
                Approve selected…
              </Button>
              <Button disabled={selected.size > MAX_BULK_DECISION} onClick={() => void requestDecision([...selected], 'deny')}>
                Deny selected…
              </Button>
              <Button appearance="subtle" onClick={clearSelected}>
                Clear selection
              </Button>
              {selected.size > MAX_BULK_DECISION && <Text>Select at most {MAX_BULK_DECISION} phones for one decision.</Text>}
            </div>
          )}
          <DeviceTable />
          <DeviceWhyPanel />
          <RulesWhatIf />
          <DevicesAuditList />
        </>
      )}
      {decisionOpen && <DecisionDialog />}
    </main>
  );
}
