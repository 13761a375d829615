import {
  FluentProvider,
  makeStyles,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { SettingsPage } from './features/settings/SettingsPage';
import { AppHeader } from './features/shell/AppHeader';
import { WizardShell } from './features/shell/WizardShell';
import type { ThemeChoice } from './stores/app-store';
import { useAppStore, useSettingsStore } from './stores/store-context';

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
  const styles = useStyles();
  const theme = useAppStore((s) => s.theme);
  const status = useAppStore((s) => s.status);
  const settingsOpen = useSettingsStore((s) => s.open);
  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-app-state={status}>
      <AppHeader />
      {settingsOpen && <SettingsPage />}
      {/* Hidden, not unmounted, while settings show: a half-filled new-case form survives. */}
      <div style={{ display: settingsOpen ? 'none' : 'contents' }}>
        <WizardShell />
      </div>
    </FluentProvider>
  );
}
