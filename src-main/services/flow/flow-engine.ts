import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EventHub } from '../../ipc/event-hub';
import type { CaseConnection, CaseDocument, CaseSubject } from '../../shared/models/case';
import { AppError } from '../../shared/ipc/result';
import type { ActionPreview, CaseSummary, CaseView, LogEntryDetail, LogEntryRow, WizardAction, WizardStepId } from '../../shared/models/wizard';
import { exportCaseBundle } from '../cases/bundle/bundle-writer';
import { importCaseBundle } from '../cases/bundle/bundle-import';
import { reanalyseCase, type ReanalysisResult } from '../cases/reanalyse/reanalyse-case';
import { writeCaseReportPdf, type PdfPrinter } from '../cases/report/report-pdf';
import { evidenceFilePath } from '../cases/case-layout';
import type { CaseStore } from '../cases/case-store';
import { describeAction, performAction, stepsToVerify } from './actions';
import { CaseSession, type StepResult } from './case-session';
import { createCaseAnalysisEngine, parseEvidence } from './case-analysis-engine';
import { buildCaseView, debugLoggingEnabledAt, debugLoggingReadBack, STEP_ORDER } from './case-view';
import type { TenantConnection } from './connections/tenant-connection';
import { toDetail, toRow } from './log-rows';
import type { StepContext } from './step-context';
import { runAuthenticationStep } from './steps/authentication';
import { runClientAccessRulesStep } from './steps/client-access-rules';
import { runConditionalAccessStep } from './steps/conditional-access';
import { runConnectStep } from './steps/connect';
import { runDebugLoggingStep } from './steps/debug-logging';
import { analyseCapturedLogs, runLogsStep } from './steps/logs';
import { deviceViews, runMailboxStep } from './steps/mailbox';
import { runSummaryStep } from './steps/summary';
import type { EvidenceSource } from '../evidence-import/evidence-units';
import { attachPreparedEvidence, NOT_RUN_OFFLINE, TENANT_STEPS } from '../evidence-import/import-into-case';
import { prepareEvidence, type PreparedEvidence } from '../evidence-import/prepare-evidence';

export interface FlowEngineOptions {
  store: CaseStore;
  events: EventHub;
  /** Opens the tenant a case runs against (a fresh demo tenant per demo case). */
  openConnection(connection: CaseConnection): Promise<TenantConnection>;
  exportsDir: string;
  /** Turns the report into a PDF; only the desktop app has one (Electron's printToPDF). */
  pdfPrinter?: PdfPrinter;
  appVersion: string;
  analysisEngineVersion: string;
  clock?: () => Date;
}

const MAX_EVIDENCE_TEXT = 2 * 1024 * 1024;
const PARALLEL_CHECKS: WizardStepId[] = ['client-access-rules', 'conditional-access', 'authentication'];

/**
 * The wizard's source of truth. It runs the steps (independent ones in parallel), gathers evidence
 * through the services, calls the analysis engine, writes every result into the case (autosaved
 * after each step and action) and pushes a fresh case view to the renderer after each change.
 */
export class FlowEngine {
  private readonly sessions = new Map<string, CaseSession>();
  private readonly connections = new Map<string, Promise<TenantConnection>>();
  /** Flows and re-runs in progress per case, so callers can wait until a case is quiet. */
  private readonly active = new Map<string, Set<Promise<unknown>>>();
  /** Cases whose full flow is still going; it ends with its own summary. */
  private readonly flowing = new Set<string>();
  private readonly clock: () => Date;

