import { parentPort, workerData } from 'node:worker_threads';
import { fuzzTarget } from './fuzz-engine';
import { fuzzTargets } from './fuzz-targets';

// One target per worker thread, so the CLI's watchdog can end an input that never returns.
const { target: name, iterations, seed } = workerData as { target: string; iterations: number; seed: number };
const target = fuzzTargets().find((t) => t.name === name);
if (target === undefined) throw new Error(`unknown fuzz target ${name}`);
const report = fuzzTarget(target, {
  iterations,
  seed,
  progressEvery: 1000,
  onProgress: (done) => parentPort!.postMessage({ type: 'progress', done }),
});
parentPort!.postMessage({ type: 'report', report });
