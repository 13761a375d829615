import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Which PowerShell was found, and from where. */
export interface PowerShellExecutable {
  path: string;
  /** `pwsh` = PowerShell 7 (preferred); `powershell` = Windows PowerShell 5.1 (fallback). */
  kind: 'pwsh' | 'powershell';
  source: 'setting' | 'path' | 'dotnet-tool' | 'windows-powershell';
}

/** No PowerShell could be found; the message tells the operator how to install one. */
export class PowerShellNotFoundError extends Error {
  override name = 'PowerShellNotFoundError';
}

export interface DiscoveryOptions {
  /** The path the operator set in the app's settings; tried first, and only it when it exists. */
  setting?: string | null;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  fileExists?: (candidate: string) => boolean;
}

/**
 * Finds PowerShell in this order: the setting, pwsh on PATH, ~/.dotnet/tools/pwsh (the .NET
 * global tool), then Windows PowerShell 5.1 (powershell.exe, Windows only).
 */
export function discoverPowerShell(options: DiscoveryOptions = {}): PowerShellExecutable {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const exists = options.fileExists ?? existsSync;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const exe = (name: string) => (platform === 'win32' ? `${name}.exe` : name);
  const kindOf = (file: string): PowerShellExecutable['kind'] =>
    /^powershell(\.exe)?$/i.test(pathApi.basename(file)) ? 'powershell' : 'pwsh';

  const setting = options.setting?.trim();
  if (setting) {
    if (exists(setting)) return { path: setting, kind: kindOf(setting), source: 'setting' };
    throw new PowerShellNotFoundError(
      `PowerShell was not found at "${setting}", the path set in Settings. Correct the path, or clear it so the app looks for PowerShell itself.`,
    );
  }
  const pathDirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const dir of pathDirs) {
    const candidate = pathApi.join(dir, exe('pwsh'));
    if (exists(candidate)) return { path: candidate, kind: 'pwsh', source: 'path' };
  }
  const dotnetTool = pathApi.join(options.homeDir ?? os.homedir(), '.dotnet', 'tools', exe('pwsh'));
  if (exists(dotnetTool)) return { path: dotnetTool, kind: 'pwsh', source: 'dotnet-tool' };
  if (platform === 'win32') {
    const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
    const windowsPowerShell = [
      pathApi.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
      ...pathDirs.map((dir) => pathApi.join(dir, 'powershell.exe')),
    ].find((candidate) => exists(candidate));
    if (windowsPowerShell)
      return { path: windowsPowerShell, kind: 'powershell', source: 'windows-powershell' };
  }
  throw new PowerShellNotFoundError(installGuidance(platform));
}

/**
 * Every place discoverPowerShell would look (the setting aside), that exists, in its order:
 * pwsh on PATH, the .NET global tool, Windows PowerShell 5.1. Settings offer these by id.
 */
export function powerShellCandidates(options: Omit<DiscoveryOptions, 'setting'> = {}): PowerShellExecutable[] {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const exists = options.fileExists ?? existsSync;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const exe = (name: string) => (platform === 'win32' ? `${name}.exe` : name);
  const pathDirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const found: PowerShellExecutable[] = [];
  const add = (candidate: string, kind: PowerShellExecutable['kind'], source: PowerShellExecutable['source']) => {
    if (pathApi.isAbsolute(candidate) && exists(candidate) && !found.some((f) => f.path === candidate)) found.push({ path: candidate, kind, source });
  };
  for (const dir of pathDirs) add(pathApi.join(dir, exe('pwsh')), 'pwsh', 'path');
  add(pathApi.join(options.homeDir ?? os.homedir(), '.dotnet', 'tools', exe('pwsh')), 'pwsh', 'dotnet-tool');
  if (platform === 'win32') {
    const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
    add(pathApi.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'), 'powershell', 'windows-powershell');
  }
  return found;
}

function installGuidance(platform: NodeJS.Platform): string {
  const how =
    platform === 'win32'
      ? 'Install PowerShell 7 (for example: winget install --id Microsoft.PowerShell), or ask IT to enable Windows PowerShell.'
      : platform === 'darwin'
        ? 'Install PowerShell 7 (for example: brew install powershell/tap/powershell, or dotnet tool install --global PowerShell).'
        : "Install PowerShell 7 (for example: dotnet tool install --global PowerShell, or your distribution's powershell package).";
  return `PowerShell was not found on this computer, so Exchange Online checks cannot run. ${how} Then restart the app, or set the path to pwsh in Settings.`;
}
