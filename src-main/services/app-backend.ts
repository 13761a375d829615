import type { IpcHandlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import type { AppInfo } from '../shared/ipc/contract';
import { AppError } from '../shared/ipc/result';

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
    ...wizardHandlersPendingFlowEngine(),
  };
  return { handlers, events };
}

// Replaced by the flow engine's handlers as it lands; until then every wizard call answers plainly.
function wizardHandlersPendingFlowEngine(): Omit<IpcHandlers, 'getAppInfo'> {
  const pending = async (): Promise<never> => {
    throw new AppError('UNAVAILABLE', 'This part of the wizard is not available yet.');
  };
  return {
    listScenarios: pending,
    startCase: pending,
    getCase: pending,
    runStep: pending,
    cancelStep: pending,
    selectDevice: pending,
    previewAction: pending,
    runAction: pending,
    queryLogEntries: pending,
    getLogEntry: pending,
    getEvidence: pending,
    listCases: pending,
    openCase: pending,
    deleteCase: pending,
    exportCase: pending,
    importBundle: pending,
  };
}
