import path from 'node:path';
import type { IpcHandlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import type { AppInfo } from '../shared/ipc/contract';
import { AppError } from '../shared/ipc/result';
import type { CaseConnection } from '../shared/models/case';
import type { Finding } from '../shared/models/finding';
import { CaseStore } from './cases/case-store';
import { UploadInbox } from './cases/upload-inbox';
import { BundleRefusedError } from './cases/bundle/bundle-errors';
import type { PdfPrinter } from './cases/report/report-pdf';
import { isScenarioPath } from './demo/scenario/scenario-files';
import { listScenarios, ScenarioError } from './demo/scenario/scenario-loader';
import { openDemoConnection } from './flow/connections/demo-connection';
import type { TenantConnection } from './flow/connections/tenant-connection';
import { FlowEngine } from './flow/flow-engine';
import type { HostLauncher } from './powershell/host-process';
import type { DiscoveryOptions } from './powershell/executable-discovery';
import { PowerShellInstalls } from './powershell/powershell-installs';
import type { FilePicker } from './file-picker';
import type { TenantEndpoints, TenantPorts } from './flow/connections/tenant-connection-real';
import { TenantAccess } from './settings/tenant-access';

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
  /** Starts the simulated shell; Electron passes a utility-process launcher, others spawn Node. */
  demoShellLauncher?: HostLauncher;
  /** Overrides every demo scenario's latency profile (tests use "instant"). */
  demoLatency?: 'instant' | 'demo' | 'realistic';
  /** Lets a demo case name a scenario file or folder by path (the CLI's --scenario <file>); never from the UI. */
  allowScenarioPaths?: boolean;
  /** Main's own "open file" dialog (Electron); absent where there is none (browser host, CLI). */
  filePicker?: FilePicker;
  /** Where PowerShell is looked for (tests point it at fake installs). */
  powershellDiscovery?: Omit<DiscoveryOptions, 'setting'>;
  /** Report-to-PDF printer; the desktop app passes Electron's (printToPDF), other runtimes have none. */
  pdfPrinter?: PdfPrinter;
  /** Overrides how a real-tenant case connects (tests); by default the settings and `tenant` decide. */
  openTenant?: (tenant: string) => Promise<TenantConnection>;
  /**
   * What the runtime offers for real-tenant sign-in (fetch, browser opener, secure storage, host
   * script folder). Absent (CLI): settings can be read and saved, but nothing signs in.
   */
  tenant?: { ports: TenantPorts; endpoints?: TenantEndpoints; shellEnv?: Record<string, string> };
}

export interface AppBackend {
  handlers: IpcHandlers;
  events: EventHub;
  engine: FlowEngine;
  /** The case library the engine saves into. */
  store: CaseStore;
  /** Bundles uploaded through the browser host, waiting for `cases:import`. */
  uploads: UploadInbox;
  dispose(): Promise<void>;
}

