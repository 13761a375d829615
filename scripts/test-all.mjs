// Every check and test suite in one run, ending with one line "N passed, N failed" over all
// suites. Gates (typecheck, lint, build, security scan) count as one test each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/tools.mjs';

const reports = path.join(ROOT, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const rows = [];

function run(label, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { status: result.status ?? 1, seconds };
}

function gate(label, command, args) {
  const { status, seconds } = run(label, command, args);
  rows.push({ label, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, seconds });
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

gate('typecheck', 'npm', ['run', '--silent', 'typecheck']);
gate('lint', 'npm', ['run', '--silent', 'lint']);
gate('build', 'npm', ['run', '--silent', 'build']);
gate('security scan', 'npm', ['run', '--silent', 'security:scan']);

{
  const file = path.join(reports, 'vitest.json');
  const { status, seconds } = run('unit and integration (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const report = readJson(file);
  rows.push({
    label: 'vitest',
    passed: report?.numPassedTests ?? 0,
    failed: (report?.numFailedTests ?? 0) + (report === null || (status !== 0 && !report.numFailedTests) ? 1 : 0),
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    seconds,
  });
}

// One clock per case: the suites whose verdicts depend on time run again with the machine's clock
// a year ahead and a month behind. A case must read the same whatever the date (issue "One clock").
const CLOCK_SUITES = ['test/integration/flow/demo-scenarios.spec.ts', 'test/integration/flow/case-clock.spec.ts', 'test/integration/cli/diagnose-every-scenario.spec.ts'];
for (const shift of ['+400 days', '-30 days']) {
  const file = path.join(reports, `vitest-clock${shift.replace(/\W+/g, '-')}.json`);
  const { status, seconds } = run(`clock shifted ${shift} (vitest under faketime)`, 'faketime', [shift, npx, 'vitest', 'run', ...CLOCK_SUITES, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { FAKETIME_DONT_FAKE_MONOTONIC: '1' });
  const report = readJson(file);
  rows.push({
    label: `vitest ${shift}`,
    passed: report?.numPassedTests ?? 0,
    failed: (report?.numFailedTests ?? 0) + (report === null || (status !== 0 && !report.numFailedTests) ? 1 : 0),
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    seconds,
  });
}

{
  const file = path.join(reports, 'pester.json');
  const { status, seconds } = run('PowerShell (Pester in real pwsh)', 'node', ['scripts/run-pester.mjs', '--summary', file]);
  const report = readJson(file);
  rows.push({
    label: 'pester',
    passed: report?.passed ?? 0,
    failed: (report?.failed ?? 0) + (report === null || (status !== 0 && !report.failed) ? 1 : 0),
    skipped: report?.skipped ?? 0,
    seconds,
  });
}

{
  const file = path.join(reports, 'playwright.json');
  const { status, seconds } = run('end to end (Playwright)', npx, ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  const stats = readJson(file)?.stats;
  rows.push({
    label: 'playwright',
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: (stats?.unexpected ?? 0) + (stats === undefined || (status !== 0 && !stats.unexpected) ? 1 : 0),
    skipped: stats?.skipped ?? 0,
    seconds,
  });
}

{
  // The same UI run with the host (where cases are judged) a year ahead of the machine's clock.
  const file = path.join(reports, 'playwright-clock.json');
  const { status, seconds } = run('end to end, host clock +400 days (Playwright)', npx, ['playwright', 'test', 'test/e2e/wizard-scenarios.spec.ts', '-g', 'ca-blocks-eas-group|basic-auth-old-client'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    EAS_E2E_HOST_FAKETIME: '+400 days',
  });
  const stats = readJson(file)?.stats;
  rows.push({
    label: 'playwright +400d',
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: (stats?.unexpected ?? 0) + (stats === undefined || (status !== 0 && !stats.unexpected) ? 1 : 0),
    skipped: stats?.skipped ?? 0,
    seconds,
  });
}

console.log('\n=== summary');
for (const row of rows) {
  console.log(`${row.label.padEnd(16)} ${String(row.passed).padStart(5)} passed ${String(row.failed).padStart(4)} failed ${String(row.skipped).padStart(4)} skipped  (${row.seconds} s)`);
}
const total = rows.reduce((sum, row) => ({ passed: sum.passed + row.passed, failed: sum.failed + row.failed, skipped: sum.skipped + row.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
