import { LogAnalysisSession } from '../../../domain/diagnosis/log-analysis-session';
import type { DeviceMailboxLog } from '../../../shared/models/exchange';
import type { CheckView } from '../../../shared/models/wizard';
import type { StepResult } from '../case-session';
import { EVIDENCE } from '../evidence-names';
import { check, orUnavailable, worstOutcome, type StepContext } from '../step-context';
import { deviceLogViews } from '../case-view';
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
  const checks: CheckView[] = [];
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
    const label = `The log of ${deviceName(device)} was fetched`;
    checks.push(
      !log.available
        ? check(`log-${device.deviceId}`, label, 'unavailable', log.reason, [log])
        : log.data.trim() === ''
          ? check(`log-${device.deviceId}`, label, 'warning', 'The log is empty: no request from this phone has reached the mailbox since logging was turned on (or the user has not tried yet).', [log])
          : check(`log-${device.deviceId}`, label, 'info', `${Math.max(1, Math.round(log.data.length / 1024))} KB of log text.`, [log]),
    );
  }
  ctx.progress('Analysing the logs…', 0.95);
  analyseCapturedLogs(ctx.session);
  const analysis = session.logAnalysis;
  if (analysis) {
    for (const pattern of analysis.analysis.patterns) {
      // A healthy sync rhythm is a pattern too, and good news; one reset is worth a note, not a warning.
      const outcome = pattern.kind === 'healthy' ? 'ok' : pattern.kind === 'sync-key-reset' ? 'info' : 'warning';
      checks.push(check(`pattern-${checks.length}`, 'Pattern in the log', outcome, pattern.summary));
    }
  }
  if (targets.length === 0) {
    checks.push(check('no-devices', 'There is a phone whose log can be fetched', 'unavailable', 'No ActiveSync phone is known for this mailbox, so there is no log to fetch.'));
  }
  const fetched = checks.filter((c) => c.id.startsWith('log-') && c.outcome === 'info').length;
  return {
    outcome: worstOutcome(checks.filter((c) => !c.id.startsWith('log-') || c.outcome !== 'info')),
    summary:
      fetched === 0
        ? 'No mailbox log could be fetched; see why below.'
        : `Analysed the logs of ${fetched} phone(s): ${analysis?.analysis.devices.reduce((n, d) => n + d.entryCount, 0) ?? 0} requests.`,
    checks,
  };
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
