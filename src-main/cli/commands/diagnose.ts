import { parseArgs } from 'node:util';
import type { CaseView } from '../../shared/models/wizard';
import { UsageError, type CliCommand } from '../command';
import { runDiagnosis } from '../run-diagnosis';
import { headline } from '../../domain/diagnosis/rank';
import { followsFromWords, listedCause } from '../../shared/models/finding-cause';

const USAGE = 'eas-troubleshooter diagnose --scenario <name|file> --user <upn> [--device <id>] [--json]';

/** `diagnose`: the whole wizard, headless, against the demo tenant; prints the summary. */
export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: 'Run every wizard step against a demo scenario and print the ranked findings.',
  usage: USAGE,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          scenario: { type: 'string' },
          user: { type: 'string' },
          device: { type: 'string' },
          json: { type: 'boolean', default: false },
          latency: { type: 'string' },
        },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Usage: ${USAGE}`);
    }
    if (!values.scenario || !values.user) throw new UsageError(`diagnose needs --scenario and --user. Usage: ${USAGE}`);
    if (values.latency !== undefined && !['instant', 'demo', 'realistic'].includes(values.latency)) {
      throw new UsageError('--latency must be instant, demo or realistic.');
    }
    const run = await runDiagnosis({
      scenario: values.scenario,
      user: values.user,
      ...(values.device ? { device: values.device } : {}),
      ...(values.latency ? { latency: values.latency as 'instant' | 'demo' | 'realistic' } : {}),
    });
    try {
      // An address that matches no user is bad input, not a diagnosis: one line naming it, exit 2.
      const stop = run.view.steps.find((s) => s.id === 'mailbox')?.stop;
      if (stop?.kind === 'not-found') throw new UsageError(stop.message);
      io.stdout(values.json ? `${JSON.stringify(toJson(run.view), null, 2)}\n` : toText(run.view));
    } finally {
      await run.dispose();
    }
    return 0;
  },
};

export function toJson(view: CaseView): object {
  return {
    caseId: view.caseId,
    user: view.subject.userUpn,
    deviceId: view.selectedDeviceId ?? null,
    steps: view.steps.map((s) => ({ id: s.id, status: s.status, outcome: s.outcome ?? null, summary: s.summary ?? null, error: s.error?.message ?? null })),
    devices: view.devices.map((d) => ({ deviceId: d.deviceId, deviceType: d.deviceType ?? null, accessState: d.accessState ?? null, protocolVersion: d.protocolVersion ?? null })),
    findings: view.findings.map((f) => ({ rank: f.rank ?? null, code: f.code, severity: f.severity, title: f.title, deviceId: f.deviceId ?? null, followsFrom: f.followsFrom ?? null, evidence: f.evidence })),
  };
}

function toText(view: CaseView): string {
  const out = [`Case ${view.caseId} for ${view.subject.userUpn}`, '', 'Steps:'];
  for (const step of view.steps) {
    out.push(`  ${step.title.padEnd(24)} ${step.status.padEnd(9)} ${step.summary ?? step.error?.message ?? ''}`.trimEnd());
  }
  out.push('', headline(view.findings).text, '', view.findings.length === 0 ? 'Findings: none' : 'Findings (most likely cause first):');
  for (const f of view.findings) {
    out.push(`  ${f.rank ?? '-'}. [${f.severity.toUpperCase()}] ${f.title}${f.deviceId ? ` (device ${f.deviceId})` : ''}  ${f.code}`);
    out.push(`     ${f.explanation}`);
    const cause = listedCause(view.findings, f);
    const next = f.nextSteps[0];
    if (cause !== undefined) out.push(`     ${followsFromWords(cause)}`);
    else if (next) out.push(`     Next: ${next.text}`);
  }
  return `${out.join('\n')}\n`;
}
