// Runs the Pester suites under test/powershell in real pwsh. With --summary FILE it writes
// {passed, failed, skipped} there for the combined test report.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findPwsh, pesterModulePath, ROOT } from './lib/tools.mjs';

const summaryIndex = process.argv.indexOf('--summary');
const summaryFile = summaryIndex > 0 ? process.argv[summaryIndex + 1] : null;
const pwsh = findPwsh();
if (pwsh === null) {
  console.error('run-pester: pwsh not found. Run: dotnet tool install --global PowerShell --version 7.6.9');
  process.exit(2);
}
const script = `
$ErrorActionPreference = 'Stop'
Import-Module '${pesterModulePath().replaceAll("'", "''")}' -Force
$config = New-PesterConfiguration
$config.Run.Path = '${path.join(ROOT, 'test', 'powershell').replaceAll("'", "''")}'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $config
'@@PESTER@@' + (@{ passed = $result.PassedCount; failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; skipped = $result.SkippedCount } | ConvertTo-Json -Compress)
`;
const run = spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], {
  cwd: ROOT,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
  maxBuffer: 64 * 1024 * 1024,
});
const lines = (run.stdout ?? '').split(/\r?\n/);
for (const line of lines) if (!line.startsWith('@@PESTER@@')) process.stdout.write(`${line}\n`);
process.stderr.write(run.stderr ?? '');
const marker = lines.find((line) => line.startsWith('@@PESTER@@'));
const summary = marker ? JSON.parse(marker.slice('@@PESTER@@'.length)) : { passed: 0, failed: 1, skipped: 0 };
if (summaryFile) writeFileSync(summaryFile, JSON.stringify(summary));
process.exit(summary.failed > 0 || run.status !== 0 ? 1 : 0);
