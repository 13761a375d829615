import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/ipc/result';
import type { CaseSummary, CaseView, LogEntryDetail, LogEntryRow } from '../../shared/models/wizard';
import { exportCaseBundle } from '../cases/bundle/bundle-writer';
import { importCaseBundle } from '../cases/bundle/bundle-import';
import { evidenceFilePath } from '../cases/case-layout';
import { reanalyseCase, type ReanalysisResult } from '../cases/reanalyse/reanalyse-case';
import { writeCaseReportPdf, type PdfPrinter } from '../cases/report/report-pdf';
import { wallClockNow } from '../clock/wall-clock';
import { findingTitle } from '../../domain/diagnosis/catalog';
import { createCaseAnalysisEngine, parseEvidence } from './case-analysis-engine';
import type { CaseSessions } from './case-sessions';
import { buildCaseView } from './case-view';
import { toDetail, toRow } from './log-rows';
import { analyseCapturedLogs } from './steps/logs';

export interface CaseLibraryOptions {
  sessions: CaseSessions;
  exportsDir: string;
  /** Turns the report into a PDF; only the desktop app has one (Electron's printToPDF). */
  pdfPrinter?: PdfPrinter;
  appVersion: string;
  analysisEngineVersion: string;
  /** The wizard's side: whether a case has work running, and how to let go of its tenant. */
  wizard: { isBusy(caseId: string): boolean; release(caseId: string): Promise<void> };
}

const MAX_EVIDENCE_TEXT = 2 * 1024 * 1024;

/**
 * Saved cases: list, open for review or to resume, delete, export, print, re-analyse, import, and
 * read their evidence and log entries. The wizard (FlowEngine) runs steps; this never does.
 */
export class CaseLibrary {
  constructor(private readonly options: CaseLibraryOptions) {}

  private get sessions(): CaseSessions {
    return this.options.sessions;
  }

  async listCases(query: string | undefined): Promise<CaseSummary[]> {
    const store = this.sessions.store;
    const found = query?.trim() ? await store.search({ text: query.trim() }) : (await store.list()).cases;
    return found.map((c) => ({
      caseId: c.id,
      userUpn: c.userUpn,
      ...(c.deviceId ? { deviceId: c.deviceId } : {}),
      ...(c.ticketRef ? { ticketRef: c.ticketRef } : {}),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      complete: !c.incomplete,
      // The list shows words, not codes: a case saved by a newer version keeps its code as the fallback.
      ...(c.findingCodes[0] ? { topFinding: findingTitle(c.findingCodes[0]) ?? c.findingCodes[0] } : {}),
      connection: c.readOnly ? 'imported bundle' : 'saved case',
    }));
  }

  /** Opens a saved case: imported or closed ones for review only, open ones to resume. */
  async openCase(caseId: string): Promise<CaseView> {
    const existing = this.sessions.find(caseId);
    if (existing) return buildCaseView(existing);
    const doc = await this.sessions.store.load(caseId);
    const session = this.sessions.adopt(doc, doc.imported !== undefined || doc.closedAt !== undefined);
    await session.restoreEvidence(parseEvidence);
    analyseCapturedLogs(session);
    return buildCaseView(session);
  }

  async deleteCase(caseId: string): Promise<void> {
    if (this.options.wizard.isBusy(caseId)) {
      throw new AppError('CONFLICT', 'Wait for the running step to finish, or cancel it, before deleting the case.');
    }
    this.sessions.forget(caseId);
    await this.options.wizard.release(caseId);
    await this.sessions.store.delete(caseId);
  }

  async exportCase(caseId: string, redact: boolean): Promise<{ filePath: string; size: number }> {
    const session = this.sessions.get(caseId);
    await mkdir(this.options.exportsDir, { recursive: true });
    const outPath = path.join(this.options.exportsDir, `${caseId}${redact ? '-redacted' : ''}.zip`);
    await exportCaseBundle({ caseFolder: this.sessions.store.folderOf(caseId), outPath, appVersion: this.options.appVersion, redact });
    const size = (await stat(outPath)).size;
    if (!session.readOnly) {
      await session.mutate((doc) => ({
        ...doc,
        audit: [
          ...doc.audit,
          { at: session.clock.now().toISOString(), who: doc.operator.upn ?? doc.operator.name, action: 'export-bundle', target: outPath, details: redact ? 'redacted' : 'not redacted', result: 'succeeded' },
        ],
      }));
      this.sessions.emit(session);
    }
    return { filePath: outPath, size };
  }

  /** Saves the case report as a PDF next to the exported bundles. */
  async exportReportPdf(caseId: string): Promise<{ filePath: string; size: number }> {
    const session = this.sessions.get(caseId);
    if (this.options.pdfPrinter === undefined) {
      throw new AppError(
        'UNAVAILABLE',
        'Saving the report as a PDF needs the desktop app. Here, export the case bundle and print its report.html from the browser.',
      );
    }
    await mkdir(this.options.exportsDir, { recursive: true });
    const filePath = path.join(this.options.exportsDir, `${caseId}-report.pdf`);
    await writeCaseReportPdf(session.doc, { appVersion: this.options.appVersion, generatedAt: wallClockNow().toISOString(), redacted: false }, this.options.pdfPrinter, filePath);
    return { filePath, size: (await stat(filePath)).size };
  }

  /** Runs this version's analysis over a saved case's raw evidence and says what changed; the case stays as it is. */
  async reanalyse(caseId: string): Promise<ReanalysisResult> {
    if (this.options.wizard.isBusy(caseId)) throw new AppError('CONFLICT', 'Wait for the running steps to finish before re-analysing.');
    return reanalyseCase(this.sessions.store, caseId, createCaseAnalysisEngine(this.sessions.store, this.options.analysisEngineVersion));
  }

  async importBundle(filePath: string): Promise<CaseView> {
    const doc = await importCaseBundle(this.sessions.store, filePath);
    return this.openCase(doc.id);
  }

  async getEvidence(caseId: string, evidenceId: string): Promise<{ text: string; truncated: boolean; contentType: string }> {
    const session = this.sessions.get(caseId);
    const item = session.doc.evidence.find((e) => e.id === evidenceId);
    if (item === undefined) throw new AppError('NOT_FOUND', 'That evidence is not part of this case.');
    if (item.fileName === undefined) return { text: `Not captured: ${item.unavailableReason ?? 'no reason recorded'}`, truncated: false, contentType: 'text/plain' };
    const bytes = await readFile(evidenceFilePath(this.sessions.store.folderOf(caseId), item.fileName));
    const truncated = bytes.length > MAX_EVIDENCE_TEXT;
    return { text: bytes.subarray(0, MAX_EVIDENCE_TEXT).toString('utf8'), truncated, contentType: item.contentType };
  }

  queryLogEntries(
    caseId: string,
    query: { deviceId: string; offset: number; limit: number; search?: string; outcome: 'all' | 'warning' | 'error'; command?: string },
  ): { total: number; rows: LogEntryRow[] } {
    const timeline = this.sessions.get(caseId).logAnalysis?.timelines.find((t) => (t.deviceId ?? t.key) === query.deviceId);
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
    for (const timeline of this.sessions.get(caseId).logAnalysis?.timelines ?? []) {
      const entry = timeline.entries.find((e) => e.seq === seq);
      if (entry) return toDetail(entry);
    }
    throw new AppError('NOT_FOUND', `There is no log entry ${seq} in this case.`);
  }
}
