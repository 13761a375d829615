import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, CircleRegular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { useCaseStore, useDevicesStore } from '../../stores/store-context';
import { reasonLabel } from './device-labels';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  path: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  decided: { fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  raw: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', margin: 0 },
});

const CHECK_LABELS: Record<string, string> = {
  'user-blocked-list': "User's blocked list",
  'auto-block': 'Automatic block',
  'user-allowed-list': "User's allowed list",
  external: 'Intune / Entra',
  discovery: 'Device discovery',
  'org-default': 'Organisation default',
};

/** "Why is this phone in this state": Exchange's path, the rule that matched, what to do next. */
export function DeviceWhyPanel() {
  const styles = useStyles();
  const why = useDevicesStore((s) => s.why);
  const explain = useDevicesStore((s) => s.explain);
  const requestDecision = useDevicesStore((s) => s.requestDecision);
  const caseSubject = useDevicesStore((s) => s.caseSubject);
  const setOpen = useDevicesStore((s) => s.setOpen);
  const startCase = useCaseStore((s) => s.startCase);
  const shownKey = why?.key;
  // The panel sits under the table: bring it into view (and focus) when another phone is explained.
  useEffect(() => {
    if (shownKey === undefined) return;
    const heading = document.getElementById('why-heading');
    heading?.scrollIntoView({ block: 'nearest' });
  }, [shownKey]);
  if (why === null) return null;
  const value = why.value;
  const openCase = async () => {
    const subject = await caseSubject(why.key);
    if (subject === null || value === undefined) return;
    setOpen(false);
    await startCase({
      subject: {
        userUpn: subject.userUpn,
        deviceId: subject.deviceId,
        symptom: `Opened from the Devices area: the phone is ${value.row.state} (${reasonLabel(value.row)}).`,
      },
      connection: subject.connection,
    });
  };
  return (
    <section className={styles.panel} aria-labelledby="why-heading" data-testid="why-panel">
      <Text as="h3" id="why-heading" size={400} weight="semibold">
        Why is this phone {value ? value.row.state.toLowerCase() : '…'}?
      </Text>
      {why.status === 'loading' && <Spinner size="tiny" label="Reading the user's lists and the rules…" />}
      {why.status === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{why.error}</MessageBarBody>
        </MessageBar>
      )}
      {value !== undefined && (
        <>
          <Text>
            {value.row.userDisplayName} · {value.row.friendlyName || value.row.deviceModel} · device ID {value.row.deviceId}
          </Text>
          <Text weight="semibold" data-testid="why-summary">{value.summary}</Text>
          <Text>
            <strong>What to do: </strong>
            {value.nextStep}
          </Text>
          <Text size={200}>The order Exchange checks, first match wins:</Text>
          <ol className={styles.path} data-testid="why-path">
            {value.path.map((step, i) => {
              const label = step.check === 'rule' ? `Device access rules: ${step.characteristic ?? ''}` : (CHECK_LABELS[step.check] ?? step.check);
              return (
                <li key={i} className={step.matched ? styles.decided : undefined} data-matched={step.matched}>
                  <span className={styles.step}>
                    {step.matched ? <CheckmarkCircleRegular aria-label="decided here" /> : <CircleRegular aria-label="did not apply" />}
                    <span>
                      {label}: {step.detail}
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
          <details>
            <summary>Raw evidence</summary>
            <pre className={styles.raw}>
              {`Reported by Exchange: ${value.reported.state} / ${value.reported.reason}${value.reported.rule ? ` / ${value.reported.rule}` : ''}
Allowed list: ${value.lists.allowed.join(', ') || '(empty)'}
Blocked list: ${value.lists.blocked.join(', ') || '(empty)'}
Organisation default: ${value.defaultAccessLevel}
Rules:
${value.rules.map((r) => `  ${r.name}: ${r.characteristic} = "${r.queryString}" → ${r.accessLevel}`).join('\n') || '  (none)'}`}
            </pre>
          </details>
          <div className={styles.actions}>
            {value.row.state !== 'Allowed' && (
              <Button appearance="primary" onClick={() => void requestDecision([value.row.key], 'approve')}>
                Approve this phone…
              </Button>
            )}
            {value.row.state !== 'Blocked' && <Button onClick={() => void requestDecision([value.row.key], 'deny')}>Deny this phone…</Button>}
            <Button onClick={() => void openCase()}>Open a wizard case for this phone</Button>
            <Button appearance="subtle" onClick={() => void explain(null)}>
              Close
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
