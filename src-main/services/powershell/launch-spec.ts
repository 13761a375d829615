import path from 'node:path';

/**
 * How to start a host that speaks assets/powershell/PROTOCOL.md: the real PowerShell host
 * (pwsh + EasHost.ps1) or the demo tenant's simulated shell (a Node script). The session treats
 * both the same way.
 */
export interface LaunchSpec {
  command: string;
  args: string[];
  /** Variables added to (or overriding) the parent's environment for the child. */
  env?: Record<string, string>;
  cwd?: string;
}

/** Arguments that keep PowerShell quiet and script-only: no banner, no profile, no prompts. */
export const POWERSHELL_HOST_ARGS = ['-NoLogo', '-NoProfile', '-NonInteractive'] as const;

export interface PwshLaunchOptions {
  /** Absolute path of pwsh / powershell.exe (see discoverPowerShell). */
  executable: string;
  /** Folder holding EasHost.ps1, its modules and allowlist.json (assets/powershell in the repo). */
  hostScriptDir: string;
  platform?: NodeJS.Platform;
  env?: Record<string, string>;
}

/** The launch spec for the real PowerShell host script. */
export function buildPwshLaunchSpec(options: PwshLaunchOptions): LaunchSpec {
  const platform = options.platform ?? process.platform;
  // Windows may refuse unsigned scripts under the machine's execution policy; Bypass applies to
  // this process only and is meaningless elsewhere.
  const policy = platform === 'win32' ? ['-ExecutionPolicy', 'Bypass'] : [];
  return {
    command: options.executable,
    args: [...POWERSHELL_HOST_ARGS, ...policy, '-File', path.join(options.hostScriptDir, 'EasHost.ps1')],
    env: options.env,
    cwd: options.hostScriptDir,
  };
}