  constructor(private readonly options: FlowEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async startCase(subject: CaseSubject, connection: CaseConnection): Promise<CaseView> {
    const doc = await this.options.store.create({
      operator: { name: 'Not signed in yet' },
      subject,
      connection,
      analysisEngineVersion: this.options.analysisEngineVersion,
    });
    const session = this.adopt(doc, false);
    this.track(session, this.runFlow(session));
    return buildCaseView(session);
  }

  /** Adds files the operator brought (logs step or a saved case): checked first, then attached, then the summary again. */
  async addEvidence(caseId: string, sources: readonly EvidenceSource[]): Promise<{ view: CaseView; added: PreparedEvidence[] }> {
    const session = this.writable(caseId);
    const prepared = await prepareEvidence(sources);
    const result = await attachPreparedEvidence(session, this.options.store.folderOf(caseId), prepared);
    await this.record(session, 'logs', 'done', result);
    await this.run(session, 'summary');
    return { view: buildCaseView(session), added: prepared };
  }

  /** "I only have the logs": a case with no tenant, made only once every file has been read and checked. */
  async startCaseFromFiles(subject: CaseSubject, sources: readonly EvidenceSource[]): Promise<CaseView> {
    const prepared = await prepareEvidence(sources);
    const doc = await this.options.store.create({ operator: { name: 'Not signed in (case from files)' }, subject, connection: { kind: 'offline' }, analysisEngineVersion: this.options.analysisEngineVersion });
    const session = this.adopt(doc, false);
    try {
      for (const id of TENANT_STEPS) await this.record(session, id, 'skipped', { outcome: 'info', summary: NOT_RUN_OFFLINE, checks: [] });
      await this.record(session, 'logs', 'done', await attachPreparedEvidence(session, this.options.store.folderOf(doc.id), prepared));
    } catch (error) {
      this.sessions.delete(doc.id);
      await this.options.store.delete(doc.id);
      throw error;
    }
    await this.run(session, 'summary');
    return buildCaseView(session);
  }

  /** Runs the whole flow; resolves when the summary is written (or the flow stopped at a failure). */
  async runFlow(session: CaseSession): Promise<void> {
    this.flowing.add(session.id);
    try {
      await this.flowSteps(session);
    } finally {
      this.flowing.delete(session.id);
    }
  }

  private async flowSteps(session: CaseSession): Promise<void> {
    if (!(await this.run(session, 'connect'))) return;
    if (!(await this.run(session, 'mailbox'))) return;
    await this.selectOnlyPhone(session);
    await Promise.all(PARALLEL_CHECKS.map((id) => this.run(session, id)));
    await this.run(session, 'debug-logging');
    if (debugLoggingReadBack(session)) await this.run(session, 'logs');
    else this.skip(session, 'logs', 'Debug logging is off, so Exchange has no log to fetch. Turn it on, ask the user to reproduce the problem, then run this step.');
    await this.run(session, 'summary');
  }

  getCase(caseId: string): CaseView {
    return buildCaseView(this.session(caseId));
  }

  /** Runs one step again (after Connect, if that has not succeeded yet), then the summary. */
  async runStep(caseId: string, stepId: WizardStepId): Promise<CaseView> {
    const session = this.writable(caseId);
    this.track(
      session,
      (async () => {
        if (stepId !== 'connect' && session.steps.get('connect')?.status !== 'done' && !(await this.run(session, 'connect'))) return;
        await this.run(session, stepId);
        // While the full flow is still going, its own summary comes last; one now would be partial.
        if (stepId !== 'summary' && !this.flowing.has(session.id)) await this.run(session, 'summary');
      })(),
    );
    return buildCaseView(session);
  }

  cancelStep(caseId: string, stepId: WizardStepId): CaseView {
    const session = this.session(caseId);
    const runtime = session.steps.get(stepId);
    if (runtime?.status === 'running') {
      runtime.abort?.abort();
      runtime.status = 'cancelled';
      runtime.finishedAt = this.clock().toISOString();
      runtime.progress = undefined;
      this.emit(session);
    }
    return buildCaseView(session);
  }

  async selectDevice(caseId: string, deviceId: string): Promise<CaseView> {
    const session = this.writable(caseId);
    if (!deviceViews(session).some((d) => d.deviceId === deviceId)) {
      throw new AppError('NOT_FOUND', `No phone with the id ${deviceId} is known for this mailbox.`);
    }
    session.selectedDeviceId = deviceId;
    await session.mutate((doc) => ({ ...doc, subject: { ...doc.subject, deviceId } }));
    if (session.steps.get('summary')?.status === 'done') await this.run(session, 'summary');
    this.emit(session);
    return buildCaseView(session);
  }

  previewAction(caseId: string, action: WizardAction): ActionPreview {
    const session = this.writable(caseId);
    const permissions = session.permissions;
    const allowed = permissions?.canAct === true;
    return {
      ...describeAction(action, session.doc.subject.userUpn),
      allowed,
      ...(allowed
        ? {}
        : { reason: permissions ? `You cannot make this change. ${permissions.whoCanAct ?? ''}`.trim() : 'Connect first, so the wizard knows your permissions.' }),
    };
  }

  async runAction(caseId: string, action: WizardAction): Promise<CaseView> {
    const session = this.writable(caseId);
    const preview = this.previewAction(caseId, action);
    if (!preview.allowed) throw new AppError('PERMISSION_DENIED', preview.reason ?? 'You cannot make this change.');
    const connection = await this.connectionOf(session);
    const mailbox = session.doc.subject.userUpn;
    let result: 'succeeded' | 'failed' = 'succeeded';
    let failure: string | undefined;
    try {
      await performAction(action, mailbox, connection);
    } catch (error) {
      result = 'failed';
      failure = error instanceof Error ? error.message : String(error);
    }
    await session.mutate((doc) => ({
      ...doc,
      audit: [
        ...doc.audit,
        {
          at: this.clock().toISOString(),
          who: doc.operator.upn ?? doc.operator.name,
          action: action.kind,
          target: 'deviceId' in action ? `${mailbox} / ${action.deviceId}` : mailbox,
          details: failure ? `${preview.command} — ${failure}` : preview.command,
          result,
        },
      ],
    }));
    this.emit(session);
    if (failure) throw new AppError('UNAVAILABLE', `The change was not made: ${failure}`);
    for (const step of stepsToVerify(action)) await this.run(session, step);
    await this.run(session, 'summary');
    return buildCaseView(session);
  }

  queryLogEntries(
    caseId: string,
    query: { deviceId: string; offset: number; limit: number; search?: string; outcome: 'all' | 'warning' | 'error'; command?: string },
  ): { total: number; rows: LogEntryRow[] } {
    const timeline = this.session(caseId).logAnalysis?.timelines.find((t) => (t.deviceId ?? t.key) === query.deviceId);
    if (timeline === undefined) return { total: 0, rows: [] };
    const needle = query.search?.trim().toLowerCase();
    const matches: LogEntryRow[] = [];
    let total = 0;
    for (const entry of timeline.entries) {
      if (query.command && entry.command !== query.command) continue;
      const row = toRow(entry);
      if (query.outcome !== 'all' && row.outcome !== query.outcome && !(query.outcome === 'warning' && row.outcome === 'error')) continue;
      if (needle && !`${row.summary} ${row.status ?? ''} ${entry.userAgent ?? ''}`.toLowerCase().includes(needle)) continue;
      if (total >= query.offset && matches.length < query.limit) matches.push(row);
      total++;
    }
    return { total, rows: matches };
  }

  getLogEntry(caseId: string, seq: number): LogEntryDetail {
    for (const timeline of this.session(caseId).logAnalysis?.timelines ?? []) {
      const entry = timeline.entries.find((e) => e.seq === seq);
      if (entry) return toDetail(entry);
    }
    throw new AppError('NOT_FOUND', `There is no log entry ${seq} in this case.`);
  }

  async getEvidence(caseId: string, evidenceId: string): Promise<{ text: string; truncated: boolean; contentType: string }> {
    const session = this.session(caseId);
    const item = session.doc.evidence.find((e) => e.id === evidenceId);
    if (item === undefined) throw new AppError('NOT_FOUND', 'That evidence is not part of this case.');
    if (item.fileName === undefined) return { text: `Not captured: ${item.unavailableReason ?? 'no reason recorded'}`, truncated: false, contentType: 'text/plain' };
    const bytes = await readFile(evidenceFilePath(this.options.store.folderOf(caseId), item.fileName));
    const truncated = bytes.length > MAX_EVIDENCE_TEXT;
    return { text: bytes.subarray(0, MAX_EVIDENCE_TEXT).toString('utf8'), truncated, contentType: item.contentType };
  }

  async listCases(query: string | undefined): Promise<CaseSummary[]> {
    const found = query?.trim() ? await this.options.store.search({ text: query.trim() }) : (await this.options.store.list()).cases;
    return found.map((c) => ({
      caseId: c.id,
      userUpn: c.userUpn,
      ...(c.deviceId ? { deviceId: c.deviceId } : {}),
      ...(c.ticketRef ? { ticketRef: c.ticketRef } : {}),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      complete: !c.incomplete,
      ...(c.findingCodes[0] ? { topFinding: c.findingCodes[0] } : {}),
      connection: c.readOnly ? 'imported bundle' : 'saved case',
    }));
  }

  /** Opens a saved case: imported or closed ones for review only, open ones to resume. */
  async openCase(caseId: string): Promise<CaseView> {
    const existing = this.sessions.get(caseId);
    if (existing) return buildCaseView(existing);
    const doc = await this.options.store.load(caseId);
    const session = this.adopt(doc, doc.imported !== undefined || doc.closedAt !== undefined);
    await session.restoreEvidence(parseEvidence);
    analyseCapturedLogs(session);
    return buildCaseView(session);
  }

  async deleteCase(caseId: string): Promise<void> {
    const session = this.sessions.get(caseId);
    if (session && [...session.steps.values()].some((s) => s.status === 'running')) {
      throw new AppError('CONFLICT', 'Wait for the running step to finish, or cancel it, before deleting the case.');
    }
    this.sessions.delete(caseId);
    await this.closeConnection(caseId);
    await this.options.store.delete(caseId);
  }

  async exportCase(caseId: string, redact: boolean): Promise<{ filePath: string; size: number }> {
    const session = this.session(caseId);
    await mkdir(this.options.exportsDir, { recursive: true });
    const outPath = path.join(this.options.exportsDir, `${caseId}${redact ? '-redacted' : ''}.zip`);
    await exportCaseBundle({ caseFolder: this.options.store.folderOf(caseId), outPath, appVersion: this.options.appVersion, redact });
    const size = (await stat(outPath)).size;
    if (!session.readOnly) {
      await session.mutate((doc) => ({
        ...doc,
        audit: [...doc.audit, { at: this.clock().toISOString(), who: doc.operator.upn ?? doc.operator.name, action: 'export-bundle', target: outPath, details: redact ? 'redacted' : 'not redacted', result: 'succeeded' }],
      }));
      this.emit(session);
    }
    return { filePath: outPath, size };
  }

  /** Saves the case report as a PDF next to the exported bundles. */
  async exportReportPdf(caseId: string): Promise<{ filePath: string; size: number }> {
    const session = this.session(caseId);
    if (this.options.pdfPrinter === undefined) {
      throw new AppError(
        'UNAVAILABLE',
        'Saving the report as a PDF needs the desktop app. Here, export the case bundle and print its report.html from the browser.',
      );
    }
    await mkdir(this.options.exportsDir, { recursive: true });
    const filePath = path.join(this.options.exportsDir, `${caseId}-report.pdf`);
    await writeCaseReportPdf(session.doc, { appVersion: this.options.appVersion, generatedAt: this.clock().toISOString(), redacted: false }, this.options.pdfPrinter, filePath);
    return { filePath, size: (await stat(filePath)).size };
  }

  /** Runs this version's analysis over a saved case's raw evidence and says what changed; the case stays as it is. */
  async reanalyse(caseId: string): Promise<ReanalysisResult> {
    const running = this.sessions.get(caseId);
    if (running && [...running.steps.values()].some((s) => s.status === 'running')) {
      throw new AppError('CONFLICT', 'Wait for the running steps to finish before re-analysing.');
    }
    return reanalyseCase(this.options.store, caseId, createCaseAnalysisEngine(this.options.store, this.options.analysisEngineVersion));
  }

  async importBundle(filePath: string): Promise<CaseView> {
    const doc = await importCaseBundle(this.options.store, filePath);
    return this.openCase(doc.id);
  }

  /** Waits until the case's flow, re-runs and steps have all finished (the CLI and tests use it). */
  async settled(caseId: string): Promise<void> {
    const session = this.session(caseId);
    for (;;) {
      const pending = [...(this.active.get(caseId) ?? []), ...[...session.steps.values()].map((s) => s.running).filter((p) => p !== undefined)];
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.connections.keys()].map((id) => this.closeConnection(id)));
  }

