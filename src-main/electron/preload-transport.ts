import type { IpcTransport } from '../shared/ipc/api';
import { eventChannels, invokeChannels } from '../shared/ipc/contract';

/** The slice of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * Wraps ipcRenderer for the API builder. It refuses channels outside the contract even though
 * the builder only ever asks for contract channels: a second lock on the same door. The
 * IpcRendererEvent is dropped so page code never touches it.
 */
export function createIpcRendererTransport(ipcRenderer: IpcRendererLike): IpcTransport {
  return {
    invoke(channel, request) {
      if (!invokeChannels.includes(channel)) return Promise.reject(new Error(`Channel not allowed: ${channel}`));
      return ipcRenderer.invoke(channel, request);
    },
    subscribe(channel, listener) {
      if (!eventChannels.includes(channel)) throw new Error(`Event not allowed: ${channel}`);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  };
}
