import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { GlobeRegular, KeyRegular, SignOutRegular } from '@fluentui/react-icons';
import type { AuthStatusView } from '../../../src-main/shared/models/settings';
import { useSettingsStore } from '../../stores/store-context';
import { CopyableText } from '../common/CopyableText';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** One line saying where sign-in stands, in plain words. */
function describe(auth: AuthStatusView): string {
  switch (auth.state) {
    case 'not-configured':
      return 'Not set up: save the client id and tenant above first.';
    case 'signed-out':
      return 'You are not signed in.';
    case 'signing-in':
      return auth.method === 'interactive'
        ? 'Waiting for you to finish signing in in the browser window that opened…'
        : 'Waiting for you to enter the code below on the Microsoft sign-in page…';
    case 'signed-in':
      return `Signed in as ${auth.account.username}.`;
  }
}

/** Sign in with the browser or a code, see the code, sign out or cancel. */
export function SignInPanel() {
  const styles = useStyles();
  const auth = useSettingsStore((s) => s.auth);
  const view = useSettingsStore((s) => s.view);
  const signIn = useSettingsStore((s) => s.signIn);
  const signOut = useSettingsStore((s) => s.signOut);
  const configured = auth.state !== 'not-configured';
  const available = view?.signInAvailable ?? false;
  const busy = auth.state === 'signing-in';
  return (
    <section className={styles.section} aria-labelledby="sign-in-heading">
      <Text as="h3" id="sign-in-heading" size={500} weight="semibold">
        Sign in
      </Text>
      <div role="status" aria-live="polite" data-testid="auth-status">
        {busy && <Spinner size="tiny" label={describe(auth)} labelPosition="after" />}
        {!busy && <Text>{describe(auth)}</Text>}
      </div>
      {auth.state === 'signed-out' && auth.problem !== undefined && (
        <MessageBar intent="warning">
          <MessageBarBody>{auth.problem}</MessageBarBody>
        </MessageBar>
      )}
      {auth.state === 'signing-in' && auth.deviceCode !== undefined && (
        <>
          <Text>
            Open{' '}
            <Link href={auth.deviceCode.verificationUri} target="_blank" rel="noreferrer">
              {auth.deviceCode.verificationUri}
            </Link>{' '}
            on any computer or phone and enter this code. It expires at{' '}
            {new Date(auth.deviceCode.expiresOn).toLocaleTimeString()}.
          </Text>
          <CopyableText
            label="Code to enter"
            text={auth.deviceCode.userCode}
            rows={1}
            copyLabel="Copy code"
          />
        </>
      )}
      {view !== null && !view.tokenStorage.persisted && configured && (
        <MessageBar intent="info">
          <MessageBarBody>{view.tokenStorage.reason}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          icon={<GlobeRegular />}
          disabled={!configured || !available || busy}
          onClick={() => void signIn('interactive')}
        >
          Sign in with browser
        </Button>
        <Button
          icon={<KeyRegular />}
          disabled={!configured || !available || busy}
          onClick={() => void signIn('device-code')}
        >
          Sign in with a code
        </Button>
        {(busy || auth.state === 'signed-in') && (
          <Button icon={<SignOutRegular />} onClick={() => void signOut()}>
            {busy ? 'Cancel sign-in' : 'Sign out'}
          </Button>
        )}
      </div>
    </section>
  );
}
