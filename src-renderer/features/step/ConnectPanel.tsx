import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useAppStore, useCaseStore } from '../../stores/store-context';
import { OutcomeIcon } from '../common/OutcomeIcon';
import { storyVisible } from '../../logic/training';

const SHELL_WORDS = {
  idle: 'not started',
  starting: 'starting',
  ready: 'ready',
  busy: 'working',
  reconnecting: 'reconnecting to Exchange Online',
  failed: 'failed to start',
} as const;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The connect step's extra facts: who is signed in, the PowerShell session, and the permission preflight. */
export function ConnectPanel() {
  const styles = useStyles();
  const operator = useCaseStore((s) => s.view?.operator);
  const connection = useCaseStore((s) => s.view?.connection);
  const permissions = useCaseStore((s) => s.view?.permissions);
  const shell = useAppStore((s) => s.shell);
  const showStory = useCaseStore((s) => storyVisible(s.training));
  return (
    <div className={styles.panel}>
      <Text as="h3" weight="semibold">
        Your session
      </Text>
      <Text>Signed in as: {operator ?? '—'}</Text>
      <Text>
        Tenant:{' '}
        {connection?.kind === 'demo'
          ? showStory
            ? `demo tenant (scenario “${connection.scenario}”)`
            : 'demo tenant (a practice case: its story is shown on the summary)'
          : connection?.kind === 'offline'
            ? 'none (this case was started from files)'
            : (connection?.tenant ?? '—')}
      </Text>
      <Text>
        Exchange Online PowerShell: {SHELL_WORDS[shell.state]}
        {shell.detail !== undefined ? ` (${shell.detail})` : ''}
      </Text>
      {permissions !== undefined && (
        <div data-testid="permissions">
          {permissions.canAct ? (
            <OutcomeIcon outcome="ok" showLabel={false} />
          ) : (
            <OutcomeIcon outcome="warning" showLabel={false} />
          )}{' '}
          <Text>
            {permissions.canAct
              ? 'You have the rights to make the changes this wizard offers.'
              : `You can check, but not change anything. Missing: ${permissions.missing.join('; ') || 'write rights'}.`}
          </Text>
          {!permissions.canAct && permissions.whoCanAct !== undefined && (
            <Text block>{permissions.whoCanAct}</Text>
          )}
        </div>
      )}
    </div>
  );
}
