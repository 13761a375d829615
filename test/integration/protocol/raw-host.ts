import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LineSplitter } from '../../../src-main/services/powershell/line-splitter';
import type { LaunchSpec } from '../../../src-main/services/powershell/launch-spec';
import { PROTOCOL_PREFIX } from '../../../src-main/services/powershell/protocol';

/**
 * A deliberately thin client for protocol tests: it writes raw lines and hands back every
 * prefixed stdout line as parsed JSON, so tests see exactly what the host wrote (the production
 * PowerShellSession would hide framing mistakes behind its own checks).
 */
export class RawHost {
  /** Every prefixed line, raw (without the prefix), in arrival order. */
  readonly protocolLines: string[] = [];
  /** Stdout lines without the prefix. */
  readonly noiseLines: string[] = [];
  stderr = '';
  private readonly queue: unknown[] = [];
  private waiter: { resolve: (message: unknown) => void; reject: (error: Error) => void } | null = null;
  private exitCode: number | null | undefined = undefined;
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    const splitter = new LineSplitter(256 * 1024 * 1024, (line) => this.onLine(line));
    child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        splitter.flush();
        this.exitCode = code;
        this.waiter?.reject(
          new Error(`host exited with ${code} before answering; stderr: ${this.stderr.slice(-2000)}`),
        );
        this.waiter = null;
        resolve(code);
      });
    });
  }

  static start(spec: LaunchSpec): RawHost {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, NO_COLOR: '1', ...spec.env },
      stdio: 'pipe',
      windowsHide: true,
    });
    return new RawHost(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Writes one raw line (a `\n` is appended). */
  sendLine(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Writes a request object as one JSON line and returns the next protocol message. */
  async request(request: unknown, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    this.sendLine(JSON.stringify(request));
    return (await this.next(timeoutMs)) as Record<string, unknown>;
  }

  /** The next protocol message (parsed JSON of a prefixed line). */
  next(timeoutMs = 15_000): Promise<unknown> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exitCode !== undefined)
      return Promise.reject(new Error(`host already exited with ${this.exitCode}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no protocol message within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiter = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Closes stdin and waits for the exit code. */
  async endInput(timeoutMs = 15_000): Promise<number | null> {
    this.child.stdin.end();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('host did not exit after stdin closed')), timeoutMs).unref(),
    );
    return Promise.race([this.exited, timeout]);
  }

  /** Ends the host whatever state it is in. */
  async dispose(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }

  private onLine(line: string): void {
    if (!line.startsWith(PROTOCOL_PREFIX)) {
      this.noiseLines.push(line);
      return;
    }
    const raw = line.slice(PROTOCOL_PREFIX.length);
    this.protocolLines.push(raw);
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      message = { unparseable: raw };
    }
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter.resolve(message);
    } else {
      this.queue.push(message);
    }
  }
}
