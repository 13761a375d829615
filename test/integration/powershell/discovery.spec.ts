import { describe, expect, it } from 'vitest';
import {
  discoverPowerShell,
  PowerShellNotFoundError,
} from '../../../src-main/services/powershell/executable-discovery';
import { buildPwshLaunchSpec } from '../../../src-main/services/powershell/launch-spec';
import { compareVersions } from '../../../src-main/services/powershell/module-version';

const existing =
  (...files: string[]) =>
  (candidate: string) =>
    files.includes(candidate);

describe('discoverPowerShell', () => {
  it('uses the setting first, and says so when the set path is wrong', () => {
    const found = discoverPowerShell({
      setting: '/opt/ps/pwsh',
      platform: 'linux',
      env: { PATH: '/usr/bin' },
      fileExists: existing('/opt/ps/pwsh', '/usr/bin/pwsh'),
    });
    expect(found).toEqual({ path: '/opt/ps/pwsh', kind: 'pwsh', source: 'setting' });
    expect(() =>
      discoverPowerShell({
        setting: '/nope/pwsh',
        platform: 'linux',
        env: { PATH: '/usr/bin' },
        fileExists: existing('/usr/bin/pwsh'),
      }),
    ).toThrow(/not found at "\/nope\/pwsh", the path set in Settings/);
  });

  it('then looks on PATH, then in ~/.dotnet/tools', () => {
    expect(
      discoverPowerShell({
        platform: 'linux',
        env: { PATH: '/a:/b' },
        homeDir: '/home/u',
        fileExists: existing('/b/pwsh', '/home/u/.dotnet/tools/pwsh'),
      }),
    ).toMatchObject({
      path: '/b/pwsh',
      source: 'path',
    });
    expect(
      discoverPowerShell({
        platform: 'linux',
        env: { PATH: '/a' },
        homeDir: '/home/u',
        fileExists: existing('/home/u/.dotnet/tools/pwsh'),
      }),
    ).toMatchObject({
      path: '/home/u/.dotnet/tools/pwsh',
      source: 'dotnet-tool',
    });
  });

  it('falls back to Windows PowerShell 5.1 on Windows only', () => {
    const windowsPowerShell = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
    expect(
      discoverPowerShell({
        platform: 'win32',
        env: { Path: 'C:\\tools', SystemRoot: 'C:\\Windows' },
        homeDir: 'C:\\Users\\u',
        fileExists: existing(windowsPowerShell),
      }),
    ).toEqual({ path: windowsPowerShell, kind: 'powershell', source: 'windows-powershell' });
    expect(
      discoverPowerShell({
        platform: 'win32',
        env: { Path: 'C:\\Program Files\\PowerShell\\7' },
        homeDir: 'C:\\Users\\u',
        fileExists: existing('C:\\Program Files\\PowerShell\\7\\pwsh.exe', windowsPowerShell),
      }),
    ).toMatchObject({ kind: 'pwsh', source: 'path' });
  });

  it('explains how to install PowerShell when none is found', () => {
    const find = () =>
      discoverPowerShell({
        platform: 'linux',
        env: { PATH: '/usr/bin' },
        homeDir: '/home/u',
        fileExists: () => false,
      });
    expect(find).toThrow(PowerShellNotFoundError);
    expect(find).toThrow(
      /PowerShell was not found on this computer.*dotnet tool install --global PowerShell/,
    );
    expect(() =>
      discoverPowerShell({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\u', fileExists: () => false }),
    ).toThrow(/winget install --id Microsoft.PowerShell/);
  });
});

describe('buildPwshLaunchSpec', () => {
  it('runs EasHost.ps1 with -File and no profile, adding -ExecutionPolicy Bypass on Windows only', () => {
    const linux = buildPwshLaunchSpec({
      executable: '/usr/bin/pwsh',
      hostScriptDir: '/app/powershell',
      platform: 'linux',
    });
    expect(linux).toMatchObject({
      command: '/usr/bin/pwsh',
      args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', '/app/powershell/EasHost.ps1'],
    });
    const windows = buildPwshLaunchSpec({
      executable: 'pwsh.exe',
      hostScriptDir: '/app/powershell',
      platform: 'win32',
    });
    expect(windows.args.slice(3, 5)).toEqual(['-ExecutionPolicy', 'Bypass']);
  });
});

describe('compareVersions', () => {
  it.each([
    ['3.9.2', '3.1.0', 1],
    ['3.10.0', '3.9.2', 1],
    ['3.1', '3.1.0', 0],
    ['3.0.0', '3.1.0', -1],
    ['3.7.2-Preview1', '3.7.2', 0],
  ])('%s vs %s -> %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
