import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Readable } from 'node:stream';

const SHIM = path.resolve('test/support/utility-process-shim.cjs');

/**
 * Electron's `utilityProcess` stood in by a real Node child: Node's `fork` with an IPC channel,
 * and a shim in the child that provides `process.parentPort` the way Electron does. Like the real
 * API it offers no stdin (a stdin setting other than 'ignore' is an error) and reports `exit`.
 */
export function createFakeUtilityProcess() {
  const forks: Array<{ modulePath: string; args: string[]; options: Record<string, unknown> }> = [];
  return {
    forks,
    utilityProcess: {
      fork(modulePath: string, args: string[] = [], options: { env?: NodeJS.ProcessEnv; stdio?: string; cwd?: string; serviceName?: string } = {}) {
        forks.push({ modulePath, args, options });
        if (options.stdio !== 'pipe') throw new Error('fake utilityProcess: the app must ask for piped stdout/stderr');
        const child = fork(SHIM, [modulePath, ...args], {
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          env: options.env ?? process.env,
          ...(options.cwd ? { cwd: options.cwd } : {}),
        });
        const emitter = new EventEmitter() as EventEmitter & {
          pid: number | undefined;
          stdout: Readable | null;
          stderr: Readable | null;
          postMessage(message: unknown): void;
          kill(): boolean;
        };
        emitter.pid = child.pid;
        emitter.stdout = child.stdout;
        emitter.stderr = child.stderr;
        emitter.postMessage = (message) => {
          if (child.connected) child.send(message as string);
        };
        emitter.kill = () => child.kill('SIGTERM');
        child.on('spawn', () => emitter.emit('spawn'));
        child.on('exit', (code, signal) => emitter.emit('exit', code ?? (signal ? 1 : 0)));
        return emitter;
      },
    },
  };
}
