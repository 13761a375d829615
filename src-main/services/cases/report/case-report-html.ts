import type { CaseDocument, CaseStep, EvidenceItem } from '../../../shared/models/case';
import type { Finding } from '../../../shared/models/finding';
import { escapeHtml as esc } from './html-escape';
import { isWizardStepId, stepTitle } from '../../../shared/models/steps';

/*
 * report.html: the case as one printable page. Pure (case in, string out) and self-contained: no
 * scripts, no external resources (the CSP forbids both even if a later change slipped one in),
 * and every value from the case is escaped.
 */

/** Options that are not part of the case itself. */
export interface ReportOptions {
  appVersion: string;
  /** When the report was produced (ISO); shown in the footer. */
  generatedAt: string;
  /** Shown as a banner when identifiers were replaced with pseudonyms. */
  redacted?: boolean;
}

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
body { font: 14px/1.45 "Segoe UI", system-ui, sans-serif; color: #1b1b1b; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } .muted { color: #555; } .banner { background: #fff4ce; border: 1px solid #c8a600; padding: 6px 10px; }
.finding { border: 1px solid #ccc; border-left-width: 6px; padding: 8px 12px; margin: 8px 0; page-break-inside: avoid; }
.sev-blocker { border-left-color: #c50f1f; } .sev-warning { border-left-color: #bc4b09; } .sev-info { border-left-color: #0f6cbd; }
code { font-family: Consolas, monospace; font-size: 12px; word-break: break-all; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
`;

const SEVERITY_LABEL: Record<Finding['severity'], string> = {
  blocker: 'Blocks sync',
  warning: 'Warning',
  info: 'Information',
};

const WHO_LABEL: Record<Finding['nextSteps'][number]['who'], string> = {
  'tier1-in-app': 'You, in this app',
  tier1: 'You',
  user: 'The user',
  escalate: 'Escalate',
};

const row = (cells: string[], tag: 'td' | 'th' = 'td') =>
  `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const opt = (text: string | undefined) => (text === undefined ? '<span class="muted">–</span>' : esc(text));

function findingHtml(finding: Finding): string {
  const steps = finding.nextSteps
    .map((step) => {
      const to = step.escalateTo !== undefined ? ` (${esc(step.escalateTo)})` : '';
      return `<li><strong>${esc(WHO_LABEL[step.who])}${to}:</strong> ${esc(step.text)}</li>`;
    })
    .join('');
  const evidence = finding.evidence
    .map((ref) => {
      const parts = [`step ${ref.step}`, ref.object, ref.detail].filter((p) => p !== undefined);
      const entries = ref.logEntries !== undefined ? ` (log entries ${ref.logEntries.join(', ')})` : '';
      return `<li>${esc(parts.join(' – '))}${esc(entries)}</li>`;
    })
    .join('');
  return `<section class="finding sev-${esc(finding.severity)}">
<h3>${esc(finding.title)}</h3>
<p class="muted">${esc(SEVERITY_LABEL[finding.severity])} · confidence ${esc(finding.confidence)} · code <code>${esc(finding.code)}</code>${finding.deviceId !== undefined ? ` · device <code>${esc(finding.deviceId)}</code>` : ''}</p>
<p>${esc(finding.explanation)}</p>
${steps === '' ? '' : `<p><strong>What to do next</strong></p><ol>${steps}</ol>`}
${evidence === '' ? '' : `<p><strong>Evidence</strong></p><ul>${evidence}</ul>`}
</section>`;
}

function stepRow(step: CaseStep): string {
  const error = step.error !== undefined ? `<br><strong>Error:</strong> ${esc(step.error.message)}` : '';
  return row([
    // The table's title for a step this version knows; a saved title only for one it does not.
    esc(isWizardStepId(step.id) ? stepTitle(step.id) : (step.title ?? step.id)),
    esc(step.status),
    opt(step.startedAt),
    opt(step.finishedAt),
    `${opt(step.summary)}${error}`,
  ]);
}

function evidenceRow(item: EvidenceItem): string {
  const file =
    item.fileName !== undefined
      ? `<code>evidence/${esc(item.fileName)}</code><br>${esc(String(item.size))} bytes<br><code>${esc(item.sha256 ?? '')}</code>`
      : `<em>Not captured:</em> ${opt(item.unavailableReason)}`;
  return row([esc(item.kind), esc(item.source), esc(item.step), esc(item.capturedAt), file]);
}

const byRank = (a: Finding, b: Finding) =>
  (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER);

/** Renders the whole case as a self-contained, printable HTML document. */
/** What the operator's changes fixed, read back from Exchange (times on the case's clock, as stored). */
function resolvedHtml(closures: NonNullable<CaseDocument['closures']>): string {
  if (closures.length === 0) return '';
  const item = (c: (typeof closures)[number]) =>
    `<li>${esc(c.at)} · ${esc(c.action)}${c.deviceId !== undefined ? ` (${esc(c.deviceId)})` : ''}: ${[
      ...c.fixed.map((f) => `Fixed: ${esc(f.words)}.`),
      ...c.remaining.map((f) => esc(f.words)),
      ...c.readBack.map((v) => `${esc(v.label)}: ${esc(v.before)} → ${esc(v.after)}.`),
    ].join(' ')}</li>`;
  return `<h2>Resolved</h2>\n<ul>\n${closures.map(item).join('\n')}\n</ul>`;
}

export function renderCaseReport(doc: CaseDocument, options: ReportOptions): string {
  const connection =
    doc.connection.kind === 'demo'
      ? `Demo tenant, scenario "${doc.connection.scenario}"`
      : doc.connection.kind === 'offline'
        ? 'No tenant: case started from files'
        : `Tenant ${doc.connection.tenant}`;
  const findings = [...doc.findings].sort(byRank);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="referrer" content="no-referrer">
<title>${esc(`EAS case ${doc.id}: ${doc.subject.userUpn}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>ActiveSync troubleshooting case</h1>
<p class="muted">Case <code>${esc(doc.id)}</code> · opened ${esc(doc.createdAt)} · last saved ${esc(doc.updatedAt)}${doc.closedAt !== undefined ? ` · closed ${esc(doc.closedAt)}` : ' · still open'}</p>
${options.redacted === true ? '<p class="banner">Names, addresses, device ids and IP addresses in this report are replaced with pseudonyms.</p>' : ''}
<h2>Who and what</h2>
<table>
${row(['User', esc(doc.subject.userUpn)])}
${row(['Device', opt(doc.subject.deviceId)])}
${row(['Symptom', esc(doc.subject.symptom)])}
${row(['Ticket', opt(doc.subject.ticketRef)])}
${row(['Operator', esc(doc.operator.name)])}
${row(['Connection', esc(connection)])}
</table>
<h2>Findings (${findings.length})</h2>
${findings.length === 0 ? '<p>No problem was found by the checks that ran.</p>' : findings.map(findingHtml).join('\n')}
${resolvedHtml(doc.closures ?? [])}
<h2>Steps</h2>
<table>
${row(['Step', 'Status', 'Started', 'Finished', 'Result'], 'th')}
${doc.steps.map(stepRow).join('\n')}
</table>
<h2>Evidence</h2>
<table>
${row(['Kind', 'Source', 'Step', 'Captured', 'File'], 'th')}
${doc.evidence.map(evidenceRow).join('\n')}
</table>
<h2>Audit trail</h2>
<table>
${row(['When', 'Who', 'Action', 'Target', 'Result', 'Details'], 'th')}
${doc.audit.map((a) => row([esc(a.at), esc(a.who), esc(a.action), esc(a.target), esc(a.result), opt(a.details)])).join('\n')}
</table>
<p class="muted">Analysis engine ${esc(doc.analysisEngineVersion)} · ActiveSync Troubleshooter ${esc(options.appVersion)} · report generated ${esc(options.generatedAt)}</p>
</body>
</html>
`;
}
