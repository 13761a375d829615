import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/ipc/result';
import type { PowerShellInstallView } from '../../shared/models/settings';
import { powerShellCandidates, type DiscoveryOptions } from './executable-discovery';

/** What running a program to ask its version found: PowerShell 7.x or 5.1, or not PowerShell. */
export type PowerShellProbe = (file: string) => Promise<{ kind: 'pwsh' | 'powershell'; version: string } | null>;

/** A stable id for an install that names no path, so the renderer can pick one but never supply one. */
export function installIdOf(file: string): string {
  return `ps-${createHash('sha256').update(file).digest('hex').slice(0, 16)}`;
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Asks a program what it is. pwsh answers `-Version` with "PowerShell 7.x.y"; Windows PowerShell
 * (powershell.exe) has no such switch, so it is asked for $PSVersionTable instead and must say 5.1.
 * No shell is involved: the file runs directly with fixed arguments.
 */
export const probePowerShell: PowerShellProbe = (file) => {
  const windowsPowerShell = /^powershell(\.exe)?$/i.test(path.basename(file));
  const args = windowsPowerShell
    ? ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()']
    : ['-Version'];
  return new Promise((resolve) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true, shell: false }, (error, stdout) => {
      if (error) return resolve(null);
      const text = String(stdout).trim();
      if (windowsPowerShell) {
        const match = /^(5\.1\.\d+(?:\.\d+)?)$/m.exec(text);
        return resolve(match ? { kind: 'powershell', version: match[1]! } : null);
      }
      const match = /^PowerShell (7\.\d+\.\d+)\b/m.exec(text);
      resolve(match ? { kind: 'pwsh', version: match[1]! } : null);
    });
  });
};

export interface PowerShellInstallsOptions {
  discovery?: Omit<DiscoveryOptions, 'setting'>;
  probe?: PowerShellProbe;
  /** The install saved in settings (a path main resolved earlier), offered again. */
  saved?: () => Promise<string | undefined>;
}

/**
 * The PowerShell installs the settings screen may choose from, each checked by running it. The
 * renderer only ever sends back an id from this list; main turns it into the path it runs.
 */
export class PowerShellInstalls {
  /** Files the operator picked in main's dialog this session (already checked). */
  private readonly chosen: string[] = [];
  private readonly probed = new Map<string, Promise<PowerShellInstallView | null>>();

  constructor(private readonly options: PowerShellInstallsOptions = {}) {}

  async list(): Promise<PowerShellInstallView[]> {
    const saved = await this.options.saved?.();
    const files = [
      ...powerShellCandidates(this.options.discovery).map((c) => ({ file: c.path, source: c.source })),
      ...(saved ? [{ file: saved, source: 'chosen' as const }] : []),
      ...this.chosen.map((file) => ({ file, source: 'chosen' as const })),
    ];
    const seen = new Set<string>();
    const unique = files.filter(({ file }) => !seen.has(file) && seen.add(file));
    const checked = await Promise.all(unique.map(({ file, source }) => this.check(file, source)));
    return checked.filter((i): i is PowerShellInstallView => i !== null);
  }

  /** The install with this id, or null when main does not offer it. */
  async resolve(id: string): Promise<PowerShellInstallView | null> {
    return (await this.list()).find((install) => install.id === id) ?? null;
  }

  /** Takes a file the operator picked in main's dialog, if running it shows PowerShell 7.x or 5.1. */
  async adopt(file: string): Promise<PowerShellInstallView> {
    const absolute = path.resolve(file);
    this.probed.delete(absolute);
    const install = await this.check(absolute, 'chosen');
    if (install === null) {
      throw new AppError(
        'INVALID_REQUEST',
        `${path.basename(absolute)} is not PowerShell 7 or Windows PowerShell 5.1: running it to ask its version gave no PowerShell answer. Choose pwsh (pwsh.exe on Windows).`,
      );
    }
    if (!this.chosen.includes(absolute)) this.chosen.push(absolute);
    return install;
  }

  private check(file: string, source: PowerShellInstallView['source']): Promise<PowerShellInstallView | null> {
    let pending = this.probed.get(file);
    if (pending === undefined) {
      pending = (this.options.probe ?? probePowerShell)(file).then((found) =>
        found === null
          ? null
          : {
              id: installIdOf(file),
              path: file,
              kind: found.kind,
              version: found.version,
              source,
              label: `${found.kind === 'pwsh' ? 'PowerShell' : 'Windows PowerShell'} ${found.version} — ${file}`,
            },
      );
      this.probed.set(file, pending);
    }
    return pending;
  }
}
