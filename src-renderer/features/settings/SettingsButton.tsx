import { Button } from '@fluentui/react-components';
import { SettingsRegular } from '@fluentui/react-icons';
import { useSettingsStore } from '../../stores/store-context';
import { SETTINGS_BUTTON_ID } from './SettingsPage';

/** The header's way into the settings page (App shows it in place of the wizard while open). */
export function SettingsButton() {
  const openSettings = useSettingsStore((s) => s.openSettings);
  const open = useSettingsStore((s) => s.open);
  return (
    <Button id={SETTINGS_BUTTON_ID} icon={<SettingsRegular />} onClick={openSettings} aria-pressed={open}>
      Settings
    </Button>
  );
}
