// Demo tenant (issue 4): Graph simulator throughput when paging 5,000 sign-ins, the simulated
// shell's request round trip through a real child process, and the "realistic" latency profile
// as the wizard sees it (Graph 150–600 ms a call, cmdlets 0.5–2 s).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import type * as Esbuild from 'esbuild';
import { DemoIdentityProvider } from '../src-main/services/demo/demo-identity';
import { startGraphSimulator } from '../src-main/services/demo/graph-simulator';
import { loadScenario } from '../src-main/services/demo/scenario/scenario-loader';

const emit = (figures: Record<string, unknown>) => console.log(`@@BENCH@@${JSON.stringify(figures)}`);

async function graphPaging(): Promise<void> {
  const scenario = structuredClone(loadScenario('healthy-iphone'));
  const template = scenario.entra.signIns[0]!;
  scenario.entra.signIns = Array.from({ length: 5000 }, (_, i) => ({
    ...template,
    id: `bench-${i}`,
    createdDateTime: new Date(Date.parse('2026-11-26T09:00:00Z') - i * 60_000).toISOString(),
  }));
  const identity = new DemoIdentityProvider({ scenario });
  await identity.signIn({ method: 'interactive' });
  const { token } = await identity.getToken('graph');
  const sim = await startGraphSimulator({ scenario, latency: 'instant' });
  const started = performance.now();
  let next: string | undefined =
    `${sim.baseUrl}/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`clientAppUsed eq 'Exchange ActiveSync'`)}&$top=100`;
  let items = 0;
  let pages = 0;
  while (next) {
    const res = await fetch(next, {
      headers: { Authorization: `Bearer ${token}`, Prefer: 'include-unknown-enum-members' },
    });
    const body = (await res.json()) as { value: unknown[]; '@odata.nextLink'?: string };
    items += body.value.length;
    pages++;
    next = body['@odata.nextLink'];
  }
  const ms = performance.now() - started;
  await sim.close();
  emit({
    name: 'graph-simulator sign-in paging (5000 items, $top=100)',
    items,
    pages,
    ms: Math.round(ms),
    msPerPage: +(ms / pages).toFixed(2),
  });
}

async function realisticGraphLatency(): Promise<void> {
  const scenario = loadScenario('healthy-iphone');
  const identity = new DemoIdentityProvider({ scenario });
  await identity.signIn({ method: 'interactive' });
  const { token } = await identity.getToken('graph');
  const sim = await startGraphSimulator({ scenario, latency: 'realistic' });
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    await (
      await fetch(`${sim.baseUrl}/v1.0/identity/conditionalAccess/policies`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    times.push(performance.now() - t);
  }
  await sim.close();
  emit({
    name: 'graph-simulator realistic latency (12 calls)',
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    meanMs: Math.round(times.reduce((a, b) => a + b, 0) / times.length),
  });
}

async function shellRoundTrip(): Promise<void> {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-demo-shell-')), 'demo-shell.cjs');
  // esbuild's API cannot itself be bundled, so it is loaded from node_modules at run time.
  const { build } = createRequire(path.resolve('package.json'))('esbuild') as typeof Esbuild;
  await build({
    entryPoints: ['src-main/services/demo/shell/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const identity = new DemoIdentityProvider({ scenario: loadScenario('healthy-iphone') });
  const account = await identity.signIn({ method: 'interactive' });
  const { token } = await identity.getToken('exchange');
  const child = spawn(process.execPath, [outfile, '--scenario', 'healthy-iphone', '--latency', 'instant'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => line.startsWith('@@EASHOST@@ ') && waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const ask = (request: object) => {
    const answer = next();
    child.stdin.write(`${JSON.stringify(request)}\n`);
    return answer;
  };
  const startedAt = performance.now();
  await next();
  const readyMs = performance.now() - startedAt;
  await ask({
    id: 'c',
    cmdlet: 'Connect-ExchangeOnline',
    params: { AccessToken: token, UserPrincipalName: account.username },
  });
  const n = 1000;
  const t = performance.now();
  for (let i = 0; i < n; i++)
    await ask({
      id: `r${i}`,
      cmdlet: i % 2 ? 'Get-MobileDevice' : 'Get-CASMailbox',
      params:
        i % 2
          ? { Mailbox: 'alex.wilber@contoso.example' }
          : { Identity: 'alex.wilber@contoso.example', ActiveSyncDebugLogging: true },
    });
  const ms = performance.now() - t;
  child.stdin.end();
  await new Promise((resolve) => child.on('exit', resolve));
  emit({
    name: 'demo shell round trip (instant, 1000 cmdlets)',
    readyMs: Math.round(readyMs),
    totalMs: Math.round(ms),
    msPerRequest: +(ms / n).toFixed(3),
  });
}

async function main(): Promise<void> {
  await graphPaging();
  await realisticGraphLatency();
  await shellRoundTrip();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
