import {
  invokeNames,
  ipcContract,
  type InvokeName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../shared/ipc/contract';
import { AppError, fail, ok, type Result } from '../shared/ipc/result';

/** The backend's implementation of every invoke channel; a missing one is a compile error. */
export type IpcHandlers = {
  [K in InvokeName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

export interface Dispatcher {
  /** Every channel this dispatcher answers: exactly the contract's invoke channels. */
  readonly channels: readonly string[];
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
}

export interface DispatcherOptions {
  /** Where unexpected failures are reported; the renderer only ever sees a short message. */
  onInternalError?: (channel: string, error: unknown) => void;
}

const byChannel = new Map<string, InvokeName>(invokeNames.map((name) => [ipcContract.invoke[name].channel, name]));

/**
 * The one place where a request from the renderer meets a service: the channel must be in the
 * contract, the payload must parse, and whatever happens the caller gets a result envelope.
 * Electron's registration helper and the browser host both sit on top of this.
 */
export function createDispatcher(handlers: IpcHandlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    channels: invokeNames.map((name) => ipcContract.invoke[name].channel),
    async dispatch(channel, payload) {
      const name = byChannel.get(channel);
      if (name === undefined) return fail('UNKNOWN_CHANNEL', `No such channel: ${String(channel).slice(0, 80)}`);
      const def = ipcContract.invoke[name];
      const parsed = def.request.safeParse(payload ?? {});
      if (!parsed.success) {
        return fail('INVALID_REQUEST', `Invalid request on ${channel}: ${summarizeIssues(parsed.error.issues)}`);
      }
      try {
        const handler = handlers[name] as (request: unknown) => Promise<unknown>;
        const value = await handler(parsed.data);
        const checked = def.response.safeParse(value);
        if (!checked.success) {
          options.onInternalError?.(channel, checked.error);
          return fail('INTERNAL', `The app produced an invalid response on ${channel}.`);
        }
        return ok(checked.data);
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message);
        // The details (paths, errno, stack) go to the log only; the screen gets a plain sentence.
        options.onInternalError?.(channel, error);
        return fail('INTERNAL', 'Something went wrong inside the app while doing this. Try again; if it keeps happening, restart the app.');
      }
    },
  };
}

function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
