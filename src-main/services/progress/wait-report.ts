import { AsyncLocalStorage } from 'node:async_hooks';

/** A pause a service takes on someone else's request: a 429/503 from Microsoft Graph, say. */
export interface WaitNotice {
  /** Who asked us to wait, in the operator's words ("Microsoft Graph"). */
  service: string;
  waitMs: number;
  /** The attempt about to be made after the wait (2 = first retry) and the most there will be. */
  attempt: number;
  maxAttempts: number;
}

type Listener = (notice: WaitNotice) => void;

const current = new AsyncLocalStorage<Listener>();

/**
 * Runs `work` so that any wait a service reports inside it (however deep the call chain) reaches
 * `listener`. The flow engine wraps each step in this, so a throttled Graph call shows on the
 * step that made it — not on a step running beside it — without threading a callback through
 * every collector.
 */
export function reportingWaits<T>(listener: Listener, work: () => Promise<T>): Promise<T> {
  return current.run(listener, work);
}

/** Tells whoever runs the current work about a wait; nobody listening is fine. */
export function reportWait(notice: WaitNotice): void {
  current.getStore()?.(notice);
}

/** "Microsoft Graph asked us to wait: retrying in 5 s (attempt 2 of 5)." */
export function describeWait(notice: WaitNotice): string {
  const seconds = Math.max(1, Math.round(notice.waitMs / 1000));
  return `${notice.service} asked us to wait: retrying in ${seconds} s (attempt ${notice.attempt} of ${notice.maxAttempts}).`;
}
