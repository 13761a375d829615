import type { Finding } from '../../shared/models/finding';
import type { MailboxLogAnalysis } from '../../domain/diagnosis/analyze-mailbox-log';
import { NotAMailboxLogError } from '../../domain/mailbox-log/parser';
import { LogFileInputError } from '../../services/log-files/analyze-log-files';
import { analyzeEvidenceFiles } from '../../services/evidence-import/analyze-evidence-files';
import { EvidenceInputError } from '../../services/evidence-import/evidence-errors';
import { fileSource } from '../../services/evidence-import/evidence-units';
import { UsageError, type CliCommand } from '../command';
import { followsFromWords, listedCause } from '../../shared/models/finding-cause';

/** `analyze-log <files…> [--json]`: reads EAS mailbox logs and prints devices and ranked findings. */
export const analyzeLogCommand: CliCommand = {
  name: 'analyze-log',
  summary: 'Analyse mailbox logs (.txt, .gz, .zip) and device captures (.har, .saz); list the findings.',
  usage: 'eas-troubleshooter analyze-log <file> [<file>…] [--json]',
  async run(args, io) {
    const json = args.includes('--json');
    const files = args.filter((a) => a !== '--json');
    const unknown = files.find((a) => a.startsWith('--'));
    if (unknown !== undefined) throw new UsageError(`Unknown option ${unknown}. Usage: ${this.usage}`);
    if (files.length === 0) throw new UsageError(`No log file given. Usage: ${this.usage}`);
    let analysis: MailboxLogAnalysis;
    try {
      analysis = (await analyzeEvidenceFiles(files.map(fileSource))).analysis;
    } catch (error) {
      if (error instanceof NotAMailboxLogError || error instanceof LogFileInputError || error instanceof EvidenceInputError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout(json ? `${JSON.stringify(toJson(analysis), null, 2)}\n` : toText(analysis));
    return 0;
  },
};

/** The documented JSON shape of `--json`. */
export function toJson(analysis: MailboxLogAnalysis): object {
  return {
    devices: analysis.devices,
    findings: analysis.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, deviceId: f.deviceId, evidence: f.evidence })),
    warnings: analysis.warnings,
  };
}

function toText(analysis: MailboxLogAnalysis): string {
  const out: string[] = [];
  const entries = analysis.devices.reduce((n, d) => n + d.entryCount, 0);
  out.push(`Read ${entries} log entries from ${analysis.devices.length} device(s).`, '', 'Devices:');
  for (const d of analysis.devices) {
    out.push(`  ${d.deviceId ?? '(unnamed)'}  ${d.deviceType ?? '?'}  EAS ${d.protocolVersion ?? '?'}  ${d.userAgent ?? ''}`.trimEnd());
    out.push(`    ${d.entryCount} entries, ${d.firstRequest ?? '?'} to ${d.lastRequest ?? '?'}`);
  }
  out.push('', analysis.findings.length === 0 ? 'Findings: none' : 'Findings (most likely cause first):');
  for (const f of analysis.findings) out.push(...findingLines(f, analysis.findings));
  if (analysis.warnings.length > 0) {
    out.push('', 'Warnings:', ...analysis.warnings.map((w) => `  - ${w}`));
  }
  out.push('', 'This looks only at the logs and captures given. Sign-ins, Conditional Access and device access settings were not checked.');
  return `${out.join('\n')}\n`;
}

function findingLines(f: Finding, all: readonly Finding[]): string[] {
  const entries = f.evidence.flatMap((e) => e.logEntries ?? []);
  const lines = [`  ${f.rank ?? '-'}. [${f.severity.toUpperCase()}] ${f.title}${f.deviceId === undefined ? '' : ` (device ${f.deviceId})`}  ${f.code}`];
  lines.push(`     ${f.explanation}`);
  const cause = listedCause(all, f);
  const next = f.nextSteps[0];
  if (cause !== undefined) lines.push(`     ${followsFromWords(cause)}`);
  else if (next !== undefined) lines.push(`     Next: ${next.text}`);
  if (entries.length > 0) lines.push(`     Log entries: ${entries.join(', ')}`);
  return lines;
}
