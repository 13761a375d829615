import type { IpcHandlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import type { AppInfo } from '../shared/ipc/contract';

export interface AppBackendOptions {
  runtime: AppInfo['runtime'];
  version: string;
  platform: string;
}

export interface AppBackend {
  handlers: IpcHandlers;
  events: EventHub;
}

/**
 * Composition root for everything behind the IPC contract. Electron's main process and the
 * browser host both build exactly this, so the two runtimes cannot drift apart.
 */
export function createAppBackend(options: AppBackendOptions): AppBackend {
  const events = new EventHub((name, error) => {
    console.error(`[events] dropped invalid payload for ${name}:`, error);
  });
  const handlers: IpcHandlers = {
    getAppInfo: async () => ({
      productName: 'ActiveSync Troubleshooter',
      version: options.version,
      runtime: options.runtime,
      platform: options.platform,
    }),
  };
  return { handlers, events };
}
