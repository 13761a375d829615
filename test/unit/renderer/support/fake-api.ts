import type { EasApi } from '../../../../src-main/shared/ipc/api';
import {
  eventNames,
  invokeNames,
  type EventName,
  type EventPayloadOf,
  type InvokeName,
  type RequestOf,
  type ResponseOf,
} from '../../../../src-main/shared/ipc/contract';
import type { Result } from '../../../../src-main/shared/ipc/result';

type Handlers = {
  [K in InvokeName]?: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>> | Result<ResponseOf<K>>;
};

/**
 * An EasApi with the contract's exact shape whose answers the test chooses: Electron and the
 * browser host cannot run inside a Node unit test, the renderer stores only see this interface.
 * Every call is recorded; unhandled channels answer UNAVAILABLE like the real pending backend.
 */
export function createFakeApi(handlers: Handlers = {}) {
  const calls: Array<{ name: InvokeName; request: unknown }> = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of invokeNames) {
    api[name] = async (request: unknown) => {
      calls.push({ name, request });
      const handler = handlers[name] as ((r: unknown) => unknown) | undefined;
      if (handler === undefined)
        return { ok: false, error: { code: 'UNAVAILABLE', message: `${name} not faked.` } };
      return handler(request);
    };
  }
  for (const name of eventNames) {
    api[name] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    };
  }
  return {
    api: api as EasApi,
    calls,
    callsOf: <K extends InvokeName>(name: K) =>
      calls.filter((c) => c.name === name).map((c) => c.request as RequestOf<K>),
    emit<K extends EventName>(name: K, payload: EventPayloadOf<K>): void {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (
  code: 'UNAVAILABLE' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'CANCELLED' | 'INTERNAL',
  message: string,
) => ({ ok: false, error: { code, message } }) as const;

/** A promise the test resolves when it wants, to put replies out of order. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
