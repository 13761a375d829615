import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Kills a child and everything it started. PowerShell modules can start helpers (the Exchange
 * module's sign-in broker, for example), so killing only the direct child could leave orphans.
 * On POSIX the child is spawned as the leader of its own process group and the whole group gets
 * SIGKILL; on Windows `taskkill /T /F` walks the tree (not testable on the Linux build machines).
 */
export function killProcessTree(child: ChildProcess, platform: NodeJS.Platform = process.platform): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (platform === 'win32') {
    const killer = spawn('taskkill', ['/PID', String(pid), '/T', '/F'], {
      windowsHide: true,
      stdio: 'ignore',
    });
    killer.on('error', () => child.kill());
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Spawn options that make killProcessTree able to reach the whole tree on this platform. */
export function processGroupSpawnOptions(platform: NodeJS.Platform = process.platform): {
  detached: boolean;
} {
  // A detached child on POSIX leads a new process group. It still dies with us: when our end of
  // its stdin closes, the host reads end-of-file and exits.
  return { detached: platform !== 'win32' };
}
