import {
  eventNames,
  invokeNames,
  ipcContract,
  type EventName,
  type EventPayloadOf,
  type InvokeName,
  type RequestOf,
  type ResponseOf,
} from './contract';
import { resultSchema, type Result } from './result';

/**
 * The typed API the renderer sees: one method per invoke channel, one `onXxx` subscription per
 * event. Nothing generic (no `invoke(channel)`) is ever exposed to page code.
 */
export type EasApi = {
  readonly [K in InvokeName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;
} & {
  readonly [K in EventName]: (listener: (payload: EventPayloadOf<K>) => void) => () => void;
};

/** How an API reaches the main process: Electron IPC in the preload, a WebSocket in the browser host. */
export interface IpcTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the frozen API from the contract over a transport. Responses are checked against the
 * contract on arrival too, so a drifting main process shows up as an error envelope, not as a
 * malformed object deep in the UI.
 */
export function buildApi(transport: IpcTransport): EasApi {
  const api: Record<string, unknown> = {};
  for (const name of invokeNames) {
    const def = ipcContract.invoke[name];
    const envelope = resultSchema(def.response);
    api[name] = async (request: unknown) => {
      try {
        const raw = await transport.invoke(def.channel, request);
        const parsed = envelope.safeParse(raw);
        if (parsed.success) return parsed.data;
        return { ok: false, error: { code: 'INTERNAL', message: `Malformed response on ${def.channel}` } };
      } catch (error) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: describe(error) } };
      }
    };
  }
  for (const name of eventNames) {
    const def = ipcContract.events[name];
    api[name] = (listener: (payload: unknown) => void) =>
      transport.subscribe(def.channel, (payload) => {
        const parsed = def.payload.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      });
  }
  return Object.freeze(api) as EasApi;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
