import type { EventHub } from '../../ipc/event-hub';
import type { CaseConnection, CaseDocument, CaseSubject, LiveConnection } from '../../shared/models/case';
import { AppError } from '../../shared/ipc/result';
import { assertNever, stepIndex, stepTitle, WIZARD_STEPS, type SkipRule, type StepDeclaration, type WizardStepId } from '../../shared/models/steps';
import type { ActionPreview, CaseView, DeviceView, WizardAction } from '../../shared/models/wizard';
import type { CaseStore } from '../cases/case-store';
import { wallClockNow } from '../clock/wall-clock';
import { describeAction, performAction, stepsToVerify, type PartnershipRef } from './actions';
import type { MobileDevice } from '../../shared/models/exchange';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { actionSituation } from './action-situation';
import { judgeAction, partnershipLabel } from '../../domain/device-access/action-guard';
import { describeActionOutcome } from '../../domain/device-access/action-outcome';
import { judgeActionClosure, type ClosureSnapshot } from '../../domain/device-access/action-closure';
import { sameName } from '../../domain/device-access/exchange-names';
import type { CaseSession, StepResult } from './case-session';
import type { CaseSessions } from './case-sessions';
import { buildCaseView, debugLoggingEnabledAt, debugLoggingReadBack } from './case-view';
import type { TenantConnection } from './connections/tenant-connection';
import type { StepContext } from './step-context';
import { runAuthenticationStep } from './steps/authentication';
import { runClientAccessRulesStep } from './steps/client-access-rules';
import { runConditionalAccessStep } from './steps/conditional-access';
import { runConnectStep } from './steps/connect';
import { runDebugLoggingStep } from './steps/debug-logging';
import { runLogsStep } from './steps/logs';
import { deviceViews, runMailboxStep } from './steps/mailbox';
import { runSummaryStep } from './steps/summary';
import type { EvidenceSource } from '../evidence-import/evidence-units';
import { attachPreparedEvidence, NOT_RUN_OFFLINE, TENANT_STEPS } from '../evidence-import/import-into-case';
import { prepareEvidence, type PreparedEvidence } from '../evidence-import/prepare-evidence';
import { describeWait, reportingWaits } from '../progress/wait-report';
import type { CasMailbox } from '../../shared/models/exchange';

export interface FlowEngineOptions {
  sessions: CaseSessions;
  events: EventHub;
  /** Opens the tenant a case runs against (a fresh demo tenant per demo case). */
  openConnection(connection: CaseConnection): Promise<TenantConnection>;
  analysisEngineVersion: string;
}

/** Steps run one after another, except a `checks` group, whose members run side by side. */
function batches(steps: readonly StepDeclaration[]): StepDeclaration[][] {
  const out: StepDeclaration[][] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (step.phase === 'checks' && last?.[0]?.phase === 'checks') last.push(step);
    else out.push([step]);
  }
  return out;
}

/**
 * The wizard: runs a case's steps in the order the step table declares (the checks group in
 * parallel), gathers evidence through the services, lets the domain judge it, writes every
 * result into the case (autosaved after each step and action) and pushes a fresh case view to the
 * renderer after each change. The case library (list, open, export…) lives in CaseLibrary.
 */
export class FlowEngine {
  private readonly connections = new Map<string, Promise<TenantConnection>>();
  /** Flows and re-runs in progress per case, so callers can wait until a case is quiet. */
  private readonly active = new Map<string, Set<Promise<unknown>>>();
  /** Cases whose full flow is still going; it ends with its own summary. */
  private readonly flowing = new Set<string>();

  constructor(private readonly options: FlowEngineOptions) {}

  private get sessions(): CaseSessions {
    return this.options.sessions;
  }

  private get store(): CaseStore {
    return this.options.sessions.store;
  }

  async startCase(subject: CaseSubject, connection: LiveConnection): Promise<CaseView> {
    const doc = await this.store.create({
      operator: { name: 'Not signed in yet' },
      subject,
      connection,
      analysisEngineVersion: this.options.analysisEngineVersion,
    });
    const session = this.sessions.adopt(doc, false);
    this.track(session, this.runFlow(session));
    return buildCaseView(session);
  }

