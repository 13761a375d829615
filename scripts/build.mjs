// Builds everything into out/: the renderer with Vite, and the Node-side bundles with esbuild
// (Electron main and preload as CommonJS, the browser host and CLI as CommonJS for plain Node).
import { readFile } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const started = Date.now();

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  external: ['electron'],
};

const bundles = [
  { entryPoints: ['src-main/electron/main.ts'], outfile: 'out/main/main.cjs' },
  { entryPoints: ['src-main/electron/preload.ts'], outfile: 'out/preload/preload.cjs', target: 'chrome130' },
  { entryPoints: ['src-main/host/main.ts'], outfile: 'out/host/host.cjs' },
  ...(await optionalEntries()),
];
await Promise.all(bundles.map((b) => esbuild({ ...common, ...b })));
console.log(`build: ${bundles.length + 1} outputs in ${Date.now() - started} ms`);

// Entry points that later parts of the app add; each is built when its source exists.
async function optionalEntries() {
  const { existsSync } = await import('node:fs');
  const candidates = [
    { entryPoints: ['src-main/cli/main.ts'], outfile: 'out/cli/cli.cjs' },
    { entryPoints: ['src-main/services/demo/shell/main.ts'], outfile: 'out/demo-shell/demo-shell.cjs' },
  ];
  return candidates.filter((c) => existsSync(c.entryPoints[0]));
}
