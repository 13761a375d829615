import { caseTimeAt } from '../logic/time';
import { useCaseStore } from '../stores/store-context';
import { useNow } from './useNow';

/** The open case's own "now" (see caseTimeAt), refreshed every `intervalMs` while `active`. */
export function useCaseNow(active: boolean, intervalMs = 1000): number | undefined {
  const clock = useCaseStore((s) => s.view?.clock);
  const receivedAt = useCaseStore((s) => s.viewReceivedAt);
  const wallNow = useNow(active, intervalMs);
  return clock === undefined ? undefined : caseTimeAt(clock, receivedAt, Math.max(wallNow, receivedAt));
}