  /** Adds files the operator brought (logs step or a saved case): checked first, then attached, then the summary again. */
  async addEvidence(caseId: string, sources: readonly EvidenceSource[]): Promise<{ view: CaseView; added: PreparedEvidence[] }> {
    const session = this.sessions.writable(caseId);
    const prepared = await prepareEvidence(sources);
    const result = await attachPreparedEvidence(session, this.store.folderOf(caseId), prepared);
    await this.record(session, 'logs', 'done', result);
    await this.run(session, 'summary');
    return { view: buildCaseView(session), added: prepared };
  }

  /** "I only have the logs": a case with no tenant, made only once every file has been read and checked. */
  async startCaseFromFiles(subject: CaseSubject, sources: readonly EvidenceSource[]): Promise<CaseView> {
    const prepared = await prepareEvidence(sources);
    const doc = await this.store.create({ operator: { name: 'Not signed in (case from files)' }, subject, connection: { kind: 'offline' }, analysisEngineVersion: this.options.analysisEngineVersion });
    const session = this.sessions.adopt(doc, false);
    try {
      for (const id of TENANT_STEPS) await this.record(session, id, 'skipped', { outcome: 'info', summary: NOT_RUN_OFFLINE, checks: [] });
      await this.record(session, 'logs', 'done', await attachPreparedEvidence(session, this.store.folderOf(doc.id), prepared));
    } catch (error) {
      this.sessions.forget(doc.id);
      await this.store.delete(doc.id);
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
    const plan = batches(WIZARD_STEPS);
    for (const [index, batch] of plan.entries()) {
      const done = await Promise.all(batch.map((step) => this.runOrSkip(session, step)));
      if (batch.some((step, i) => !done[i] && step.stopsFlowOnFailure === true)) return;
      const stop = batch.map((step) => session.steps.get(step.id as WizardStepId)?.result?.stop).find((s) => s !== undefined);
      if (stop !== undefined) {
        // Nothing to troubleshoot past this point (no such mailbox): say why instead of checking policies and logs as if it were fine.
        for (const later of plan.slice(index + 1).flat()) if (later.id !== 'summary') await this.skip(session, later.id as WizardStepId, `Not run: ${stop.message}`);
        await this.run(session, 'summary');
        return;
      }
      if (batch.some((step) => step.id === 'mailbox')) await this.settleSelectedPhone(session);
    }
  }

  private async runOrSkip(session: CaseSession, step: StepDeclaration): Promise<boolean> {
    const id = step.id as WizardStepId;
    if (step.skip && this.skipApplies(session, step.skip.when)) {
      await this.skip(session, id, step.skip.reason);
      return true;
    }
    return this.run(session, id);
  }

  private skipApplies(session: CaseSession, rule: SkipRule): boolean {
    switch (rule) {
      case 'debug-logging-off':
        return !debugLoggingReadBack(session);
      default:
        return assertNever(rule);
    }
  }

  getCase(caseId: string): CaseView {
    return buildCaseView(this.sessions.get(caseId));
  }

  /** Runs one step again (after Connect, if that has not succeeded yet), then the summary. */
  async runStep(caseId: string, stepId: WizardStepId): Promise<CaseView> {
    const session = this.sessions.writable(caseId);
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
    const session = this.sessions.get(caseId);
    const runtime = session.steps.get(stepId);
    if (runtime?.status === 'running') {
      runtime.abort?.abort();
      runtime.status = 'cancelled';
      runtime.finishedAt = wallClockNow().toISOString();
      runtime.progress = undefined;
      this.sessions.emit(session);
    }
    return buildCaseView(session);
  }

  async selectDevice(caseId: string, deviceId: string): Promise<CaseView> {
    const session = this.sessions.writable(caseId);
    const phone = deviceViews(session).find((d) => d.deviceId === deviceId);
    if (phone === undefined) {
      throw new AppError('NOT_FOUND', `No phone with the id ${deviceId} is known for this mailbox.`);
    }
    session.selectedDeviceId = deviceId;
    await session.mutate((doc) => ({ ...doc, subject: { ...doc.subject, deviceId } }));
    if (this.logNotFetched(session, phone)) {
      // The phone first named was not this one (or none Exchange knew): fetch this phone's log, then judge again.
      this.track(
        session,
        (async () => {
          await this.run(session, 'logs');
          await this.run(session, 'summary');
        })(),
      );
    } else if (session.steps.get('summary')?.status === 'done') await this.run(session, 'summary');
    this.sessions.emit(session);
    return buildCaseView(session);
  }

  previewAction(caseId: string, action: WizardAction): ActionPreview {
    const session = this.sessions.writable(caseId);
    const permissions = session.permissions;
    const description = describeAction(action, session.doc.subject.userUpn, partnershipOf(session, action));
    // The situation first: an action that does not fit (a pending wipe, a phone blocked on purpose) is refused for everyone.
    const fits = judgeAction(action.kind, 'deviceId' in action ? action.deviceId : undefined, actionSituation(session));
    if (!fits.allowed) return { ...description, allowed: false, refusal: 'situation', reason: fits.reason };
    // Removing partnerships is a right of its own (Remove-MobileDevice; the role script grants it only with -IncludePartnershipCleanup).
    const cleanup = action.kind !== 'remove-device' || permissions?.canRemoveDevices === true;
    const allowed = permissions?.canAct === true && cleanup;
    return {
      ...description,
      allowed,
      ...(allowed
        ? {}
        : {
            refusal: 'permission' as const,
            reason: !permissions
              ? 'Connect first, so the wizard knows your permissions.'
              : permissions.canAct && !cleanup
                ? `You cannot remove phone partnerships: that needs Remove-MobileDevice, which the helpdesk role grants only when partnership clean-up is enabled. Ask an Exchange administrator to remove the stale partnerships, or the user to remove them in Outlook on the web (Settings → Mobile devices).`
                : `You cannot make this change. ${permissions.whoCanAct ?? ''}`.trim(),
          }),
    };
  }

  async runAction(caseId: string, action: WizardAction): Promise<CaseView> {
    const session = this.sessions.writable(caseId);
    const preview = this.previewAction(caseId, action);
    if (!preview.allowed) throw new AppError(preview.refusal === 'situation' ? 'CONFLICT' : 'PERMISSION_DENIED', preview.reason ?? 'You cannot make this change.');
    const connection = await this.connectionOf(session);
    const mailbox = session.doc.subject.userUpn;
    const deviceId = 'deviceId' in action ? action.deviceId : undefined;
    // A removal is for the mailbox's findings (the partnership limit), not the removed phone's.
    const about = action.kind === 'remove-device' ? undefined : deviceId;
    const before = targetSnapshot(session, about);
    let result: 'succeeded' | 'failed' = 'succeeded';
    let failure: string | undefined;
    try {
      await performAction(action, mailbox, connection, partnershipOf(session, action));
    } catch (error) {
      result = 'failed';
      failure = error instanceof Error ? error.message : String(error);
    }
    await session.mutate((doc) => ({
      ...doc,
      audit: [
        ...doc.audit,
        {
          at: session.clock.now().toISOString(),
          who: doc.operator.upn ?? doc.operator.name,
          action: action.kind,
          target: 'deviceId' in action ? `${mailbox} / ${action.deviceId}` : mailbox,
          details: failure ? `${preview.command} — ${failure}` : preview.command,
          result,
        },
      ],
    }));
    this.sessions.emit(session);
    if (failure) throw new AppError('UNAVAILABLE', `The change was not made: ${failure}`);
    for (const step of stepsToVerify(action)) await this.run(session, step);
    await this.run(session, 'summary');
    const after = targetSnapshot(session, about);
    // The audit says what changed as Exchange reports it now, and whether the findings it was for are gone.
    const outcome = describeActionOutcome(action.kind, deviceId, before, after);
    if (outcome !== '') {
      await session.mutate((doc) => ({
        ...doc,
        audit: [
          ...doc.audit,
          { at: session.clock.now().toISOString(), who: 'app', action: 'read-back', target: deviceId !== undefined ? `${mailbox} / ${deviceId}` : mailbox, details: outcome.slice(0, 4000), result: 'succeeded' },
        ],
      }));
      this.sessions.emit(session);
    }
    // The structured closure (what it was meant to fix, what is gone, what is still found) goes into
    // the case; the summary then runs again so a fixed finding leaves the ranked list and the headline moves on.
    const closure = judgeActionClosure(action.kind, deviceId, session.clock.now().toISOString(), before, after);
    await session.mutate((doc) => ({ ...doc, closures: [...(doc.closures ?? []), closure].slice(-200) }));
    await this.run(session, 'summary');
    return buildCaseView(session);
  }

  /** Whether a case has a step running (the library refuses to delete or re-analyse it then). */
  isBusy(caseId: string): boolean {
    const session = this.sessions.find(caseId);
    return session !== undefined && [...session.steps.values()].some((s) => s.status === 'running');
  }

  /** Lets go of a case's tenant connection (the case was deleted). */
  async release(caseId: string): Promise<void> {
    const connection = this.connections.get(caseId);
    this.connections.delete(caseId);
    if (connection) await (await connection.catch(() => null))?.close();
  }

  /** Waits until the case's flow, re-runs and steps have all finished (the CLI and tests use it). */
  async settled(caseId: string): Promise<void> {
    const session = this.sessions.get(caseId);
    for (;;) {
      const pending = [...(this.active.get(caseId) ?? []), ...[...session.steps.values()].map((s) => s.running).filter((p) => p !== undefined)];
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.connections.keys()].map((id) => this.release(id)));
  }

