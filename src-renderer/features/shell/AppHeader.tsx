import { Label, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import type { ThemeChoice } from '../../stores/app-store';
import { useAppStore } from '../../stores/store-context';
import { DevicesButton } from '../devices/DevicesButton';
import { SettingsButton } from '../settings/SettingsButton';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  titles: { display: 'flex', flexDirection: 'column' },
  theme: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

const THEME_LABELS: Record<ThemeChoice, string> = {
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};

export function AppHeader() {
  const styles = useStyles();
  const appInfo = useAppStore((s) => s.appInfo);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const themeId = useId('theme');
  return (
    <header className={styles.header}>
      <div className={styles.titles}>
        <Text as="h1" size={500} weight="semibold">
          ActiveSync Troubleshooter
        </Text>
        <Text size={200}>
          Find out why a phone cannot sync mail from Exchange Online
          {appInfo ? ` · version ${appInfo.version}` : ''}
        </Text>
      </div>
      <div className={styles.theme}>
        <DevicesButton />
        <SettingsButton />
        <Label htmlFor={themeId}>Theme</Label>
        <Select id={themeId} value={theme} onChange={(_e, data) => setTheme(data.value as ThemeChoice)}>
          {(Object.keys(THEME_LABELS) as ThemeChoice[]).map((key) => (
            <option key={key} value={key}>
              {THEME_LABELS[key]}
            </option>
          ))}
        </Select>
      </div>
    </header>
  );
}