  // --- internals -------------------------------------------------------------------------

  private track(session: CaseSession, work: Promise<unknown>): void {
    const set = this.active.get(session.id) ?? new Set();
    this.active.set(session.id, set);
    const tracked = work.catch((error: unknown) => console.error(`[flow] case ${session.id}:`, error)).finally(() => set.delete(tracked));
    set.add(tracked);
  }

  private adopt(doc: CaseDocument, readOnly: boolean): CaseSession {
    const store = this.options.store;
    const session = new CaseSession(store, doc, null, readOnly, (fileName) =>
      readFile(evidenceFilePath(store.folderOf(doc.id), fileName), 'utf8'),
    );
    for (const saved of doc.steps) {
      session.steps.set(saved.id as WizardStepId, {
        status: saved.status === 'running' ? 'pending' : saved.status,
        ...(saved.startedAt ? { startedAt: saved.startedAt } : {}),
        ...(saved.finishedAt ? { finishedAt: saved.finishedAt } : {}),
        ...(saved.summary ? { result: { outcome: 'info', summary: saved.summary, checks: [] } } : {}),
      });
    }
    this.sessions.set(doc.id, session);
    return session;
  }

  private session(caseId: string): CaseSession {
    const session = this.sessions.get(caseId);
    if (session === undefined) throw new AppError('NOT_FOUND', 'That case is not open. Open it from the case library.');
    return session;
  }

