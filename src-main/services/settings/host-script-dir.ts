import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where EasHost.ps1 and allowlist.json are: the packaged app's resources/powershell folder
 * (electron-builder.yml copies assets/powershell there), else assets/powershell next to `out/`
 * in a checkout. EAS_HOST_SCRIPT_DIR overrides, for admins who keep a reviewed copy elsewhere.
 */
export function resolveHostScriptDir(options: { outDir: string; resourcesDir?: string }): string {
  if (process.env.EAS_HOST_SCRIPT_DIR) return process.env.EAS_HOST_SCRIPT_DIR;
  const packaged = options.resourcesDir ? path.join(options.resourcesDir, 'powershell') : undefined;
  if (packaged && existsSync(path.join(packaged, 'EasHost.ps1'))) return packaged;
  return path.join(options.outDir, '..', 'assets', 'powershell');
}
