// Fuzzes the parsers that read untrusted input: the mailbox-log parser, the bundle manifest, the
// browser host's IPC frames (its WebSocket layer and the invoke frame inside), and both sides of
// the PowerShell protocol lines. Each target runs in its own worker thread under a watchdog: an
// input that does not return within --hang-seconds counts as a hang and ends that target.
//   node scripts/fuzz.mjs [--iterations 1000000] [--seed N] [--targets a,b] [--hang-seconds 30]
// The short form (20,000 each) runs in the vitest suite: test/unit/fuzz/parsers-fuzz.spec.ts.
// Results: fuzz-results/latest.json; exit code 1 when any target crashed or hung.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { ROOT } from './lib/tools.mjs';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    targets: { type: 'string' },
    'hang-seconds': { type: 'string', default: '30' },
  },
});
const iterations = Number(values.iterations);
const seed = Number(values.seed);
const hangMs = Number(values['hang-seconds']) * 1000;
const ALL = ['mailbox-log', 'bundle-manifest', 'ipc-frame', 'ws-frames', 'powershell-response-line', 'powershell-request-line'];
const targets = values.targets ? values.targets.split(',') : ALL;

const outfile = path.join(ROOT, 'out', 'fuzz', 'fuzz-worker.cjs');
await build({
  entryPoints: [path.join(ROOT, 'bench', 'fuzz', 'fuzz-worker.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

function runTarget(target) {
  return new Promise((resolve) => {
    const started = Date.now();
    const worker = new Worker(outfile, { workerData: { target, iterations, seed }, env: { ...process.env, EAS_REPO_ROOT: ROOT } });
    let done = 0;
    let last = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - last < hangMs) return;
      clearInterval(watchdog);
      void worker.terminate();
      resolve({ target, inputs: done, crashes: 0, hangs: 1, watchdog: `no progress for ${hangMs / 1000} s after input ${done}`, seconds: (Date.now() - started) / 1000 });
    }, 1000);
    worker.on('message', (message) => {
      last = Date.now();
      if (message.type === 'progress') {
        done = message.done;
        if (done % 100_000 === 0) console.log(`  ${target}: ${done}`);
      } else if (message.type === 'report') {
        clearInterval(watchdog);
        resolve({ ...message.report, seconds: (Date.now() - started) / 1000 });
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      resolve({ target, inputs: done, crashes: 1, hangs: 0, examples: [{ kind: 'crash', message: String(error) }], seconds: (Date.now() - started) / 1000 });
    });
  });
}

console.log(`fuzz: ${iterations} inputs per target, seed ${seed}`);
const reports = [];
for (const target of targets) {
  const report = await runTarget(target);
  reports.push(report);
  console.log(
    `${target.padEnd(26)} ${String(report.inputs).padStart(9)} inputs  ${String(report.crashes).padStart(3)} crashes  ${String(report.hangs).padStart(3)} hangs  ${String(report.slowOnce ?? 0).padStart(3)} slow once  slowest ${report.slowestMs ?? '-'} ms  ${report.inputsPerSecond ?? '-'}/s  (${report.seconds.toFixed(0)} s)`,
  );
  for (const example of report.examples ?? []) console.log(`    ${example.kind}: ${example.message}`);
}
mkdirSync(path.join(ROOT, 'fuzz-results'), { recursive: true });
writeFileSync(path.join(ROOT, 'fuzz-results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), iterations, seed, reports }, null, 2));
const bad = reports.some((r) => r.crashes > 0 || r.hangs > 0 || r.inputs < iterations);
process.exit(bad ? 1 : 0);
