import type { FuzzTarget } from './fuzz-targets';

/** What one target's run found. A crash is an exception the parser is not designed to give. */
export interface FuzzReport {
  target: string;
  inputs: number;
  crashes: number;
  /** Inputs that took longer than hangMs twice in a row (the CLI's watchdog also catches inputs that never end). */
  hangs: number;
  /** Inputs that took longer than hangMs once but not when run again: a pause of the machine (GC, a busy CPU), not of the parser. */
  slowOnce: number;
  slowestMs: number;
  inputsPerSecond: number;
  /** The first few crashes: message and input (base64), to reproduce. */
  examples: Array<{ kind: 'crash' | 'hang'; message: string; inputBase64: string }>;
}

export interface FuzzOptions {
  iterations: number;
  seed: number;
  hangMs?: number;
  /** Called every `progressEvery` inputs (the CLI's watchdog listens). */
  onProgress?(done: number): void;
  progressEvery?: number;
}

/** xorshift32: fast, seeded, reproducible. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

const INTERESTING = [0x00, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x2d, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, 0x7f, 0x80, 0xc0, 0xef, 0xfe, 0xff];

/** One mutated input: a seed changed by 1–8 random edits, or (1 in 10) random bytes. */
export function mutate(target: FuzzTarget, next: () => number): Buffer {
  const pick = (n: number) => next() % n;
  if (pick(10) === 0) {
    const out = Buffer.alloc(pick(512));
    for (let i = 0; i < out.length; i++) out[i] = next() & 0xff;
    return out;
  }
  let data = Buffer.from(target.seeds[pick(target.seeds.length)]!);
  const edits = 1 + pick(8);
  for (let e = 0; e < edits; e++) {
    const at = data.length === 0 ? 0 : pick(data.length + 1);
    switch (pick(9)) {
      case 0: // flip a bit
        if (data.length > 0) data[pick(data.length)]! ^= 1 << pick(8);
        break;
      case 1: // an interesting byte
        if (data.length > 0) data[pick(data.length)] = INTERESTING[pick(INTERESTING.length)]!;
        break;
      case 2: {
        // delete a range
        const len = pick(Math.min(64, data.length - at) + 1);
        data = Buffer.concat([data.subarray(0, at), data.subarray(at + len)]);
        break;
      }
      case 3: {
        // insert random bytes
        const bytes = Buffer.alloc(1 + pick(16));
        for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
        data = Buffer.concat([data.subarray(0, at), bytes, data.subarray(at)]);
        break;
      }
      case 4: {
        // a token of this format
        const token = Buffer.from(target.tokens[pick(target.tokens.length)]!, 'utf8');
        data = Buffer.concat([data.subarray(0, at), token, data.subarray(at)]);
        break;
      }
      case 5: {
        // repeat a chunk many times (finds work that grows faster than the input)
        const len = 1 + pick(Math.min(32, Math.max(1, data.length - at)));
        const chunk = data.subarray(at, at + len);
        const times = 2 + pick(200);
        data = Buffer.concat([data.subarray(0, at), ...Array<Buffer>(times).fill(chunk), data.subarray(at)]);
        break;
      }
      case 6: // truncate
        data = data.subarray(0, at);
        break;
      case 7: {
        // splice in part of another seed
        const other = target.seeds[pick(target.seeds.length)]!;
        const from = pick(other.length + 1);
        data = Buffer.concat([data.subarray(0, at), other.subarray(from, from + pick(256)), data.subarray(at)]);
        break;
      }
      default: {
        // overwrite a digit run with a huge or negative number
        const numbers = ['0', '-1', '4294967296', '9007199254740993', '1e308', '-0', '0x10'];
        const token = Buffer.from(numbers[pick(numbers.length)]!);
        data = Buffer.concat([data.subarray(0, at), token, data.subarray(Math.min(data.length, at + pick(4)))]);
      }
    }
    if (data.length > target.maxBytes) data = data.subarray(0, target.maxBytes);
  }
  return data;
}

/** Runs `iterations` mutated inputs through one target. */
export function fuzzTarget(target: FuzzTarget, options: FuzzOptions): FuzzReport {
  const next = rng(options.seed);
  const hangMs = options.hangMs ?? 1000;
  const every = options.progressEvery ?? 1000;
  const report: FuzzReport = { target: target.name, inputs: 0, crashes: 0, hangs: 0, slowOnce: 0, slowestMs: 0, inputsPerSecond: 0, examples: [] };
  const started = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    const input = mutate(target, next);
    const split = input.length === 0 ? 0 : next() % (input.length + 1);
    const t0 = performance.now();
    try {
      target.run(input, split);
    } catch (error) {
      report.crashes++;
      if (report.examples.length < 5) {
        report.examples.push({ kind: 'crash', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error), inputBase64: input.toString('base64') });
      }
    }
    let ms = performance.now() - t0;
    if (ms > hangMs) {
      // Confirm before calling it a hang: on a shared machine one run can stall for reasons
      // that have nothing to do with the input. A slow parser is slow every time.
      const t1 = performance.now();
      try {
        target.run(input, split);
      } catch {
        // Already counted above.
      }
      const again = performance.now() - t1;
      if (again > hangMs) {
        report.hangs++;
        if (report.examples.length < 5) report.examples.push({ kind: 'hang', message: `${ms.toFixed(0)} ms, then ${again.toFixed(0)} ms`, inputBase64: input.toString('base64') });
      } else {
        report.slowOnce++;
        ms = again;
      }
    }
    if (ms > report.slowestMs) report.slowestMs = ms;
    report.inputs++;
    if (options.onProgress && report.inputs % every === 0) options.onProgress(report.inputs);
  }
  report.inputsPerSecond = Math.round(report.inputs / ((performance.now() - started) / 1000));
  report.slowestMs = Math.round(report.slowestMs * 10) / 10;
  return report;
}
