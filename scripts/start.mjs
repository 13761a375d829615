// `npm start`: the Electron app where an Electron binary exists; otherwise the loopback browser
// host, which prints its URL (with the per-launch token) and tries to open it in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary, ROOT } from './lib/tools.mjs';

const forwarded = process.argv.slice(2);
if (!existsSync(path.join(ROOT, 'out', 'main', 'main.cjs'))) {
  console.error('The app is not built yet. Run: npm run build');
  process.exit(1);
}
const electron = process.env.EAS_FORCE_BROWSER_HOST ? null : findElectronBinary();
const [command, args] =
  electron !== null
    ? [electron, [ROOT, ...forwarded]]
    : [process.execPath, [path.join(ROOT, 'out', 'host', 'host.cjs'), ...forwarded]];
if (electron === null) console.log('No Electron binary on this machine: starting the browser host instead.');
const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