  private writable(caseId: string): CaseSession {
    const session = this.session(caseId);
    if (session.readOnly) throw new AppError('CONFLICT', 'This case is open for review only; nothing can be run or changed.');
    return session;
  }

  private connectionOf(session: CaseSession): Promise<TenantConnection> {
    let connection = this.connections.get(session.id);
    if (connection === undefined) {
      connection = this.options.openConnection(session.doc.connection).then((opened) => {
        opened.onShellStatus((state) => this.options.events.emit('onShellStatus', { state: state === 'stopped' ? 'idle' : state }));
        return opened;
      });
      connection.catch(() => this.connections.delete(session.id));
      this.connections.set(session.id, connection);
    }
    return connection;
  }

  private async closeConnection(caseId: string): Promise<void> {
    const connection = this.connections.get(caseId);
    this.connections.delete(caseId);
    if (connection) await (await connection.catch(() => null))?.close();
  }

  /** With exactly one ActiveSync phone there is nothing to pick: the case is about that phone. */
  private async selectOnlyPhone(session: CaseSession): Promise<void> {
    if (session.selectedDeviceId !== undefined) return;
    const phones = deviceViews(session).filter((d) => !d.notEas);
    if (phones.length !== 1) return;
    const deviceId = phones[0]!.deviceId;
    session.selectedDeviceId = deviceId;
    await session.mutate((doc) => ({ ...doc, subject: { ...doc.subject, deviceId } }));
    this.emit(session);
  }