  // --- internals -------------------------------------------------------------------------

  private track(session: CaseSession, work: Promise<unknown>): void {
    const set = this.active.get(session.id) ?? new Set();
    this.active.set(session.id, set);
    const tracked = work.catch((error: unknown) => console.error(`[flow] case ${session.id}:`, error)).finally(() => set.delete(tracked));
    set.add(tracked);
  }

  private connectionOf(session: CaseSession): Promise<TenantConnection> {
    let connection = this.connections.get(session.id);
    if (connection === undefined) {
      connection = this.options.openConnection(session.doc.connection).then((opened) => {
        // From now on the case lives on its tenant's clock (the scenario's, for the demo).
        session.clock = opened.clock;
        opened.onShellStatus((state) => this.options.events.emit('onShellStatus', { state: state === 'stopped' ? 'idle' : state }));
        return opened;
      });
      connection.catch(() => this.connections.delete(session.id));
      this.connections.set(session.id, connection);
    }
    return connection;
  }

  /** The logs step ran on a live connection, but without this ActiveSync phone's log. */
  private logNotFetched(session: CaseSession, phone: DeviceView): boolean {
    return (
      !phone.notEas &&
      session.steps.get('connect')?.status === 'done' &&
      session.steps.get('logs')?.status === 'done' &&
      session.get(EVIDENCE.mailboxLog(phone.deviceId)) === undefined
    );
  }

