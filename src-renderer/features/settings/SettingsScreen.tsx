import { makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useSettingsStore } from '../../stores/store-context';
import { ConnectionTestPanel } from './ConnectionTestPanel';
import { RequirementsSection } from './RequirementsSection';
import { SettingsForm } from './SettingsForm';
import { SignInPanel } from './SignInPanel';

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    maxWidth: '1000px',
    paddingBottom: tokens.spacingVerticalXXL,
  },
});

/**
 * First-run and settings screen: what the administrator sets up once (in tier-1 words), the
 * exact permissions and roles, the app registration's ids, and signing in.
 */
export function SettingsScreen() {
  const styles = useStyles();
  const loaded = useSettingsStore((s) => s.loaded);
  const view = useSettingsStore((s) => s.view);
  const error = useSettingsStore((s) => s.error);
  if (!loaded) return <Spinner label="Loading settings…" />;
  return (
    <div className={styles.screen}>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {view?.settings === null && (
        <MessageBar intent="info">
          <MessageBarBody>
            Sign-in to a real tenant is not set up yet. Ask your Entra administrator to do the steps below
            once, then enter the two ids they give you. Until then you can practise with the demo tenant.
          </MessageBarBody>
        </MessageBar>
      )}
      {/* Not keyed on the saved values: remounting after a save would drop the keyboard focus. */}
      <SettingsForm />
      <SignInPanel />
      <ConnectionTestPanel />
      <RequirementsSection />
    </div>
  );
}