  /** Records a step's outcome that did not come from running it (evidence the operator added). */
  private async record(session: CaseSession, id: WizardStepId, status: 'done' | 'skipped', result: StepResult): Promise<void> {
    const finishedAt = this.clock().toISOString();
    session.steps.set(id, { status, finishedAt, result });
    const evidence = session.doc.evidence.filter((e) => e.step === id).map((e) => e.id);
    await session.mutate((doc) => upsertStep(doc, { id, title: id, status, finishedAt, summary: result.summary, evidence }));
    this.emit(session);
  }

  private skip(session: CaseSession, id: WizardStepId, summary: string): void {
    session.steps.set(id, { status: 'skipped', finishedAt: this.clock().toISOString(), result: { outcome: 'info', summary, checks: [] } });
    void session.mutate((doc) => upsertStep(doc, { id, status: 'skipped', summary, evidence: [] })).catch(() => {});
    this.emit(session);
  }

  /** Runs one step with progress, cancel and autosave; true when it finished. */
  private run(session: CaseSession, id: WizardStepId): Promise<boolean> {
    const current = session.steps.get(id);
    if (current?.status === 'running' && current.running) return current.running.then(() => session.steps.get(id)?.status === 'done');
    const abort = new AbortController();
    const runtime: NonNullable<ReturnType<typeof session.steps.get>> = { status: 'running', startedAt: this.clock().toISOString(), abort };
    session.steps.set(id, runtime);
    this.emit(session);
    const finished = (async () => {
      try {
        const result = await this.execute(session, id, abort.signal, (message, fraction) => {
          runtime.progress = { message, ...(fraction !== undefined ? { fraction } : {}) };
          this.emit(session);
        });
        if (runtime.status === 'cancelled') return;
        runtime.status = 'done';
        runtime.result = result;
      } catch (error) {
        if (runtime.status === 'cancelled') return;
        runtime.status = 'failed';
        runtime.error = { code: error instanceof AppError ? error.code : 'FAILED', message: error instanceof Error ? error.message : String(error) };
      } finally {
        runtime.finishedAt ??= this.clock().toISOString();
        runtime.progress = undefined;
        runtime.running = undefined;
        const evidence = session.doc.evidence.filter((e) => e.step === id).map((e) => e.id);
        await session
          .mutate((doc) =>
            upsertStep(doc, {
              id,
              title: id,
              status: runtime.status,
              ...(runtime.startedAt ? { startedAt: runtime.startedAt } : {}),
              ...(runtime.finishedAt ? { finishedAt: runtime.finishedAt } : {}),
              ...(runtime.result ? { summary: runtime.result.summary } : {}),
              evidence,
              ...(runtime.error ? { error: runtime.error } : {}),
            }),
          )
          .catch(() => {});
        this.emit(session);
      }
    })();
    runtime.running = finished;
    return finished.then(() => runtime.status === 'done');
  }

