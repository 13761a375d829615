import type { FlowStop } from '../../domain/judges/judgement';
import type { MailboxLogAnalysis } from '../../domain/diagnosis/analyze-mailbox-log';
import type { DeviceTimeline } from '../../domain/patterns/device-timeline';
import type { CaseStore, EvidenceBody } from '../cases/case-store';
import type { CaseDocument, EvidenceKind } from '../../shared/models/case';
import type { CheckView, DeviceLogView, Outcome, WizardStepId } from '../../shared/models/wizard';
import { evidenceIdFor, parseEvidenceId } from '../../shared/models/evidence-names';
import { capturedCaseClock, type CaseClock } from '../clock/case-clock';

/** Raw evidence as captured: the data, or why it could not be read. */
export type Captured<T = unknown> =
  | { evidenceId: string; available: true; data: T }
  | { evidenceId: string; available: false; reason: string };

/** What a finished step tells the operator. */
export interface StepResult {
  outcome: Outcome;
  summary: string;
  checks: CheckView[];
  /** The flow stops after this step: nothing further to troubleshoot (the domain's judgement says why). */
  stop?: FlowStop;
}

export interface StepRuntime {
  status: 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'cancelled';
  startedAt?: string;
  finishedAt?: string;
  progress?: { message: string; fraction?: number };
  result?: StepResult;
  error?: { code: string; message: string };
  abort?: AbortController;
  /** Settles when the current run ends, so dependants can wait for it. */
  running?: Promise<void>;
}

/**
 * One case while the app has it open: the saved document plus what the wizard holds in memory.
 * Every change to the document goes through `mutate`, one at a time, so steps running in
 * parallel never save over each other's evidence.
 */
export class CaseSession {
  readonly steps = new Map<WizardStepId, StepRuntime>();
  /** Latest capture per evidence name. */
  readonly raw = new Map<string, Captured>();
  selectedDeviceId: string | undefined;
  /**
   * The parsed mailbox logs: the analysis, every entry per device (for the log view's pages) and
   * the per-device summaries the case view shows, worked out once per analysis, not per update.
   */
  logAnalysis:
    | { analysis: MailboxLogAnalysis; timelines: readonly DeviceTimeline[]; views: DeviceLogView[] }
    | undefined;
  /** From the Connect step's preflight. */
  permissions: { canAct: boolean; missing: string[]; whoCanAct?: string; canRemoveDevices?: boolean } | undefined;
  /**
   * The case's "now": frozen at the last capture while no tenant is connected (a saved case is
   * judged as it was then), the tenant's own clock once one is.
   */
  clock: CaseClock;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: CaseStore,
    public doc: CaseDocument,
    readonly readOnly: boolean,
    private readonly readEvidenceText: (fileName: string) => Promise<string>,
  ) {
    this.selectedDeviceId = doc.subject.deviceId;
    this.clock = capturedCaseClock(lastCapturedAt(doc));
  }

  get id(): string {
    return this.doc.id;
  }

  /** Applies a change to the case document and saves it, after every earlier change. */
  mutate(change: (doc: CaseDocument) => CaseDocument | Promise<CaseDocument>): Promise<void> {
    const next = this.chain.then(async () => {
      this.doc = await this.store.save(await change(this.doc));
    });
    this.chain = next.catch(() => {});
    return next;
  }

  /**
   * Runs a collector and stores what it returned as evidence of the step (JSON or text), or the
   * reason it could not be read. Either way the result is remembered under `name`.
   */
  async capture<T>(
    step: WizardStepId,
    name: string,
    meta: { kind: EvidenceKind; source: string; contentType?: string },
    collect: () => Promise<T | { unavailable: string }>,
    toBody: (data: T) => EvidenceBody = (data) => JSON.stringify(data, null, 2),
  ): Promise<Captured<T>> {
    const value = await collect();
    const id = evidenceIdFor(name, this.nextAttempt(name));
    const input = {
      id,
      capturedAt: this.clock.now().toISOString(),
      step,
      kind: meta.kind,
      source: meta.source,
      contentType: meta.contentType ?? 'application/json',
    };
    let captured: Captured<T>;
    if (isUnavailable(value)) {
      await this.serial((doc) => this.store.recordUnavailableEvidence(doc, input, value.unavailable));
      captured = { evidenceId: id, available: false, reason: value.unavailable };
    } else {
      await this.serial((doc) => this.store.attachEvidence(doc, input, toBody(value)));
      captured = { evidenceId: id, available: true, data: value };
    }
    this.raw.set(name, captured as Captured);
    return captured;
  }

  /** Rebuilds the latest capture per name from the saved evidence (reopening a case). */
  async restoreEvidence(parse: (name: string, text: string) => unknown): Promise<void> {
    const latest = new Map<string, { id: string; attempt: number }>();
    for (const item of this.doc.evidence) {
      const { name, attempt } = parseEvidenceId(item.id);
      if ((latest.get(name)?.attempt ?? 0) < attempt) latest.set(name, { id: item.id, attempt });
    }
    for (const [name, { id }] of latest) {
      const item = this.doc.evidence.find((e) => e.id === id)!;
      if (item.unavailableReason !== undefined || item.fileName === undefined) {
        this.raw.set(name, { evidenceId: id, available: false, reason: item.unavailableReason ?? 'not captured' });
        continue;
      }
      const text = await this.readEvidenceText(item.fileName);
      this.raw.set(name, { evidenceId: id, available: true, data: parse(name, text) });
    }
  }

  get<T>(name: string): Captured<T> | undefined {
    return this.raw.get(name) as Captured<T> | undefined;
  }

  private nextAttempt(name: string): number {
    let attempt = 1;
    while (this.doc.evidence.some((e) => e.id === evidenceIdFor(name, attempt))) attempt++;
    return attempt;
  }

  private serial(write: (doc: CaseDocument) => Promise<{ doc: CaseDocument }>): Promise<void> {
    const next = this.chain.then(async () => {
      this.doc = (await write(this.doc)).doc;
    });
    this.chain = next.catch(() => {});
    return next;
  }
}

function isUnavailable(value: unknown): value is { unavailable: string } {
  return typeof value === 'object' && value !== null && 'unavailable' in value && Object.keys(value).length === 1;
}

/** When the case's evidence was last captured; a case with none yet, when it was created. */
export function lastCapturedAt(doc: CaseDocument): string {
  let latest: string | undefined;
  for (const item of doc.evidence) if (latest === undefined || Date.parse(item.capturedAt) > Date.parse(latest)) latest = item.capturedAt;
  return latest ?? doc.createdAt;
}
