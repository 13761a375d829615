import path from 'node:path';
import type { IpcHandlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import type { AppInfo } from '../shared/ipc/contract';
import { AppError } from '../shared/ipc/result';
import type { CaseConnection } from '../shared/models/case';
import { CaseStore } from './cases/case-store';
import { isScenarioPath } from './demo/scenario/scenario-files';
import { listScenarios } from './demo/scenario/scenario-loader';
import { openDemoConnection } from './flow/connections/demo-connection';
import type { TenantConnection } from './flow/connections/tenant-connection';
import { FlowEngine } from './flow/flow-engine';

export interface AppPaths {
  /** Where cases and exports live (Electron's userData in the app; a temp folder in tests). */
  dataDir: string;
  /** The built-in demo scenarios (assets/scenarios, or the packaged resources copy). */
  scenariosDir: string;
  /** The bundled simulated Exchange shell (out/demo-shell/demo-shell.cjs). */
  demoShellPath: string;
}

export interface AppBackendOptions {
  runtime: AppInfo['runtime'];
  version: string;
  platform: string;
  paths: AppPaths;
  /** Runs the simulated shell; Electron passes its own binary (ELECTRON_RUN_AS_NODE). */
  nodeExecutable?: string;
  /** Overrides every demo scenario's latency profile (tests use "instant"). */
  demoLatency?: 'instant' | 'demo' | 'realistic';
  /** Lets a demo case name a scenario file or folder by path (the CLI's --scenario <file>); never from the UI. */
  allowScenarioPaths?: boolean;
  /** Real-tenant connections, when the app registration is set up; absent means demo only. */
  openTenant?: (tenant: string) => Promise<TenantConnection>;
}

export interface AppBackend {
  handlers: IpcHandlers;
  events: EventHub;
  engine: FlowEngine;
  dispose(): Promise<void>;
}

/** Version of the analysis engine recorded in each case, so re-analysis can say what changed. */
export const ANALYSIS_ENGINE_VERSION = '1';

/**
 * Composition root for everything behind the IPC contract. Electron's main process, the browser
 * host and the CLI all build exactly this, so the runtimes cannot drift apart.
 */
export function createAppBackend(options: AppBackendOptions): AppBackend {
  const events = new EventHub((name, error) => {
    console.error(`[events] dropped invalid payload for ${name}:`, error);
  });
  const { paths } = options;
  const store = new CaseStore(path.join(paths.dataDir, 'cases'));
  const openConnection = async (connection: CaseConnection): Promise<TenantConnection> => {
    if (connection.kind === 'demo') {
      const byPath = options.allowScenarioPaths === true && isScenarioPath(connection.scenario);
      if (!byPath && !listScenarios({ scenariosDir: paths.scenariosDir }).some((s) => s.id === connection.scenario)) {
        throw new AppError('NOT_FOUND', `There is no demo scenario called "${connection.scenario}".`);
      }
      return openDemoConnection({
        scenario: connection.scenario,
        scenariosDir: paths.scenariosDir,
        demoShellPath: paths.demoShellPath,
        ...(options.demoLatency ? { latency: options.demoLatency } : {}),
        ...(options.nodeExecutable ? { nodeExecutable: options.nodeExecutable } : {}),
      });
    }
    if (options.openTenant === undefined) {
      throw new AppError(
        'UNAVAILABLE',
        'Connecting to a real tenant needs the app registration to be set up first (client id and tenant in the settings). Use the demo tenant meanwhile.',
      );
    }
    return options.openTenant(connection.tenant);
  };
  const engine = new FlowEngine({
    store,
    events,
    openConnection,
    exportsDir: path.join(paths.dataDir, 'exports'),
    appVersion: options.version,
    analysisEngineVersion: ANALYSIS_ENGINE_VERSION,
  });

  const handlers: IpcHandlers = {
    getAppInfo: async () => ({
      productName: 'ActiveSync Troubleshooter',
      version: options.version,
      runtime: options.runtime,
      platform: options.platform,
    }),
    listScenarios: async () =>
      listScenarios({ scenariosDir: paths.scenariosDir }).map((s) => ({ id: s.id, title: s.title, story: s.story })),
    startCase: ({ subject, connection }) => engine.startCase(subject, connection),
    getCase: async ({ caseId }) => engine.getCase(caseId),
    runStep: ({ caseId, stepId }) => engine.runStep(caseId, stepId),
    cancelStep: async ({ caseId, stepId }) => engine.cancelStep(caseId, stepId),
    selectDevice: ({ caseId, deviceId }) => engine.selectDevice(caseId, deviceId),
    previewAction: async ({ caseId, action }) => engine.previewAction(caseId, action),
    runAction: ({ caseId, action }) => engine.runAction(caseId, action),
    queryLogEntries: async ({ caseId, ...query }) => engine.queryLogEntries(caseId, query),
    getLogEntry: async ({ caseId, seq }) => engine.getLogEntry(caseId, seq),
    getEvidence: ({ caseId, evidenceId }) => engine.getEvidence(caseId, evidenceId),
    listCases: ({ query }) => engine.listCases(query),
    openCase: ({ caseId }) => engine.openCase(caseId),
    deleteCase: async ({ caseId }) => {
      await engine.deleteCase(caseId);
      return { deleted: true };
    },
    exportCase: ({ caseId, redact }) => engine.exportCase(caseId, redact),
    importBundle: ({ filePath }) => engine.importBundle(filePath),
  };
  return { handlers, events, engine, dispose: () => engine.dispose() };
}
