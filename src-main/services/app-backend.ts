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
import { CaseLibrary } from './flow/case-library';
import { CaseSessions } from './flow/case-sessions';
import { FlowEngine } from './flow/flow-engine';
import type { HostLauncher } from './powershell/host-process';
import type { DiscoveryOptions } from './powershell/executable-discovery';
import { PowerShellInstalls } from './powershell/powershell-installs';
import type { FilePicker } from './file-picker';
import type { TenantEndpoints, TenantPorts } from './flow/connections/tenant-connection-real';
import { TenantAccess } from './settings/tenant-access';
import { wallClockNow } from './clock/wall-clock';
import { DevicesAudit } from './devices/devices-audit';
import { DevicesService } from './devices/devices-service';
import { EvidenceInputError } from './evidence-import/evidence-errors';
import type { EvidenceFilePicker } from './evidence-import/evidence-picker';
import { fileSource, type EvidenceSource } from './evidence-import/evidence-units';
import { UploadStaging } from './evidence-import/upload-staging';
import type { EvidenceSourceRequest } from '../shared/ipc/contract';

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
  /** The desktop app's native file dialog for evidence; the browser host has none (it takes uploads). */
  evidencePicker?: EvidenceFilePicker;
}

export interface AppBackend {
  handlers: IpcHandlers;
  events: EventHub;
  /** The wizard: runs a case's steps and actions. */
  engine: FlowEngine;
  /** Saved cases: open, export, re-analyse, import, evidence and log pages. */
  library: CaseLibrary;
  /** The case store both save into. */
  store: CaseStore;
  /** The Devices area (tenant-wide listing, quarantine queue). */
  devices: DevicesService;
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
    onWarning: (message) => events.emit('onBackendNotice', { level: 'warning', message, at: wallClockNow().toISOString() }),
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
    if (connection.kind === 'offline') {
      throw new AppError('UNAVAILABLE', 'This case was started from files and has no tenant to connect to. Start a new case for the user to run the tenant checks.');
    }
    if (options.openTenant !== undefined) return options.openTenant(connection.tenant);
    return tenantAccess.openTenant(connection.tenant);
  };
  const devices = new DevicesService({
    openConnection,
    audit: new DevicesAudit(paths.dataDir),
    exportsDir: path.join(paths.dataDir, 'exports'),
    onStatus: (status) => events.emit('onDevicesStatus', status),
  });
  const sessions = new CaseSessions(store, events);
  const engine = new FlowEngine({ sessions, events, openConnection, analysisEngineVersion: ANALYSIS_ENGINE_VERSION });
  const library = new CaseLibrary({
    sessions,
    exportsDir: path.join(paths.dataDir, 'exports'),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
    appVersion: options.version,
    analysisEngineVersion: ANALYSIS_ENGINE_VERSION,
    wizard: engine,
  });

  const evidenceUploads = new UploadStaging();
  /** The files a request names: chosen in the native dialog (undefined when cancelled) or uploaded before. */
  const evidenceSources = async (source: EvidenceSourceRequest): Promise<EvidenceSource[] | undefined> => {
    if (source.kind === 'uploads') return evidenceUploads.take(source.uploadIds);
    if (options.evidencePicker === undefined) throw new AppError('UNAVAILABLE', 'This window cannot open a file dialog; drop the files here or choose them with the upload button.');
    const paths = await options.evidencePicker.pickFiles();
    return paths === undefined || paths.length === 0 ? undefined : paths.map(fileSource);
  };
  /** Bad files are the operator's input: their message names the file and what it is not. */
  const asInvalid = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof EvidenceInputError) throw new AppError('INVALID_REQUEST', error.message);
      throw error;
    }
  };
  /** A refused bundle is bad input, said in the refusal's own words, not an internal error. */
  const importRefusingPlainly = async (file: string) => {
    try {
      return await library.importBundle(file);
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
      listScenarios({ scenariosDir: paths.scenariosDir }).map((s) => ({ id: s.id, title: s.title, story: s.story, details: s.details })),
    startCase: ({ subject, connection }) => engine.startCase(subject, connection),
    getCase: async ({ caseId }) => engine.getCase(caseId),
    runStep: ({ caseId, stepId }) => engine.runStep(caseId, stepId),
    cancelStep: async ({ caseId, stepId }) => engine.cancelStep(caseId, stepId),
    selectDevice: ({ caseId, deviceId }) => engine.selectDevice(caseId, deviceId),
    previewAction: async ({ caseId, action }) => engine.previewAction(caseId, action),
    runAction: ({ caseId, action }) => engine.runAction(caseId, action),
    queryLogEntries: async ({ caseId, ...query }) => library.queryLogEntries(caseId, query),
    getLogEntry: async ({ caseId, seq }) => library.getLogEntry(caseId, seq),
    getEvidence: ({ caseId, evidenceId }) => library.getEvidence(caseId, evidenceId),
    listCases: ({ query }) => library.listCases(query),
    openCase: ({ caseId }) => library.openCase(caseId),
    deleteCase: async ({ caseId }) => {
      await library.deleteCase(caseId);
      return { deleted: true };
    },
    exportCase: ({ caseId, redact }) => library.exportCase(caseId, redact),
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
    exportReportPdf: ({ caseId }) => library.exportReportPdf(caseId),
    reanalyseCase: async ({ caseId }) => {
      const { engineVersion, previousEngineVersion, diff } = await library.reanalyse(caseId);
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
    stageEvidence: async ({ uploadId, name, chunkBase64 }) => asInvalid(async () => evidenceUploads.stage(uploadId, name, Buffer.from(chunkBase64, 'base64'))),
    addEvidence: ({ caseId, source }) =>
      asInvalid(async () => {
        const sources = await evidenceSources(source);
        if (sources === undefined) return { view: engine.getCase(caseId), added: [] };
        const { view, added } = await engine.addEvidence(caseId, sources);
        return { view, added: added.map((a) => ({ name: a.unitName, kind: a.kind, requests: a.entries })) };
      }),
    startCaseFromFiles: ({ subject, source }) =>
      asInvalid(async () => {
        const sources = await evidenceSources(source);
        return sources === undefined ? null : engine.startCaseFromFiles(subject, sources);
      }),
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
    testConnection: async () => ({ lines: await tenantAccess.testConnection() }),
    loadDevices: ({ connection }) => devices.load(connection),
    cancelDevicesLoad: async () => devices.cancel(),
    getDevicesStatus: async () => devices.status(),
    queryDevices: async (query) => devices.query(query),
    loadDeviceStatistics: ({ keys }) => devices.statistics(keys),
    explainDevice: ({ key }) => devices.why(key),
    whatIfDevices: async ({ change }) => devices.whatIf(change),
    previewDeviceDecision: ({ keys, decision }) => devices.previewDecision(keys, decision),
    decideDevices: ({ keys, decision }) => devices.decide(keys, decision),
    exportDevicesCsv: (query) => devices.exportCsv(query),
    listDevicesAudit: () => devices.auditEntries(),
    deviceCaseSubject: ({ key }) => devices.caseSubjectFor(key),
  };
  const dispose = async () => {
    await Promise.allSettled([engine.dispose(), tenantAccess.dispose(), devices.close()]);
  };
  return { handlers, events, engine, library, store, devices, uploads, dispose };
}