  private async execute(session: CaseSession, id: WizardStepId, signal: AbortSignal, progress: StepContext['progress']): Promise<StepResult> {
    if (id === 'summary') return runSummaryStep(session, debugLoggingEnabledAt(session));
    const connection = await this.connectionOf(session);
    const ctx: StepContext = { session, connection, signal, progress };
    switch (id) {
      case 'connect': {
        const result = await runConnectStep(ctx);
        session.permissions = { canAct: result.canAct, missing: result.missing, ...(result.whoCanAct ? { whoCanAct: result.whoCanAct } : {}) };
        const account = await connection.auth.status();
        if (account.state === 'signed-in') {
          await session.mutate((doc) => ({ ...doc, operator: { name: account.account.name ?? account.account.username, upn: account.account.username } }));
        }
        if (result.outcome === 'problem') throw new AppError('UNAVAILABLE', result.summary);
        return result;
      }
      case 'mailbox':
        return runMailboxStep(ctx);
      case 'client-access-rules':
        return runClientAccessRulesStep(ctx);
      case 'conditional-access':
        return runConditionalAccessStep(ctx);
      case 'authentication':
        return runAuthenticationStep(ctx);
      case 'debug-logging':
        return runDebugLoggingStep(ctx);
      case 'logs':
        return runLogsStep(ctx);
    }
  }

  private emit(session: CaseSession): void {
    this.options.events.emit('onCaseUpdated', buildCaseView(session));
  }
}

function upsertStep(doc: CaseDocument, step: CaseDocument['steps'][number]): CaseDocument {
  const steps = doc.steps.filter((s) => s.id !== step.id);
  steps.push(step);
  steps.sort((a, b) => STEP_ORDER.indexOf(a.id as WizardStepId) - STEP_ORDER.indexOf(b.id as WizardStepId));
  return { ...doc, steps };
}
