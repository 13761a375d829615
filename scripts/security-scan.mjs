// Runs electronegativity over the Electron-facing code and the renderer's HTML. Fails on any
// HIGH or MEDIUM finding that is not listed, with its reason, in
// security/electronegativity-reviewed.json, and on listed entries that no longer match (stale).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/tools.mjs';

const ELECTRON_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
const stage = mkdtempSync(path.join(tmpdir(), 'eas-scan-'));
const report = path.join(stage, 'report.csv');
try {
  cpSync(path.join(ROOT, 'src-main'), path.join(stage, 'input', 'src-main'), { recursive: true });
  cpSync(path.join(ROOT, 'src-renderer', 'index.html'), path.join(stage, 'input', 'index.html'));
  const bin = path.join(ROOT, 'node_modules', '.bin', 'electronegativity');
  const run = spawnSync(bin, ['-i', path.join(stage, 'input'), '-o', report, '-r', '-v', 'false', '-e', ELECTRON_VERSION], {
    encoding: 'utf8',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`electronegativity exited with ${run.status}`);
  }
  const findings = parseCsv(readFileSync(report, 'utf8'));
  const { reviewed } = JSON.parse(readFileSync(path.join(ROOT, 'security', 'electronegativity-reviewed.json'), 'utf8'));
  const used = new Set();
  const unreviewed = [];
  for (const f of findings) {
    if (f.severity !== 'HIGH' && f.severity !== 'MEDIUM') continue;
    const index = reviewed.findIndex((r) => r.check === f.issue && r.file === f.filename && r.sample === f.sample);
    if (index === -1) unreviewed.push(f);
    else used.add(index);
  }
  const stale = reviewed.filter((_r, i) => !used.has(i));
  const bySeverity = (s) => findings.filter((f) => f.severity === s).length;
  console.log(`electronegativity ${ELECTRON_VERSION}: ${findings.length} findings (high ${bySeverity('HIGH')}, medium ${bySeverity('MEDIUM')}, low ${bySeverity('LOW')}, informational ${bySeverity('INFORMATIONAL')}); reviewed ${used.size}; unreviewed high/medium ${unreviewed.length}`);
  for (const f of unreviewed) console.error(`UNREVIEWED ${f.severity} ${f.issue} ${f.filename}:${f.location} ${f.sample}`);
  for (const r of stale) console.error(`STALE review entry ${r.check} ${r.file}: ${r.sample}`);
  process.exitCode = unreviewed.length === 0 && stale.length === 0 ? 0 : 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}

function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += ch;
      }
    }
    cells.push(cell);
    const [issue, severity, confidence, filename, location, sample] = cells.map((c) => c.trim());
    rows.push({ issue, severity, confidence, filename, location, sample });
  }
  return rows;
}
