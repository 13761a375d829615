import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

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