const NO_DIALOG_HERE =
  'Only the desktop app can show a file dialog. In the browser version, the app finds PowerShell 7 on the PATH or as the .NET global tool; install it there, or use the desktop app to choose another one.';

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
  const uploads = new UploadInbox(path.join(paths.dataDir, 'uploads'));
  // What a crash left in the library (half-written temp files, unfinished imports) goes first.
  void store.sweepLeftovers().catch((error: unknown) => console.error('[cases] sweeping leftovers failed:', error));
  // eslint-disable-next-line prefer-const -- assigned below; the installs list reads it lazily
  let tenantAccess: TenantAccess;
  const powershellInstalls = new PowerShellInstalls({
    ...(options.powershellDiscovery ? { discovery: options.powershellDiscovery } : {}),
    saved: async () => (await tenantAccess.getSettings()).settings?.powershellPath,
  });
  tenantAccess = new TenantAccess({
    dataDir: paths.dataDir,
    powershellInstalls,
    ...options.tenant,
    onAuthStatus: (status) => events.emit('onAuthStatus', status),
    onWarning: (message) => events.emit('onBackendNotice', { level: 'warning', message, at: new Date().toISOString() }),
  });
  const openConnection = async (connection: CaseConnection): Promise<TenantConnection> => {
    if (connection.kind === 'demo') {
      // Only the CLI may name a scenario by path; from the UI a name with a separator is refused.
      if (options.allowScenarioPaths !== true && isScenarioPath(connection.scenario)) {
        throw new AppError('NOT_FOUND', `There is no demo scenario called "${connection.scenario}".`);
      }
      try {
        return await openDemoConnection({
          scenario: connection.scenario,
          scenariosDir: paths.scenariosDir,
          demoShellPath: paths.demoShellPath,
          ...(options.demoLatency ? { latency: options.demoLatency } : {}),
          ...(options.demoShellLauncher ? { launcher: options.demoShellLauncher } : {}),
        });
      } catch (error) {
        // The loader's own words say what is wrong: an unknown name, or which field is invalid.
        if (error instanceof ScenarioError) throw new AppError('NOT_FOUND', error.message);
        throw error;
      }
    }
    if (options.openTenant !== undefined) return options.openTenant(connection.tenant);
    return tenantAccess.openTenant(connection.tenant);
  };
  const engine = new FlowEngine({
    store,
    events,
    openConnection,
    exportsDir: path.join(paths.dataDir, 'exports'),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
    appVersion: options.version,
    analysisEngineVersion: ANALYSIS_ENGINE_VERSION,
  });

  /** A refused bundle is bad input, said in the refusal's own words, not an internal error. */
  const importRefusingPlainly = async (file: string) => {
    try {
      return await engine.importBundle(file);
    } catch (error) {
      if (error instanceof BundleRefusedError) throw new AppError('INVALID_REQUEST', error.message);
      throw error;
    }
  };

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
    importBundle: async (request) => {
      if (request.source === 'upload') {
        const upload = uploads.take(request.uploadId);
        try {
          return await importRefusingPlainly(upload.file);
        } finally {
          await upload.discard();
        }
      }
      if (options.filePicker === undefined) throw new AppError('UNAVAILABLE', NO_DIALOG_HERE);
      const file = await options.filePicker.pickFile('bundle');
      if (file === null) throw new AppError('CANCELLED', 'No bundle was chosen.');
      return importRefusingPlainly(file);
    },
    exportReportPdf: ({ caseId }) => engine.exportReportPdf(caseId),
    reanalyseCase: async ({ caseId }) => {
      const { engineVersion, previousEngineVersion, diff } = await engine.reanalyse(caseId);
      const ref = (f: Finding) => ({ code: f.code, title: f.title, severity: f.severity, ...(f.deviceId ? { deviceId: f.deviceId } : {}) });
      return {
        engineVersion,
        previousEngineVersion,
        added: diff.added.map(ref),
        removed: diff.removed.map(ref),
        changed: diff.changed.map((c) => ({ ...ref(c.after), fields: c.fields })),
        unchangedCount: diff.unchanged.length,
      };
    },
    getSettings: () => tenantAccess.getSettings(),
    saveSettings: (draft) => tenantAccess.saveSettings(draft),
    getSetupRequirements: () => tenantAccess.requirements(),
    listPowerShellInstalls: async () => ({ installs: await powershellInstalls.list() }),
    choosePowerShellInstall: async () => {
      if (options.filePicker === undefined) throw new AppError('UNAVAILABLE', NO_DIALOG_HERE);
      const file = await options.filePicker.pickFile('powershell');
      return { install: file === null ? null : await powershellInstalls.adopt(file) };
    },
    getAuthStatus: () => tenantAccess.authStatus(),
    signIn: ({ method }) => tenantAccess.beginSignIn(method),
    signOut: () => tenantAccess.signOut(),
  };
  const dispose = async () => {
    await Promise.allSettled([engine.dispose(), tenantAccess.dispose()]);
  };
  return { handlers, events, engine, store, uploads, dispose };
}