  /**
   * The case's phone once Exchange has listed the mailbox's phones: the ID the operator typed, in
   * Exchange's spelling (IDs match whatever their case, and every step then finds the phone); or,
   * with no ID typed and exactly one ActiveSync phone, that phone (there is nothing to pick). An
   * ID Exchange does not know stays as typed: the mailbox step says so.
   */
  private async settleSelectedPhone(session: CaseSession): Promise<void> {
    const phones = deviceViews(session);
    const typed = session.selectedDeviceId;
    let deviceId: string;
    if (typed !== undefined) {
      const known = phones.find((d) => sameName(d.deviceId, typed));
      if (known === undefined || known.deviceId === typed) return;
      deviceId = known.deviceId;
    } else {
      const eas = phones.filter((d) => !d.notEas);
      if (eas.length !== 1) return;
      deviceId = eas[0]!.deviceId;
    }
    session.selectedDeviceId = deviceId;
    await session.mutate((doc) => ({ ...doc, subject: { ...doc.subject, deviceId } }));
    this.sessions.emit(session);
  }

  /** Records a step's outcome that did not come from running it (evidence the operator added). */
  private async record(session: CaseSession, id: WizardStepId, status: 'done' | 'skipped', result: StepResult): Promise<void> {
    const finishedAt = wallClockNow().toISOString();
    session.steps.set(id, { status, finishedAt, result });
    const evidence = session.doc.evidence.filter((e) => e.step === id).map((e) => e.id);
    try {
      await session.mutate((doc) =>
        upsertStep(doc, { id, title: stepTitle(id), status, finishedAt, summary: result.summary, outcome: result.outcome, checks: result.checks, evidence }),
      );
    } finally {
      this.sessions.emit(session);
    }
  }

  /** Marks a step as not run, with why; a failed save does not stop the flow that skips it. */
  private skip(session: CaseSession, id: WizardStepId, summary: string): Promise<void> {
    return this.record(session, id, 'skipped', { outcome: 'info', summary, checks: [] }).catch(() => {});
  }


