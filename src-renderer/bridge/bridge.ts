import { buildApi, type EasApi } from '../../src-main/shared/ipc/api';
import { createHostTransport } from './host-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI runs in a browser against the browser host. */
    readonly easApi?: EasApi;
  }
}

/** The only place the renderer picks its way to the main process. */
export function connectBridge(): EasApi {
  return window.easApi ?? buildApi(createHostTransport(window.location));
}
