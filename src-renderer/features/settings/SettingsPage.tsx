import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import { useSettingsStore } from '../../stores/store-context';
import { SettingsScreen } from './SettingsScreen';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalXXL, overflowY: 'auto', flexGrow: 1 },
  top: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
});

/**
 * The settings screen as a page in place of the wizard (the case in progress lives in the stores
 * and is back unchanged). A page rather than a Fluent modal: a closed modal leaves Tabster's
 * focusable aria-hidden sentinels on <body>, which axe reports. Focus moves to the heading on
 * open and back to the header's Settings button on close, so keyboard users keep their place.
 */
export function SettingsPage() {
  const styles = useStyles();
  const close = useSettingsStore((s) => s.closeSettings);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const back = () => {
    close();
    requestAnimationFrame(() => document.getElementById(SETTINGS_BUTTON_ID)?.focus());
  };
  return (
    <main
      className={styles.page}
      aria-labelledby="settings-heading"
      data-testid="settings-screen"
      onKeyDown={(event) => {
        if (event.key === 'Escape') back();
      }}
    >
      <div className={styles.top}>
        <Button icon={<ArrowLeftRegular />} onClick={back}>
          Back to the wizard
        </Button>
        <Text as="h2" id="settings-heading" ref={heading} tabIndex={-1} size={600} weight="semibold">
          Settings: sign-in to your tenant
        </Text>
      </div>
      <SettingsScreen />
    </main>
  );
}

/** The header button's id, so closing the settings page can give it the focus back. */
export const SETTINGS_BUTTON_ID = 'settings-button';
