// Locating the external tools the scripts drive: pwsh, Pester, Chromium, the Electron binary.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PESTER_VERSION = '6.2.0';

/** pwsh from $EAS_PWSH, PATH, or the .NET global tools folder; null when none is installed. */
export function findPwsh() {
  const candidates = [
    process.env.EAS_PWSH,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, process.platform === 'win32' ? 'pwsh.exe' : 'pwsh')),
    path.join(homedir(), '.dotnet', 'tools', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh'),
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}

export function pesterModulePath() {
  return path.join(ROOT, '.tools', 'pester', PESTER_VERSION, 'tools', 'Pester.psd1');
}

export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * The Electron binary, without requiring the `electron` package (whose index.js tries to
 * download the binary when it is missing, which cannot work here).
 */
export function findElectronBinary() {
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(base, relative);
  return existsSync(binary) ? binary : null;
}
