import { LogAnalysisSession } from '../../../domain/diagnosis/log-analysis-session';
import type { DeviceMailboxLog } from '../../../shared/models/exchange';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../../../shared/models/evidence-names';
import { fromJudgement, orUnavailable, type StepContext } from '../step-context';
import { judgeLogs, type LogFetch } from '../../../domain/judges/logs';
import { debugLoggingEnabledAt, deviceLogViews } from '../case-view';
import { deviceName, deviceViews } from './mailbox';
import { logSourceName } from '../../evidence-import/imported-evidence-names';

/**
 * Fetch and analyse logs: one Get-MobileDeviceStatistics -GetMailboxLog per device (with the
 * device's identity, as Microsoft's scripts do, so logs of several phones never mix: facts F6),
 * the raw text kept as evidence, then the streaming parser and pattern detectors over it.
 */
export async function runLogsStep(ctx: StepContext): Promise<StepResult> {
  const { session, connection } = ctx;
  const all = deviceViews(session).filter((d) => !d.notEas);
  const targets = session.selectedDeviceId ? all.filter((d) => d.deviceId === session.selectedDeviceId) : all;
  const fetches: LogFetch[] = [];
  const mobile = session.get<Array<{ Identity: string; DeviceId?: string | null }>>(EVIDENCE.mobileDevices);
  for (const [index, device] of targets.entries()) {
    ctx.progress(`Fetching the log of ${deviceName(device)}…`, (index + 0.5) / Math.max(targets.length, 1));
    const identity = mobile?.available ? mobile.data.find((m) => (m.DeviceId ?? m.Identity) === device.deviceId)?.Identity : undefined;
    const log = await session.capture<string>(
      'logs',
      EVIDENCE.mailboxLog(device.deviceId),
      { kind: 'mailbox-log', source: 'Get-MobileDeviceStatistics -GetMailboxLog', contentType: 'text/plain' },
      () =>
        orUnavailable(async () => {
          const reports: DeviceMailboxLog[] = await connection.exchange.getDeviceMailboxLog(identity ?? device.deviceId);
          // An empty log while logging is on is evidence too: nothing from this phone reached the mailbox.
          return reports.map((r) => r.report ?? '').join('\n');
        }),
      (text) => text,
    );
    fetches.push({
      deviceId: device.deviceId,
      name: deviceName(device),
      log: log.available ? { characters: log.data.length, empty: log.data.trim() === '' } : { unavailable: log.reason },
    });
  }
  ctx.progress('Analysing the logs…', 0.95);
  analyseCapturedLogs(ctx.session);
  const analysis = session.logAnalysis;
  const target = session.selectedDeviceId ? all.find((d) => d.deviceId === session.selectedDeviceId) : undefined;
  const window = target === undefined ? undefined : { enabledAt: debugLoggingEnabledAt(session), lastSyncAttempt: target.lastSyncAttempt, now: session.clock.now().toISOString() };
  return fromJudgement(session, judgeLogs(analysis ? analysis.analysis : { unavailable: 'No log was analysed.' }, fetches, session.selectedDeviceId, window));
}

/** (Re)builds the analysis from every captured mailbox log: after fetching, and when a case is reopened. */
export function analyseCapturedLogs(session: StepContext['session']): void {
  const analysis = new LogAnalysisSession();
  let any = false;
  for (const [name, captured] of session.raw) {
    if (!name.startsWith('mailbox-log-') || !captured.available) continue;
    const text = captured.data as string;
    if (text.trim() !== '') analysis.addText(logSourceName(session.doc, name, captured.evidenceId), text);
    any = true;
  }
  if (!any) {
    session.logAnalysis = undefined;
    return;
  }
  const finished = analysis.finish();
  const timelines = analysis.timelines();
  session.logAnalysis = { analysis: finished, timelines, views: deviceLogViews(finished, timelines) };
}
