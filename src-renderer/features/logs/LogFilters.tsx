import { Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { LogFilter } from '../../stores/logs-store';
import { useLogsStore } from '../../stores/store-context';

const COMMANDS = [
  '',
  'Sync',
  'Ping',
  'FolderSync',
  'Provision',
  'SendMail',
  'SmartReply',
  'SmartForward',
  'ItemOperations',
  'Settings',
  'Options',
  'GetItemEstimate',
  'MoveItems',
];

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'flex-end' },
});

/** Search (debounced so typing does not fire a query per key) and outcome/command filters. */
export function LogFilters() {
  const styles = useStyles();
  const filter = useLogsStore((s) => s.filter);
  const setFilter = useLogsStore((s) => s.setFilter);
  const total = useLogsStore((s) => s.total);
  const [search, setSearch] = useState(filter.search);
  useEffect(() => {
    if (search === filter.search) return;
    const timer = setTimeout(() => setFilter({ search }), 300);
    return () => clearTimeout(timer);
  }, [search, filter.search, setFilter]);
  return (
    <div className={styles.row} role="search" aria-label="Filter log entries">
      <Field label="Search entries">
        <Input
          contentBefore={<SearchRegular />}
          value={search}
          onChange={(_e, d) => setSearch(d.value)}
          placeholder="status, command, folder…"
        />
      </Field>
      <Field label="Show">
        <Select
          value={filter.outcome}
          onChange={(_e, d) => setFilter({ outcome: d.value as LogFilter['outcome'] })}
        >
          <option value="all">All entries</option>
          <option value="warning">Warnings and failures</option>
          <option value="error">Failures only</option>
        </Select>
      </Field>
      <Field label="Command">
        <Select value={filter.command} onChange={(_e, d) => setFilter({ command: d.value })}>
          {COMMANDS.map((c) => (
            <option key={c} value={c}>
              {c === '' ? 'Any command' : c}
            </option>
          ))}
        </Select>
      </Field>
      <span role="status" aria-live="polite">
        {total === null ? 'Loading…' : `${total} matching entries`}
      </span>
    </div>
  );
}
