import { makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useAppStore, useCaseStore } from '../../stores/store-context';
import { ActionDialog } from '../actions/ActionDialog';
import { EvidenceDialog } from '../step/EvidenceDialog';
import { CaseBanner } from './CaseBanner';
import { PlaceView } from './PlaceView';
import { StepList } from './StepList';

const useStyles = makeStyles({
  layout: { display: 'grid', gridTemplateColumns: '280px minmax(0, 1fr)', flexGrow: 1, alignItems: 'start' },
  nav: {
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingVerticalL,
    position: 'sticky',
    top: 0,
    maxHeight: '100vh',
    boxSizing: 'border-box',
    overflowY: 'auto',
  },
  main: { padding: tokens.spacingHorizontalXXL, minWidth: 0 },
});

/** The frame of the wizard: the step list and the current place, plus the shared dialogs. */
export function WizardShell() {
  const styles = useStyles();
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const place = useCaseStore((s) => s.place);
  // Dialogs are mounted only while open: a mounted Fluent Dialog registers Tabster's modalizer,
  // which adds focusable aria-hidden sentinels to <body> that axe reports (aria-hidden-focus).
  const actionOpen = useCaseStore((s) => s.pendingAction !== null);
  const evidenceOpen = useCaseStore((s) => s.evidence !== null);
  const first = useRef(true);
  // Moving between steps moves focus to the new heading, so keyboard and screen-reader users
  // land at the top of what changed instead of on a button that no longer exists.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('step-heading')?.focus();
  }, [place]);
  return (
    <div className={styles.layout}>
      <nav className={styles.nav} aria-label="Troubleshooting steps">
        <StepList />
      </nav>
      <main className={styles.main}>
        {status === 'connecting' && <Spinner label="Connecting to the app…" />}
        {status === 'error' && (
          <MessageBar intent="error">
            <MessageBarBody>
              The app did not answer: {error}. Restart it; if this keeps happening, tell tier 2.
            </MessageBarBody>
          </MessageBar>
        )}
        {status === 'ready' && (
          <>
            <CaseBanner />
            <PlaceView />
          </>
        )}
      </main>
      {actionOpen && <ActionDialog />}
      {evidenceOpen && <EvidenceDialog />}
    </div>
  );
}
