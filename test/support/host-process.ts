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
  /**
   * The next sign-in page the host hands to "the system browser" (it prints `{"signInUrl"}` with
   * --json); the test then plays that browser.
   */
  nextSignInUrl(): Promise<string>;
  /** What the host wrote on stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

const HOST_BUNDLE = path.resolve('out/host/host.cjs');

export interface HostProcessOptions {
  /** Extra environment for the host (e.g. the test-only loopback tenant). */
  env?: Record<string, string>;
}

/** Starts the real browser host process (the built bundle) and reads its URL from stdout. */
export async function startHostProcess(args: string[] = [], options: HostProcessOptions = {}): Promise<RunningHost> {
  if (!existsSync(HOST_BUNDLE)) throw new Error('out/host/host.cjs is missing: run `npm run build` first.');
  // EAS_E2E_HOST_FAKETIME (e.g. "+400 days") runs the host, where every case is judged, under a
  // shifted machine clock; the browser keeps the real one, as an operator's would differ anyway.
  const shift = process.env.EAS_E2E_HOST_FAKETIME;
  const [command, commandArgs] = shift
    ? ['faketime', [shift, process.execPath, HOST_BUNDLE, '--json', '--no-open', ...args]]
    : [process.execPath, [HOST_BUNDLE, '--json', '--no-open', ...args]];
  const child: ChildProcess = spawn(command, commandArgs, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', ...(shift ? { FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {}), ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // stdout carries JSON lines: launch URLs ({url, port}) and sign-in pages ({signInUrl}).
  const lines = createInterface({ input: child.stdout! });
  const launchWaiters: Array<(line: { url: string; port: number }) => void> = [];
  const signInWaiters: Array<(url: string) => void> = [];
  const signInUrls: string[] = [];
  lines.on('line', (line) => {
    let parsed: { url?: string; port?: number; signInUrl?: string };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      return;
    }
    if (typeof parsed.signInUrl === 'string') {
      const waiter = signInWaiters.shift();
      if (waiter) waiter(parsed.signInUrl);
      else signInUrls.push(parsed.signInUrl);
    } else if (typeof parsed.url === 'string') {
      launchWaiters.shift()?.({ url: parsed.url, port: parsed.port ?? 0 });
    }
  });
  const first = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    launchWaiters.push(resolve);
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const { url, port } = first;
  let queue = Promise.resolve('');
  const freshUrl = () =>
    (queue = queue.then(
      () =>
        new Promise<string>((resolve) => {
          launchWaiters.push((line) => resolve(line.url));
          child.stdin!.write('\n');
        }),
    ));
  const nextSignInUrl = () => {
    const ready = signInUrls.shift();
    return ready !== undefined ? Promise.resolve(ready) : new Promise<string>((resolve) => signInWaiters.push(resolve));
  };
  return {
    url,
    freshUrl,
    sessionPath: new URL(url).pathname,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    nextSignInUrl,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
