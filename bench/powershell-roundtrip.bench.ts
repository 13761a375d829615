// Round-trip overhead of the PowerShell host: a trivial allow-listed call from PowerShellSession
// through real pwsh + EasHost.ps1 and back (Host.Ping, answered by the host itself), and one
// stub Exchange cmdlet (Get-CASMailbox from the test stub module, so no network is involved).
// Run from the repo root by `npm run bench powershell`.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { discoverPowerShell } from '../src-main/services/powershell/executable-discovery';
import { buildPwshLaunchSpec } from '../src-main/services/powershell/launch-spec';
import { PowerShellSession } from '../src-main/services/powershell/powershell-session';

const ROOT = process.cwd();
const CALLS = 500;
const WARM_UP = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(name: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  console.log(
    `@@BENCH@@${JSON.stringify({ name, calls: CALLS, medianMs: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), meanMs: round(mean), maxMs: round(samples.at(-1) ?? NaN) })}`,
  );
}

async function main(): Promise<void> {
  const executable = discoverPowerShell({ setting: process.env.EAS_PWSH ?? null });
  const session = new PowerShellSession({
    launch: buildPwshLaunchSpec({
      executable: executable.path,
      hostScriptDir: path.join(ROOT, 'assets', 'powershell'),
      env: { PSModulePath: path.join(ROOT, 'test', 'fixtures', 'powershell') },
    }),
  });
  try {
    const startedAt = performance.now();
    await session.start();
    console.log(`host ready in ${Math.round(performance.now() - startedAt)} ms (${executable.path})`);
    await measure('powershell-roundtrip Host.Ping', () => session.request('Host.Ping'));
    await session.request('Connect-ExchangeOnline', {
      AccessToken: 'bench-token',
      UserPrincipalName: 'bench@contoso.com',
      ShowBanner: false,
    });
    await measure('powershell-roundtrip Get-CASMailbox (stub)', () =>
      session.request('Get-CASMailbox', { Identity: 'alex@contoso.com', ActiveSyncDebugLogging: true }),
    );
  } finally {
    await session.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
