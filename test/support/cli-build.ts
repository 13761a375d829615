import { spawnSync } from 'node:child_process';
import { readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the CLI bundle when it is missing or older than the sources, so CLI tests run the code under test. */
export function ensureBuilt(root: string): void {
  const bundle = path.join(root, 'out/cli/cli.cjs');
  let stale: boolean;
  try {
    stale = statSync(bundle).mtimeMs < Math.max(newestSource(path.join(root, 'src-main')), statSync(path.join(root, 'assets/findings/catalog.json')).mtimeMs);
  } catch {
    stale = true;
  }
  if (!stale) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
}

const CLI = path.resolve('out/cli/cli.cjs');

/**
 * Builds the CLI bundle from the sources under test and swaps it in with one rename. Test files
 * run in parallel workers and spawn the CLI while another file may be building it: written in
 * place, a spawn could read a half-written bundle and exit with no output at all.
 */
export async function buildCliBundle(): Promise<string> {
  const staging = `${CLI}.${process.pid}.tmp`;
  await build({ entryPoints: ['src-main/cli/main.ts'], outfile: staging, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', define: { __APP_VERSION__: '"0.0.0-test"' }, external: ['electron'] });
  renameSync(staging, CLI);
  return CLI;
}
