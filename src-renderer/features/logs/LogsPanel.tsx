import {
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useCaseStore, useLogsStore } from '../../stores/store-context';
import { LogEntryDetailPane } from './LogEntryDetailPane';
import { LogEntryList } from './LogEntryList';
import { LogFilters } from './LogFilters';
import { TimelineChart } from './TimelineChart';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  split: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalM,
    // Side by side, the list's six columns need about 640 px of a window wider than 1440 px; on
    // 1366 and 1024 px laptops the detail pane goes below the list instead of squeezing the
    // columns over each other.
    '@media (max-width: 1439px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  patterns: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Per device: the request timeline, patterns found, and the searchable entry list with details. */
export function LogsPanel() {
  const styles = useStyles();
  const caseId = useCaseStore((s) => s.view?.caseId);
  const logs = useCaseStore((s) => s.view?.logs ?? []);
  const selectedDevice = useCaseStore((s) => s.view?.selectedDeviceId);
  const show = useLogsStore((s) => s.show);
  const error = useLogsStore((s) => s.error);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const deviceId =
    logs.find((l) => l.deviceId === picked)?.deviceId ??
    logs.find((l) => l.deviceId === selectedDevice)?.deviceId ??
    logs[0]?.deviceId;
  const log = logs.find((l) => l.deviceId === deviceId);

  useEffect(() => {
    if (caseId !== undefined && deviceId !== undefined) show(caseId, deviceId);
  }, [caseId, deviceId, show]);

  if (log === undefined) {
    return (
      <Text>
        No mailbox log has been fetched yet. Turn on debug logging, ask the user to reproduce the problem,
        then run this step.
      </Text>
    );
  }
  return (
    <div className={styles.panel}>
      {logs.length > 1 && (
        <Field label="Device log">
          <Select value={deviceId} onChange={(_e, d) => setPicked(d.value)}>
            {logs.map((l) => (
              <option key={l.deviceId} value={l.deviceId}>
                {l.deviceType ?? 'Device'} {l.deviceId} ({l.entryCount} entries)
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Text>
        {log.deviceType ?? 'Device'} {log.deviceId}
        {log.userAgent !== undefined ? ` · ${log.userAgent}` : ''}
        {log.protocolVersion !== undefined ? ` · ActiveSync ${log.protocolVersion}` : ''} · {log.entryCount}{' '}
        entries
      </Text>
      <TimelineChart log={log} />
      {log.patterns.length > 0 && (
        <>
          <Text as="h3" weight="semibold">
            Patterns found
          </Text>
          <ul className={styles.patterns}>
            {log.patterns.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      <LogFilters key={deviceId} />
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.split}>
        <LogEntryList />
        <LogEntryDetailPane />
      </div>
    </div>
  );
}
