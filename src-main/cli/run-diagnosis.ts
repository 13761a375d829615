import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/ipc/result';
import type { CaseView } from '../shared/models/wizard';
import { createAppBackend, type AppBackend } from '../services/app-backend';
import { resolveAppPaths } from '../services/app-paths';
import { UsageError } from './command';
import { makeTempFolder, removeTempFolder } from './temp-folders';
import { isScenarioPath } from '../services/demo/scenario/scenario-files';

declare const __APP_VERSION__: string;

export interface DiagnosisRequest {
  scenario: string;
  user: string;
  device?: string;
  /** Keep the case here instead of a temporary folder. */
  dataDir?: string;
  latency?: 'instant' | 'demo' | 'realistic';
}

export interface DiagnosisRun {
  view: CaseView;
  backend: AppBackend;
  caseFolder: string;
  /** Stops the demo tenant and removes the temporary case folder (if this run made one). */
  dispose(): Promise<void>;
}

const upn = z.email('The user must be an email address (UPN), e.g. alex@contoso.com.');

/**
 * Runs the whole wizard flow headlessly against the demo tenant, through the same flow engine,
 * simulated shell child process and Graph simulator as the app. The caller disposes the backend.
 */
export async function runDiagnosis(request: DiagnosisRequest): Promise<DiagnosisRun> {
  const user = upn.safeParse(request.user);
  if (!user.success) throw new UsageError(user.error.issues[0]?.message ?? 'Invalid --user.');
  if (isScenarioPath(request.scenario)) checkScenarioFile(request.scenario);
  const tempDir = request.dataDir === undefined ? makeTempFolder('eas-diagnose-') : undefined;
  const dataDir = request.dataDir ?? tempDir!;
  const backend = createAppBackend({
    runtime: 'browser-host',
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
    platform: process.platform,
    paths: resolveAppPaths({ outDir: path.join(__dirname, '..'), dataDir }),
    demoLatency: request.latency ?? 'instant',
    allowScenarioPaths: true,
  });
  const dispose = async (): Promise<void> => {
    try {
      await backend.dispose();
    } finally {
      if (tempDir !== undefined) removeTempFolder(tempDir);
    }
  };
  let started: CaseView;
  try {
    started = await backend.engine.startCase(
      { userUpn: user.data, ...(request.device ? { deviceId: request.device } : {}), symptom: 'Diagnosed from the command line' },
      { kind: 'demo', scenario: request.scenario },
    );
  } catch (error) {
    await dispose();
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new UsageError(error.message);
    throw error;
  }
  await backend.engine.settled(started.caseId);
  const view = backend.engine.getCase(started.caseId);
  const connect = view.steps.find((s) => s.id === 'connect');
  if (connect?.status === 'failed' && /scenario/i.test(connect.error?.message ?? '')) {
    await dispose();
    throw new UsageError(connect.error?.message ?? 'The scenario could not be loaded.');
  }
  return { view, backend, caseFolder: path.join(dataDir, 'cases', view.caseId), dispose };
}

/** A scenario path must name a file or folder the file system can open; anything else is bad input. */
function checkScenarioFile(scenarioPath: string): void {
  try {
    statSync(path.resolve(scenarioPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = scenarioPath.length > 100 ? `${scenarioPath.slice(0, 60)}…${scenarioPath.slice(-30)}` : scenarioPath;
    const why = code === 'ENAMETOOLONG' ? 'the path is longer than the file system allows' : code === 'EACCES' ? 'it cannot be read' : 'there is no such file or folder';
    throw new UsageError(`No scenario at ${shown}: ${why}.`);
  }
}
