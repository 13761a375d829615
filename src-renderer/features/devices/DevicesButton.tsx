import { Button } from '@fluentui/react-components';
import { PhoneRegular } from '@fluentui/react-icons';
import { useDevicesStore } from '../../stores/store-context';

/** The header's way between the wizard (one user) and the Devices area (the whole tenant). */
export function DevicesButton() {
  const open = useDevicesStore((s) => s.open);
  const setOpen = useDevicesStore((s) => s.setOpen);
  return (
    <Button icon={<PhoneRegular />} onClick={() => setOpen(!open)} aria-pressed={open}>
      {open ? 'Back to the wizard' : 'Devices'}
    </Button>
  );
}
