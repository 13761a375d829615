import { Dropdown, makeStyles, Option, Text, tokens } from '@fluentui/react-components';
import type { ThemeChoice } from '../../stores/app-store';
import { useAppStore } from '../../stores/store-context';

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
  theme: { minWidth: '160px' },
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
      <Dropdown
        className={styles.theme}
        aria-label="Colour theme"
        value={THEME_LABELS[theme]}
        selectedOptions={[theme]}
        onOptionSelect={(_e, data) => setTheme(data.optionValue as ThemeChoice)}
      >
        {(Object.keys(THEME_LABELS) as ThemeChoice[]).map((key) => (
          <Option key={key} value={key}>
            {THEME_LABELS[key]}
          </Option>
        ))}
      </Dropdown>
    </header>
  );
}
