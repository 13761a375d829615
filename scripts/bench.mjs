// `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs each in its own Node
// process (with --expose-gc), so one benchmark's heap never colours another's figures.
// A benchmark prints result lines prefixed "@@BENCH@@" + JSON {name, ...figures}; they are
// collected into bench-results/latest.json and printed as a table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './lib/tools.mjs';

const only = process.argv.slice(2);
const dir = path.join(ROOT, 'bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const outDir = path.join(ROOT, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
const results = [];
let failures = 0;
for (const file of files) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, '.cjs'));
  await build({ entryPoints: [path.join(dir, file)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', packages: 'external' });
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of run.stdout.split(/\r?\n/)) {
    if (line.startsWith('@@BENCH@@')) results.push({ file, ...JSON.parse(line.slice(9)) });
    else if (line.trim() !== '') console.log(line);
  }
  if (run.status !== 0) {
    failures++;
    console.error(`${file} exited with ${run.status}`);
  }
}
mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench-results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
console.log('\n=== results');
for (const r of results) {
  const { file: _file, name, ...figures } = r;
  console.log(`${name}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
process.exit(failures === 0 ? 0 : 1);
