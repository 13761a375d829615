import {
  FluentProvider,
  makeStyles,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { DevicesArea } from './features/devices/DevicesArea';
import { SettingsPage } from './features/settings/SettingsPage';
import { AppHeader } from './features/shell/AppHeader';
import { WizardShell } from './features/shell/WizardShell';
import { useModalHidingGuard } from './hooks/useModalHidingGuard';
import type { ThemeChoice } from './stores/app-store';
import { useAppStore, useDevicesStore, useSettingsStore } from './stores/store-context';

const THEMES: Record<ThemeChoice, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

const useStyles = makeStyles({
  // The document scrolls (not an inner pane), so the browser's own scrolling, find-in-page and
  // full-page screenshots see the whole step.
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
});

export function App() {
  useModalHidingGuard();
  const styles = useStyles();
  const theme = useAppStore((s) => s.theme);
  const status = useAppStore((s) => s.status);
  const settingsOpen = useSettingsStore((s) => s.open);
  const devicesOpen = useDevicesStore((s) => s.open) && !settingsOpen;
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-app-state={status}>
      <AppHeader />
      {settingsOpen && <SettingsPage />}
      {devicesOpen && <DevicesArea />}
      {/* Hidden, not unmounted, while settings or devices show: a half-filled new-case form survives. */}
      <div style={{ display: settingsOpen || devicesOpen ? 'none' : 'contents' }}>
        <WizardShell />
      </div>
    </FluentProvider>
  );
}
