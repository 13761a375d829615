import { makeStyles, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';
import type { DeviceView } from '../../../src-main/shared/models/wizard';
import { deviceActionsFor, offers } from '../../logic/actions';
import { formatTimestamp } from '../../logic/time';
import { useCaseStore } from '../../stores/store-context';
import { ActionButton } from '../actions/ActionButton';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  device: { display: 'flex', flexDirection: 'column', paddingBottom: tokens.spacingVerticalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: '2px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  pair: { display: 'contents' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** A device's name as the user would recognise it. */
export function deviceName(device: DeviceView): string {
  return device.friendlyName ?? device.deviceModel ?? device.deviceType ?? device.deviceId;
}

function DeviceFacts({ device }: { device: DeviceView }) {
  const styles = useStyles();
  const facts: Array<[string, string]> = [
    ['Device id', device.deviceId],
    [
      'Access',
      [device.accessState, device.accessStateReason && `reason ${device.accessStateReason}`]
        .filter(Boolean)
        .join(', ') || '—',
    ],
    ['Rule', device.accessRule ?? '—'],
    ['Protocol version', device.protocolVersion ?? '—'],
    ['Mail app', device.userAgent ?? device.clientType ?? '—'],
    ['Last sync attempt', formatTimestamp(device.lastSyncAttempt)],
    ['Last successful sync', formatTimestamp(device.lastSuccessSync)],
  ];
  return (
    <dl className={styles.facts}>
      {facts.map(([term, value]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.dd}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The user's phones with their access state; the operator picks the affected one. */
export function DevicePanel() {
  const styles = useStyles();
  const devices = useCaseStore((s) => s.view?.devices ?? []);
  const selected = useCaseStore((s) => s.view?.selectedDeviceId);
  const readOnly = useCaseStore((s) => s.view?.readOnly ?? true);
  const selectDevice = useCaseStore((s) => s.selectDevice);
  const findings = useCaseStore((s) => s.view?.findings ?? []);
  const offered = useCaseStore((s) => s.view?.offeredActions);
  const offersEnable =
    findings.some((f) => f.nextSteps.some((n) => n.action === 'enable-activesync')) && offers(offered, { kind: 'enable-activesync' });
  const current = devices.find((d) => d.deviceId === selected);

  return (
    <div className={styles.panel}>
      <Text as="h3" weight="semibold">
        Devices of this user ({devices.length})
      </Text>
      {devices.length === 0 ? (
        <Text>No phone has a sync partnership with this mailbox yet.</Text>
      ) : (
        <RadioGroup
          aria-label="Which device has the problem?"
          value={selected ?? ''}
          disabled={readOnly}
          onChange={(_e, data) => void selectDevice(data.value)}
        >
          {devices.map((device) => (
            <Radio
              key={device.deviceId}
              value={device.deviceId}
              data-testid="device-option"
              label={
                <span className={styles.device}>
                  <Text weight="semibold">
                    {deviceName(device)} · {device.accessState ?? 'state unknown'}
                    {device.notEas ? ' · Outlook mobile (not ActiveSync)' : ''}
                  </Text>
                  <DeviceFacts device={device} />
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
      {(current !== undefined || offersEnable) && (
        <div className={styles.actions} aria-label="Changes you can make">
          {current !== undefined &&
            deviceActionsFor(current.deviceId, offered).map((action) => (
              <ActionButton key={action.kind} action={action} />
            ))}
          {offersEnable && <ActionButton action={{ kind: 'enable-activesync' }} appearance="primary" />}
        </div>
      )}
    </div>
  );
}
