import { useCaseStore } from '../../stores/store-context';
import { DebugLoggingPanel } from '../debug-logging/DebugLoggingPanel';
import { AddEvidence } from '../evidence/AddEvidence';
import { LogsPanel } from '../logs/LogsPanel';
import { DevicePanel } from '../mailbox/DevicePanel';
import { StartScreen } from '../start/StartScreen';
import { ConnectPanel } from '../step/ConnectPanel';
import { StepFrame } from '../step/StepFrame';
import { SummaryPanel } from '../summary/SummaryPanel';

/** The current place's view: the start screen, or a step with its own panel below the shared frame. */
export function PlaceView() {
  const place = useCaseStore((s) => s.place);
  const hasCase = useCaseStore((s) => s.view !== null);
  if (place === 'start' || !hasCase) return <StartScreen />;
  switch (place) {
    case 'connect':
      return (
        <StepFrame stepId="connect">
          <ConnectPanel />
        </StepFrame>
      );
    case 'mailbox':
      return (
        <StepFrame stepId="mailbox">
          <DevicePanel />
        </StepFrame>
      );
    case 'debug-logging':
      return (
        <StepFrame stepId="debug-logging">
          <DebugLoggingPanel />
        </StepFrame>
      );
    case 'logs':
      return (
        <StepFrame stepId="logs">
          <AddEvidence />
          <LogsPanel />
        </StepFrame>
      );
    case 'summary':
      return (
        <StepFrame stepId="summary">
          <SummaryPanel />
          <AddEvidence />
        </StepFrame>
      );
    default:
      return <StepFrame stepId={place} />;
  }
}
