import { describe, expect, it } from 'vitest';
import { fuzzTarget } from '../../../bench/fuzz/fuzz-engine';
import { fuzzTargets } from '../../../bench/fuzz/fuzz-targets';

// The short form of `node scripts/fuzz.mjs` (which runs 1,000,000 inputs per parser): 20,000
// mutated inputs per parser on every test run, a fixed seed per run of the suite so a failure
// reproduces. No crash (an exception the parser is not designed to give) and no input slower
// than a second.
const ITERATIONS = Number(process.env.EAS_FUZZ_SHORT ?? 20_000);
const SEED = 20_261_204;

describe('parser fuzzing, short form', () => {
  for (const target of fuzzTargets()) {
    it(`${target.name}: ${ITERATIONS} inputs, no crash, no hang`, { timeout: 120_000 }, () => {
      const report = fuzzTarget(target, { iterations: ITERATIONS, seed: SEED });
      expect(report.inputs).toBe(ITERATIONS);
      expect(report.examples, JSON.stringify(report.examples.slice(0, 2))).toEqual([]);
      expect(report.crashes).toBe(0);
      expect(report.hangs).toBe(0);
    });
  }

  it('the harness catches a hang: an input slow every time it runs', () => {
    const report = fuzzTarget(
      { name: 'slow', seeds: [Buffer.from('abc')], tokens: ['y'], maxBytes: 64, run: (input) => { if (input.includes(0x79)) { const until = performance.now() + 30; while (performance.now() < until); } } },
      { iterations: 40, seed: 2, hangMs: 20 },
    );
    expect(report.hangs).toBeGreaterThan(0);
    expect(report.examples[0]).toMatchObject({ kind: 'hang' });
  });

  it('the harness catches a crash (a target that throws on a byte is reported)', () => {
    const report = fuzzTarget(
      { name: 'broken', seeds: [Buffer.from('abc')], tokens: ['x'], maxBytes: 64, run: (input) => { if (input.includes(0x78)) throw new TypeError('boom'); } },
      { iterations: 2000, seed: 1 },
    );
    expect(report.crashes).toBeGreaterThan(0);
    expect(report.examples[0]).toMatchObject({ kind: 'crash', message: 'TypeError: boom' });
  });
});
