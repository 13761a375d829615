import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const OUT = path.resolve('out/demo-shell/demo-shell.cjs');

/** Builds the simulated shell bundle when it is missing (a test run without `npm run build`). */
export async function ensureDemoShellBundle(): Promise<string> {
  if (existsSync(OUT) && statSync(OUT).size > 0) return OUT;
  await build({
    entryPoints: ['src-main/services/demo/shell/main.ts'],
    outfile: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return OUT;
}