  /** Runs one step with progress, cancel and autosave; true when it finished. */
  private run(session: CaseSession, id: WizardStepId): Promise<boolean> {
    const current = session.steps.get(id);
    if (current?.status === 'running' && current.running) return current.running.then(() => session.steps.get(id)?.status === 'done');
    const abort = new AbortController();
    // Step times are the operator's waiting time, so they are on the wall clock.
    const runtime: NonNullable<ReturnType<typeof session.steps.get>> = { status: 'running', startedAt: wallClockNow().toISOString(), abort };
    session.steps.set(id, runtime);
    this.sessions.emit(session);
    const finished = (async () => {
      try {
        const progress: StepContext['progress'] = (message, fraction) => {
          runtime.progress = { message, ...(fraction !== undefined ? { fraction } : {}) };
          this.sessions.emit(session);
        };
        // A service asked to wait (Graph throttling): say so on this step, keeping its bar where it was.
        const result = await reportingWaits(
          (wait) => {
            const before = runtime.progress;
            progress(describeWait(wait), before?.fraction);
            const shown = runtime.progress;
            // When the wait is over the step's own words come back, unless it has moved on meanwhile.
            setTimeout(() => {
              if (runtime.status !== 'running' || runtime.progress !== shown) return;
              runtime.progress = before;
              this.sessions.emit(session);
            }, wait.waitMs).unref?.();
          },
          () => this.execute(session, id, abort.signal, progress),
        );
        if (runtime.status === 'cancelled') return;
        runtime.status = 'done';
        runtime.result = result;
      } catch (error) {
        if (runtime.status === 'cancelled') return;
        runtime.status = 'failed';
        runtime.error = { code: error instanceof AppError ? error.code : 'FAILED', message: error instanceof Error ? error.message : String(error) };
      } finally {
        runtime.finishedAt ??= wallClockNow().toISOString();
        runtime.progress = undefined;
        runtime.running = undefined;
        const evidence = session.doc.evidence.filter((e) => e.step === id).map((e) => e.id);
        await session
          .mutate((doc) =>
            upsertStep(doc, {
              id,
              title: stepTitle(id),
              status: runtime.status,
              ...(runtime.startedAt ? { startedAt: runtime.startedAt } : {}),
              ...(runtime.finishedAt ? { finishedAt: runtime.finishedAt } : {}),
              ...(runtime.result ? { summary: runtime.result.summary, outcome: runtime.result.outcome, checks: runtime.result.checks } : {}),
              evidence,
              ...(runtime.error ? { error: runtime.error } : {}),
            }),
          )
          .catch(() => {});
        this.sessions.emit(session);
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
        session.permissions = {
          canAct: result.canAct,
          missing: result.missing,
          ...(result.whoCanAct ? { whoCanAct: result.whoCanAct } : {}),
          ...(result.canRemoveDevices ? { canRemoveDevices: true } : {}),
        };
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
      default:
        return assertNever(id);
    }
  }
}

/** For remove-device: the partnership's Identity and how the operator knows it (name, last sync), from the case's evidence. */
function partnershipOf(session: CaseSession, action: WizardAction): PartnershipRef | undefined {
  if (action.kind !== 'remove-device') return undefined;
  const devices = session.get<MobileDevice[]>(EVIDENCE.mobileDevices);
  const device = devices?.available ? devices.data.find((d) => (d.DeviceId ?? d.Identity).toLowerCase() === action.deviceId.toLowerCase()) : undefined;
  const guard = actionSituation(session).devices.find((d) => d.deviceId.toLowerCase() === action.deviceId.toLowerCase());
  if (device === undefined || guard === undefined) return undefined;
  return { identity: device.Identity, label: partnershipLabel(guard) };
}

/**
 * The case's view of an action's target: Exchange's last answers, debug logging as read back, and
 * the findings about it (the phone's, or the mailbox's; notes left out). The audit's read-back text
 * and the closure's judgement both read it.
 */
function targetSnapshot(session: CaseSession, deviceId: string | undefined): ClosureSnapshot {
  const about = (findingDevice: string | undefined) =>
    deviceId === undefined ? findingDevice === undefined : findingDevice !== undefined && findingDevice.toLowerCase() === deviceId.toLowerCase();
  return {
    situation: actionSituation(session),
    debugLogging: session.get<CasMailbox>(EVIDENCE.debugLogging)?.available === true ? debugLoggingReadBack(session) : null,
    findings: session.doc.findings.filter((f) => f.severity !== 'info' && about(f.deviceId)),
  };
}

function upsertStep(doc: CaseDocument, step: CaseDocument['steps'][number]): CaseDocument {
  const steps = doc.steps.filter((s) => s.id !== step.id);
  steps.push(step);
  const order = (id: string) => stepIndex(id as WizardStepId);
  steps.sort((a, b) => order(a.id) - order(b.id));
  return { ...doc, steps };
}
