import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  /** The first launch URL; its code works once (use freshUrl() for every further page). */
  url: string;
  /** A new one-time launch URL from the host (it prints one per line written to its stdin). */
  freshUrl(): Promise<string>;
  /** This launch's path, under which the host serves everything. */
  sessionPath: string;
  port: number;
  origin: string;
  /** The host's process id, for tests that kill it. */
  pid: number;
  /** False once the host process has ended (crashed, killed or stopped). */
  isRunning(): boolean;
  stop(): Promise<void>;
}

const HOST_BUNDLE = path.resolve('out/host/host.cjs');

/** Starts the real browser host process (the built bundle) and reads its URL from stdout. */
export async function startHostProcess(args: string[] = []): Promise<RunningHost> {
  if (!existsSync(HOST_BUNDLE)) throw new Error('out/host/host.cjs is missing: run `npm run build` first.');
  // EAS_E2E_HOST_FAKETIME (e.g. "+400 days") runs the host, where every case is judged, under a
  // shifted machine clock; the browser keeps the real one, as an operator's would differ anyway.
  const shift = process.env.EAS_E2E_HOST_FAKETIME;
  const [command, commandArgs] = shift
    ? ['faketime', [shift, process.execPath, HOST_BUNDLE, '--json', '--no-open', ...args]]
    : [process.execPath, [HOST_BUNDLE, '--json', '--no-open', ...args]];
  const child: ChildProcess = spawn(command, commandArgs, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', ...(shift ? { FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {}) },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const { url, port } = JSON.parse(first) as { url: string; port: number };
  let queue = Promise.resolve('');
  const freshUrl = () =>
    (queue = queue.then(
      () =>
        new Promise<string>((resolve) => {
          lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
          child.stdin!.write('\n');
        }),
    ));
  return {
    url,
    freshUrl,
    sessionPath: new URL(url).pathname,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
