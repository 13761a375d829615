import { Badge, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ActionClosure } from '../../../src-main/shared/models/action-closure';
import { formatClockTime, userMessageText } from '../../logic/user-message';
import { useCaseStore } from '../../stores/store-context';
import { CopyableText } from '../common/CopyableText';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** What a change was, for a closure no finding asked for; an action this version does not know is "Your change". */
const DONE: Record<string, string> = {
  'allow-device': 'The phone was allowed',
  'block-device': 'The phone was blocked',
  'unblock-device': 'The phone was unblocked',
  'enable-activesync': 'ActiveSync was turned on',
  'enable-debug-logging': 'Debug logging was turned on',
  'disable-debug-logging': 'Debug logging was turned off',
};

/**
 * The summary's Resolved group: after each change the app made, what it fixed ("Fixed: the phone
 * is no longer quarantined — read back from Exchange at 10:42"), what is still found and why, and
 * the message to send the user. Times are the case clock's, shown in the operator's locale and zone.
 */
export function ResolvedGroup() {
  const styles = useStyles();
  // The stored array itself (a fresh [] per call would re-render forever).
  const closures = useCaseStore((s) => s.view?.closures);
  if (closures === undefined || closures.length === 0) return null;
  // Newest first: the last change is what the operator just did.
  const shown = [...closures].reverse();
  return (
    <section className={styles.group} aria-labelledby="resolved-title" data-testid="resolved">
      <Text as="h3" id="resolved-title" size={500} weight="semibold">
        Resolved
      </Text>
      <ul className={styles.list}>
        {shown.map((closure, i) => (
          <li key={`${closure.at}-${i}`}>
            <ClosureCard closure={closure} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ClosureCard({ closure }: { closure: ActionClosure }) {
  const styles = useStyles();
  const when = formatClockTime(closure.at);
  const readBackAt = `read back from Exchange at ${when}`;
  return (
    <Card className={styles.card} data-testid="closure" data-result={closure.result} data-action={closure.action}>
      <div>
        <Badge appearance="filled" color={closure.result === 'fixed' ? 'success' : closure.result === 'not-yet' ? 'warning' : 'informative'}>
          {closure.result === 'fixed' ? 'Fixed' : closure.result === 'not-yet' ? 'Not yet' : 'Done'}
        </Badge>
      </div>
      <ul className={styles.lines}>
        {closure.result === 'done' && (
          <li>
            <Text>
              {DONE[closure.action] ?? 'Your change was made'} — {readBackAt}
              {closure.readBack.length > 0 ? `: ${closure.readBack.map((v) => `${v.label} ${v.before} → ${v.after}`).join('; ')}.` : '.'}
            </Text>
          </li>
        )}
        {closure.fixed.map((f) => (
          <li key={`fixed-${f.code}-${f.deviceId ?? ''}`} data-testid="closure-fixed">
            <Text>
              <Text weight="semibold">Fixed:</Text> {f.words} — {readBackAt}.
            </Text>
          </li>
        ))}
        {closure.remaining.map((f) => (
          <li key={`still-${f.code}-${f.deviceId ?? ''}`} data-testid="closure-still">
            <Text>{f.words}</Text>
          </li>
        ))}
      </ul>
      {closure.userMessage !== undefined && closure.userMessage.length > 0 && (
        <CopyableText
          label="Message for the user (send it now)"
          text={userMessageText(closure.userMessage, { changedAt: closure.at })}
          rows={4}
          copyLabel="Copy the message"
        />
      )}
    </Card>
  );
}
