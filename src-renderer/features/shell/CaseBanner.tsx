import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useCaseStore } from '../../stores/store-context';
import { PermissionNotice } from '../actions/PermissionNotice';

const useStyles = makeStyles({
  banner: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
});

/** Whose problem this is, which device and ticket, plus any read-only or permission notice. */
export function CaseBanner() {
  const styles = useStyles();
  const view = useCaseStore((s) => s.view);
  if (view === null) return null;
  const { subject } = view;
  const device = view.selectedDeviceId ?? subject.deviceId;
  return (
    <div className={styles.banner} aria-label="Case">
      <Text size={200}>
        Case for <Text weight="semibold">{subject.userUpn}</Text>
        {device !== undefined ? ` · device ${device}` : ''}
        {subject.ticketRef !== undefined ? ` · ticket ${subject.ticketRef}` : ''}
        {view.connection.kind === 'demo' ? ' · demo tenant' : view.connection.kind === 'offline' ? ' · from files, no tenant' : ` · ${view.connection.tenant}`}
      </Text>
      <PermissionNotice />
    </div>
  );
}
