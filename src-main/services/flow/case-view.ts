import type { MailboxLogAnalysis } from '../../domain/diagnosis/analyze-mailbox-log';
import type { DeviceTimeline } from '../../domain/patterns/device-timeline';
import type { CaseView, DeviceLogView, StepView } from '../../shared/models/wizard';
import { WIZARD_STEPS } from '../../shared/models/steps';
import type { CaseSession } from './case-session';
import { DEBUG_LOGGING_HOURS } from '../../domain/evaluators/cas-mailbox';
import { deviceViews } from './steps/mailbox';
import { escalationNote } from './steps/summary';
import { timelineBuckets } from './log-rows';
import type { CasMailbox } from '../../shared/models/exchange';
import { EVIDENCE } from '../../shared/models/evidence-names';
import { snapshotOf } from '../clock/case-clock';
import { offeredActions } from '../../domain/device-access/action-guard';
import { actionSituation } from './action-situation';

/** When the operator turned debug logging on through the app (the audit trail knows). */
export function debugLoggingEnabledAt(session: CaseSession): string | undefined {
  const entry = [...session.doc.audit].reverse().find((a) => a.action === 'enable-debug-logging' && a.result === 'succeeded');
  return entry?.at;
}

/** The renderer's snapshot of a case: a pure function of the session. */
export function buildCaseView(session: CaseSession): CaseView {
  const { doc } = session;
  const steps: StepView[] = WIZARD_STEPS.map(({ id, title }) => {
    const runtime = session.steps.get(id);
    const saved = doc.steps.find((s) => s.id === id);
    return {
      id,
      title,
      status: runtime?.status ?? saved?.status ?? 'pending',
      ...(runtime?.result ? { outcome: runtime.result.outcome, summary: runtime.result.summary } : saved?.summary ? { summary: saved.summary } : {}),
      ...(runtime?.startedAt ?? saved?.startedAt ? { startedAt: runtime?.startedAt ?? saved?.startedAt } : {}),
      ...(runtime?.finishedAt ?? saved?.finishedAt ? { finishedAt: runtime?.finishedAt ?? saved?.finishedAt } : {}),
      ...(runtime?.status === 'running' && runtime.progress ? { progress: runtime.progress } : {}),
      checks: runtime?.result?.checks ?? [],
      ...(runtime?.result?.stop ? { stop: runtime.result.stop } : {}),
      evidence: doc.evidence.filter((e) => e.step === id).map((e) => e.id),
      ...(runtime?.error ? { error: runtime.error } : saved?.error ? { error: { code: saved.error.code ?? 'FAILED', message: saved.error.message } } : {}),
    };
  });

  const readBack = session.get<CasMailbox>(EVIDENCE.debugLogging);
  const enabledAt = debugLoggingEnabledAt(session);
  const enabled = debugLoggingReadBack(session);
  const expiresAt = enabled && enabledAt ? new Date(Date.parse(enabledAt) + DEBUG_LOGGING_HOURS * 3_600_000).toISOString() : undefined;

  const logs = session.logAnalysis?.views ?? [];

  return {
    caseId: doc.id,
    subject: doc.subject,
    connection: doc.connection,
    operator: doc.operator.upn ?? doc.operator.name,
    readOnly: session.readOnly,
    provenance: doc.imported
      ? { kind: 'imported-from-file', importedAt: doc.imported.at, appVersion: doc.imported.appVersion, redacted: doc.imported.redacted }
      : { kind: 'created-here' },
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    clock: snapshotOf(session.clock),
    steps,
    devices: deviceViews(session),
    ...(session.selectedDeviceId ? { selectedDeviceId: session.selectedDeviceId } : {}),
    ...(readBack?.available
      ? {
          debugLogging: {
            enabled,
            verified: true,
            ...(enabled && enabledAt ? { enabledAt } : {}),
            ...(expiresAt ? { expiresAt } : {}),
          },
        }
      : {}),
    logs,
    findings: doc.findings,
    evidence: doc.evidence.map((e) => ({
      id: e.id,
      label: e.source,
      kind: e.kind,
      source: e.source,
      capturedAt: e.capturedAt,
      ...(e.size !== undefined ? { size: e.size } : {}),
      ...(e.unavailableReason !== undefined ? { unavailableReason: e.unavailableReason } : {}),
    })),
    ...(session.permissions ? { permissions: session.permissions } : {}),
    audit: doc.audit,
    ...(doc.closures !== undefined && doc.closures.length > 0 ? { closures: doc.closures } : {}),
    ...(doc.findings.length > 0 ? { escalationNote: escalationNote(session, doc.findings) } : {}),
    // A review-only case offers nothing; a live one only what fits what Exchange last said.
    ...(session.readOnly ? {} : { offeredActions: offeredActions(actionSituation(session)) }),
  };
}

/** The log view's per-device summary: counts, time span, the timeline chart's buckets, patterns. */
export function deviceLogViews(analysis: MailboxLogAnalysis, timelines: readonly DeviceTimeline[]): DeviceLogView[] {
  return timelines.map((timeline) => {
    const summary = analysis.devices.find((d) => d.deviceId === timeline.deviceId);
    return {
      deviceId: timeline.deviceId ?? timeline.key,
      ...(timeline.deviceType ? { deviceType: timeline.deviceType } : {}),
      ...(timeline.userAgent ? { userAgent: timeline.userAgent } : {}),
      ...(timeline.protocolVersion ? { protocolVersion: timeline.protocolVersion } : {}),
      entryCount: timeline.entries.length,
      ...(summary?.firstRequest ? { firstRequest: summary.firstRequest } : {}),
      ...(summary?.lastRequest ? { lastRequest: summary.lastRequest } : {}),
      timeline: timelineBuckets(timeline.entries),
      patterns: analysis.patterns.filter((p) => p.deviceKey === timeline.key).map((p) => p.summary),
    };
  });
}

/** Debug logging as last read back from Exchange (never without -ActiveSyncDebugLogging). */
export function debugLoggingReadBack(session: CaseSession): boolean {
  const readBack = session.get<CasMailbox>(EVIDENCE.debugLogging);
  return readBack?.available === true && readBack.data.ActiveSyncDebugLogging === true;
}
