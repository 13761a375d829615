import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { LaunchSpec } from './launch-spec';
import { killProcessTree, processGroupSpawnOptions } from './process-tree';

/**
 * A running host as the session sees it: a request stream in, protocol lines out, diagnostics on
 * stderr, and one `close` when it is gone. A plain child process is one; the desktop app's
 * utility process (src-main/electron/adapters) is another.
 */
export interface HostProcess {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: NodeJS.ReadableStream;
  readonly stderr: NodeJS.ReadableStream;
  /** The process could not be started at all. */
  onError(listener: (error: Error) => void): void;
  /** The process has ended and its output streams are drained. */
  onClose(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Ends the process and anything it started. */
  kill(): void;
}

/** Starts a host from a launch spec. Throws if it cannot even try. */
export type HostLauncher = (spec: LaunchSpec) => HostProcess;

/** The default: a child process in its own process group (so the whole tree can be killed). */
export const spawnHostProcess: HostLauncher = (spec) => {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: {
      ...process.env,
      ...spec.env,
      NO_COLOR: '1',
      TERM: 'dumb',
      __SuppressAnsiEscapeSequences: '1',
    },
    stdio: 'pipe',
    windowsHide: true,
    ...processGroupSpawnOptions(),
  });
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    onError: (listener) => child.on('error', listener),
    onClose: (listener) => child.on('close', listener),
    kill: () => killProcessTree(child),
  };
};
