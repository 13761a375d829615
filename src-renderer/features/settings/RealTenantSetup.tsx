import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useSettingsStore } from '../../stores/store-context';

/**
 * Shown on the start screen under "Real tenant": says whether sign-in is set up and leads to the
 * settings screen when it is not, before the operator fills in a case that could not connect.
 */
export function RealTenantSetup() {
  const loaded = useSettingsStore((s) => s.loaded);
  const load = useSettingsStore((s) => s.load);
  const settings = useSettingsStore((s) => s.view?.settings ?? null);
  const auth = useSettingsStore((s) => s.auth);
  const openSettings = useSettingsStore((s) => s.openSettings);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  if (!loaded) return null;
  const missing = settings === null;
  const message = missing
    ? 'Sign-in to a real tenant is not set up yet. Set it up once with the ids from your Entra administrator.'
    : auth.state === 'signed-in'
      ? `Signed in as ${auth.account.username} (tenant ${settings.tenant}).`
      : `Set up for tenant ${settings.tenant}. You will be asked to sign in when the case connects.`;
  return (
    <MessageBar intent={missing ? 'warning' : 'info'} data-testid="real-tenant-setup">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={openSettings}>{missing ? 'Set up sign-in' : 'Open settings'}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
