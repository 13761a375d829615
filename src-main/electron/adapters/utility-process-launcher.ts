import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { HostLauncher, HostProcess } from '../../services/powershell/host-process';
import { DEMO_SHELL_EOF } from '../../services/demo/shell/parent-port-input';

/** The parts of Electron's `utilityProcess` module and its child that the launcher uses. */
export interface UtilityProcessChild {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'exit', listener: (code: number) => void): unknown;
}
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args?: string[],
    options?: { env?: NodeJS.ProcessEnv; stdio?: 'pipe'; cwd?: string; serviceName?: string },
  ): UtilityProcessChild;
}

/**
 * Runs the demo tenant's simulated shell in an Electron utility process, so the app needs
 * neither PowerShell for the demo nor the runAsNode fuse (which would make the signed binary a
 * general Node interpreter). Only the bundled shell script may be started this way: the launch
 * spec's first argument must be exactly `allowedScript`; its command (a Node path) is ignored.
 *
 * A utility process has no stdin, so request lines travel as parentPort messages and the end
 * of input as one DEMO_SHELL_EOF message; stdout and stderr are piped as usual.
 */
export function createUtilityProcessLauncher(utility: UtilityProcessModule, options: { allowedScript: string }): HostLauncher {
  const allowed = path.resolve(options.allowedScript);
  return (spec) => {
    const [script, ...args] = spec.args;
    if (script === undefined || path.resolve(script) !== allowed) {
      throw new Error('Only the demo shell can run in a utility process.');
    }
    const child = utility.fork(allowed, args, {
      // Electron replaces the environment when one is given; keep the parent's and add the spec's.
      env: { ...process.env, ...spec.env, NO_COLOR: '1' },
      stdio: 'pipe',
      serviceName: 'ActiveSync Troubleshooter demo shell',
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
    });
    return wrap(child);
  };
}

function wrap(child: UtilityProcessChild): HostProcess {
  let exited = false;
  const stdin = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (exited) return callback(new Error('The demo shell has ended.'));
      child.postMessage(chunk.toString());
      callback();
    },
    final(callback) {
      if (!exited) child.postMessage(DEMO_SHELL_EOF);
      callback();
    },
  });
  // Never null with stdio 'pipe'; an empty stream keeps the session's code uniform if it were.
  const stdout = child.stdout ?? new PassThrough().end();
  const stderr = child.stderr ?? new PassThrough().end();
  const closeListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  child.on('exit', (code) => {
    exited = true;
    // Like a child process's 'close': only after the output has been read to its end.
    void Promise.all([drained(stdout), drained(stderr)]).then(() => {
      for (const listener of closeListeners) listener(code, null);
    });
  });
  return {
    pid: child.pid,
    stdin,
    stdout,
    stderr,
    // Electron reports a failed start as an exit, which the session treats as a failed start.
    onError: () => {},
    onClose: (listener) => closeListeners.push(listener),
    kill: () => {
      if (!exited) child.kill();
    },
  };
}

function drained(stream: NodeJS.ReadableStream): Promise<void> {
  const state = stream as { readableEnded?: boolean; destroyed?: boolean };
  if (state.readableEnded === true || state.destroyed === true) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    // A stream nobody could finish (the pipe's writer is gone) must not hold 'close' forever.
    setTimeout(resolve, 2_000).unref();
  });
}
