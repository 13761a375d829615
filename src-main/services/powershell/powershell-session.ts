import { HostRequestError } from './errors';
import { spawnHostProcess, type HostLauncher, type HostProcess } from './host-process';
import type { LaunchSpec } from './launch-spec';
import { LineSplitter } from './line-splitter';
import { parseProtocolLine, type PageMessage, type ReadyMessage, type ResponseMessage } from './protocol';
import { secretValuesOf } from './secret-params';
import { wallClockMs } from '../clock/wall-clock';

/** What the UI shows about the PowerShell host. */
export type SessionStatus = 'stopped' | 'starting' | 'ready' | 'busy' | 'reconnecting' | 'failed';

export interface RestartPolicy {
  /** Delay before the first restart after a crash; doubles per failed attempt. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed starts before the session gives up and reports `failed`. */
  maxAttempts: number;
}

export interface PowerShellSessionOptions {
  /** How to start the host: real pwsh + EasHost.ps1, or the demo tenant's simulated shell. */
  launch: LaunchSpec | (() => LaunchSpec | Promise<LaunchSpec>);
  /** Starts the process for a launch spec; a child process by default (the desktop app's demo uses a utility process). */
  launcher?: HostLauncher;
  readyTimeoutMs?: number;
  /** Default per-request deadline; a request can set its own. */
  requestTimeoutMs?: number;
  /** Longest protocol line accepted; the host caps its own output at 64 MiB by default. */
  maxResponseBytes?: number;
  restart?: Partial<RestartPolicy>;
  /** Lines of stderr and stdout noise kept for the case bundle. */
  diagnosticsLimit?: number;
  /** How long dispose() waits for a clean exit before killing the tree. */
  shutdownGraceMs?: number;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a successful request returns: the cmdlet's objects (always an array) and its warnings. */
export interface HostResult {
  data: unknown[];
  warnings: string[];
}

export interface PagedRequestOptions extends RequestOptions {
  /** Objects per page (1-5000). */
  pageSize: number;
  /**
   * Pages the host may send ahead of the client's answers (1-8, default 1: lock-step). A window
   * of a few pages lets the host serialize the next page while this process reads the last, at
   * the price of that many pages buffered; a cancel then takes effect within the window.
   */
  window?: number;
  /**
   * Called with each page's objects and the count so far, the last (partial) page included. The
   * timeout restarts with every page: it bounds a stall, not a long listing.
   */
  onPage: (data: unknown[], countSoFar: number) => void;
}

/** What a paged request returns once every page has been handed to onPage. */
export interface PagedResult {
  count: number;
  warnings: string[];
}

interface PendingRequest {
  id: string;
  cmdlet: string;
  line: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onAbort?: () => void;
  timer?: NodeJS.Timeout;
  resolve: (result: HostResult) => void;
  reject: (error: HostRequestError) => void;
  /** Set for paged requests: where pages go, and whether the caller asked to stop. */
  paged?: { onPage: (data: unknown[], countSoFar: number) => void; stop: boolean };
}

interface RunningHost {
  child: HostProcess;
  ready: ReadyMessage | null;
  /** Set when we end the host on purpose, so its exit is not treated as a crash. */
  ending: boolean;
  readyAt: number;
  /** Whether this host has answered any request (then it counts as healthy). */
  answered: boolean;
  exited: Promise<void>;
}

const DEFAULT_RESTART: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 15_000, maxAttempts: 5 };
const MAX_DIAGNOSTIC_LINE = 4_000;
const MAX_REMEMBERED_SECRETS = 4;
/** A host that has run this long without dying is considered healthy again. */
const STABLE_AFTER_MS = 10_000;

/**
 * One long-lived PowerShell host (or a simulator of it) behind a serial request queue.
 *
 * - Requests go one at a time, in order; each has a deadline and can be cancelled. A request
 *   that times out or is cancelled while running ends the host (the cmdlet may still be running
 *   and the session state is unknown) and a fresh host is started at once.
 * - When the host exits unexpectedly, the running request fails with a clear error and the host
 *   is restarted with exponential backoff; after `maxAttempts` failed starts the status becomes
 *   `failed` and queued requests are rejected. A later request tries again from scratch.
 * - stderr and unprefixed stdout lines are diagnostics, never failures.
 * - Every restart loses the Exchange connection; `onRestart` tells the connection manager.
 */
export class PowerShellSession {
  private statusValue: SessionStatus = 'stopped';
  private host: RunningHost | null = null;
  private starting: Promise<ReadyMessage> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private failedStarts = 0;
  private generation = 0;
  private disposed = false;
  private nextRequestNumber = 0;
  private readonly queue: PendingRequest[] = [];
  private inFlight: PendingRequest | null = null;
  private readonly diagnosticLines: string[] = [];
  /** Recent secret parameter values (tokens), kept only to blank them out of diagnostics. */
  private recentSecrets: string[] = [];
  private readonly statusListeners = new Set<(status: SessionStatus) => void>();
  private readonly restartListeners = new Set<(generation: number) => void>();
  private readonly restartPolicy: RestartPolicy;
  private readonly readyTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly diagnosticsLimit: number;
  private readonly shutdownGraceMs: number;

  constructor(private readonly options: PowerShellSessionOptions) {
    this.restartPolicy = { ...DEFAULT_RESTART, ...options.restart };
    this.readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 80 * 1024 * 1024;
    this.diagnosticsLimit = options.diagnosticsLimit ?? 500;
    this.shutdownGraceMs = options.shutdownGraceMs ?? 3_000;
  }

  get status(): SessionStatus {
    return this.statusValue;
  }

  /** The running host's process id (undefined while none runs). */
  get pid(): number | undefined {
    return this.host?.child.pid;
  }

  /** The ready message of the running host. */
  get hostInfo(): ReadyMessage['host'] | undefined {
    return this.host?.ready?.host;
  }

  /** Recent stderr and stdout-noise lines, oldest first. */
  diagnostics(): readonly string[] {
    return [...this.diagnosticLines];
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: SessionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Called each time a replacement host becomes ready (its Exchange connection is gone). */
  onRestart(listener: (generation: number) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** Starts the host if none is running and resolves once it has sent its ready message. */
  start(): Promise<ReadyMessage> {
    if (this.disposed) return Promise.reject(this.unavailable('The PowerShell session has been shut down.'));
    if (this.host?.ready) return Promise.resolve(this.host.ready);
    if (this.starting) return this.starting;
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = null;
    }
    if (this.statusValue === 'failed') this.failedStarts = 0;
    this.starting = this.spawnHost().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /**
   * Runs one allow-listed cmdlet (or host built-in). Resolves with its data, or rejects with a
   * HostRequestError. Params must never be logged by callers: they may hold the access token.
   */
  request(
    cmdlet: string,
    params: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<HostResult> {
    if (this.disposed)
      return Promise.reject(this.unavailable('The PowerShell session has been shut down.', cmdlet));
    if (options.signal?.aborted) return Promise.reject(cancelled(cmdlet));
    const id = `r-${++this.nextRequestNumber}`;
    const secrets = secretValuesOf(cmdlet, params);
    if (secrets.length > 0)
      this.recentSecrets = [...secrets, ...this.recentSecrets].slice(0, MAX_REMEMBERED_SECRETS);
    return new Promise<HostResult>((resolve, reject) => {
      this.enqueue({
        id,
        cmdlet,
        line: `${JSON.stringify({ id, cmdlet, params })}\n`,
        timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
        signal: options.signal,
        resolve,
        reject,
      });
    });
  }

  /**
   * Runs a read cmdlet with its output in pages (PROTOCOL.md "Paged results"): each page goes to
   * onPage as it arrives and is acknowledged only after onPage returns, so the host never runs
   * more than `window` pages ahead. Aborting the signal rejects the promise as cancelled at once
   * and stops the cmdlet within the window without ending the host (its Exchange connection
   * survives); onPage is not called again.
   */
  requestPaged(cmdlet: string, params: Record<string, unknown>, options: PagedRequestOptions): Promise<PagedResult> {
    if (this.disposed)
      return Promise.reject(this.unavailable('The PowerShell session has been shut down.', cmdlet));
    if (options.signal?.aborted) return Promise.reject(cancelled(cmdlet));
    const id = `r-${++this.nextRequestNumber}`;
    return new Promise<PagedResult>((resolve, reject) => {
      let count = 0;
      const pending: PendingRequest = {
        id,
        cmdlet,
        line: `${JSON.stringify({ id, cmdlet, params, page: options.window === undefined ? { size: options.pageSize } : { size: options.pageSize, window: options.window } })}\n`,
        timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
        signal: options.signal,
        paged: {
          stop: false,
          onPage: (data, countSoFar) => {
            count = countSoFar;
            options.onPage(data, countSoFar);
          },
        },
        resolve: (result) => {
          const total = count + result.data.length;
          try {
            if (result.data.length > 0) options.onPage(result.data, total);
          } catch (error) {
            reject(new HostRequestError('cancelled', `${cmdlet} was stopped: ${(error as Error).message}`, cmdlet));
            return;
          }
          resolve({ count: total, warnings: result.warnings });
        },
        reject,
      };
      this.enqueue(pending);
    });
  }

  private enqueue(pending: PendingRequest): void {
    if (pending.signal) {
      pending.onAbort = () => this.cancel(pending);
      pending.signal.addEventListener('abort', pending.onAbort, { once: true });
    }
    this.queue.push(pending);
    if (!this.host && !this.starting && !this.restartTimer) this.start().catch(() => {});
    this.pump();
  }

  /** Ends the host (closing stdin first so it can disconnect cleanly) and rejects pending work. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.recentSecrets = [];
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const closing = new HostRequestError('cancelled', 'The app is closing the PowerShell session.', '');
    for (const pending of this.queue.splice(0)) this.settle(pending, closing);
    if (this.inFlight) this.settle(this.inFlight, closing);
    this.inFlight = null;
    const host = this.host;
    if (host) {
      host.ending = true;
      host.child.stdin.end();
      const grace = setTimeout(() => host.child.kill(), this.shutdownGraceMs);
      await host.exited;
      clearTimeout(grace);
    }
    this.host = null;
    this.setStatus('stopped');
  }

  private async spawnHost(): Promise<ReadyMessage> {
    this.setStatus(this.generation === 0 && this.failedStarts === 0 ? 'starting' : 'reconnecting');
    const spec =
      typeof this.options.launch === 'function' ? await this.options.launch() : this.options.launch;
    if (this.disposed) throw this.unavailable('The PowerShell session has been shut down.');
    return new Promise<ReadyMessage>((resolve, reject) => {
      let child: HostProcess;
      try {
        child = (this.options.launcher ?? spawnHostProcess)(spec);
      } catch (error) {
        reject(this.startFailed(`PowerShell could not be started: ${(error as Error).message}`));
        return;
      }
      let settled = false;
      const readyTimer = setTimeout(() => {
        if (settled) return;
        settled = true;
        host.ending = true;
        child.kill();
        reject(
          this.startFailed(
            `PowerShell did not become ready within ${Math.round(this.readyTimeoutMs / 1000)} s.`,
          ),
        );
      }, this.readyTimeoutMs);
      let resolveExited: () => void = () => {};
      const host: RunningHost = {
        child,
        ready: null,
        ending: false,
        readyAt: 0,
        answered: false,
        exited: new Promise<void>((done) => (resolveExited = done)),
      };
      this.host = host;

      const splitter = new LineSplitter(
        this.maxResponseBytes,
        (line) =>
          this.onStdoutLine(host, line, (ready) => {
            if (settled) return;
            settled = true;
            clearTimeout(readyTimer);
            host.ready = ready;
            host.readyAt = wallClockMs();
            this.generation++;
            this.setStatus(this.inFlight || this.queue.length > 0 ? 'busy' : 'ready');
            if (this.generation > 1) for (const listener of this.restartListeners) listener(this.generation);
            resolve(ready);
            this.pump();
          }),
        (dropped) => this.onOversizedLine(dropped),
      );
      child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
      const stderrSplitter = new LineSplitter(64 * 1024, (line) => this.addDiagnostic(`stderr: ${line}`));
      child.stderr.on('data', (chunk: Buffer) => stderrSplitter.push(chunk));
      // Writing to a host that just died raises EPIPE here; the exit handler reports it.
      child.stdin.on('error', () => {});
      child.onError((error) => {
        if (settled) return;
        settled = true;
        clearTimeout(readyTimer);
        if (this.host === host) this.host = null;
        // A missing or unrunnable executable will not fix itself by retrying.
        this.failedStarts = this.restartPolicy.maxAttempts - 1;
        reject(this.startFailed(`PowerShell could not be started (${spec.command}): ${error.message}`));
      });
      child.onClose((code, signal) => {
        splitter.flush();
        stderrSplitter.flush();
        clearTimeout(readyTimer);
        resolveExited();
        if (!settled) {
          settled = true;
          reject(this.startFailed(`PowerShell exited during start-up (${describeExit(code, signal)}).`));
        }
        this.onHostExit(host, code, signal);
      });
    }).catch((error: HostRequestError) => {
      this.afterFailedStart();
      throw error;
    });
  }

  private onStdoutLine(host: RunningHost, line: string, onReady: (ready: ReadyMessage) => void): void {
    if (host !== this.host) return;
    const message = parseProtocolLine(line);
    if (message === null) {
      this.addDiagnostic(`stdout: ${line}`);
      return;
    }
    if (message instanceof Error) {
      this.addDiagnostic(`protocol: ${message.message}`);
      this.abandonHost(
        new HostRequestError(
          'protocol-error',
          `The PowerShell host sent an unreadable answer. ${message.message}`,
          this.inFlight?.cmdlet ?? '',
        ),
      );
      return;
    }
    if (message.type === 'ready') {
      if (host.ready) this.addDiagnostic('protocol: a second ready message was ignored.');
      else onReady(message);
      return;
    }
    if (message.type === 'page') {
      this.onPage(host, message);
      return;
    }
    this.onResponse(message);
  }

  private onPage(host: RunningHost, page: PageMessage): void {
    const pending = this.inFlight;
    if (!pending?.paged || page.id !== pending.id) {
      this.abandonHost(
        new HostRequestError('protocol-error', 'The PowerShell host sent a page nobody asked for.', pending?.cmdlet ?? ''),
      );
      return;
    }
    let stop = pending.paged.stop;
    if (!stop) {
      try {
        pending.paged.onPage(page.data, page.count);
      } catch (error) {
        // A consumer that cannot take the page ends the listing; the host is told to stop.
        this.addDiagnostic(`paged: the page handler failed: ${(error as Error).message}`);
        stop = pending.paged.stop = true;
      }
    }
    // The deadline bounds a stall: every page is progress.
    if (pending.timer) pending.timer.refresh();
    host.child.stdin.write(`${JSON.stringify({ type: stop ? 'cancel' : 'more', id: pending.id })}\n`);
  }

  private onResponse(response: ResponseMessage): void {
    const pending = this.inFlight;
    // A null id answers a request the host could not read; with one request in flight it is ours.
    if (!pending || (response.id !== null && response.id !== pending.id)) {
      this.addDiagnostic(`protocol: a response for ${String(response.id)} arrived with no matching request.`);
      return;
    }
    this.inFlight = null;
    // The host answered: it is healthy.
    this.failedStarts = 0;
    if (this.host) this.host.answered = true;
    if (response.ok && pending.paged?.stop) this.settle(pending, cancelled(pending.cmdlet));
    else if (response.ok) this.settle(pending, { data: response.data, warnings: response.warnings });
    else if (response.error.kind === 'cancelled') this.settle(pending, cancelled(pending.cmdlet));
    else this.settle(pending, HostRequestError.fromHost(response.error, pending.cmdlet));
    this.pump();
  }

  private onOversizedLine(droppedBytes: number): void {
    const pending = this.inFlight;
    this.addDiagnostic(
      `protocol: dropped a ${droppedBytes}-byte line over the ${this.maxResponseBytes}-byte limit.`,
    );
    if (!pending) return;
    this.inFlight = null;
    this.settle(
      pending,
      new HostRequestError(
        'output-too-large',
        `The answer to ${pending.cmdlet} was too large to handle. Ask for one mailbox or one device at a time.`,
        pending.cmdlet,
      ),
    );
    this.pump();
  }

  private onHostExit(host: RunningHost, code: number | null, signal: NodeJS.Signals | null): void {
    if (host !== this.host) return;
    this.host = null;
    if (this.disposed) return;
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) {
      this.settle(
        pending,
        new HostRequestError(
          'host-exited',
          `PowerShell stopped unexpectedly while running ${pending.cmdlet} (${describeExit(code, signal)}). It is being restarted; try the step again.`,
          pending.cmdlet,
        ),
      );
    }
    if (!host.ready) return; // a failed start is handled by afterFailedStart
    this.addDiagnostic(`host: exited (${describeExit(code, signal)}).`);
    if (host.ending) {
      this.scheduleRestart(0);
      return;
    }
    // A host that dies soon after start without answering anything counts as a failed start, so
    // one that crashes on its own in a loop backs off and ends in `failed` instead of restarting
    // for ever.
    if (!host.answered && wallClockMs() - host.readyAt < STABLE_AFTER_MS) {
      this.afterFailedStart();
      return;
    }
    this.failedStarts = 0;
    this.scheduleRestart(this.restartPolicy.initialDelayMs);
  }

  private afterFailedStart(): void {
    if (this.disposed) return;
    this.failedStarts++;
    if (this.failedStarts >= this.restartPolicy.maxAttempts) {
      this.setStatus('failed');
      const error = this.unavailable(
        'PowerShell keeps failing to start, so Exchange Online checks cannot run. Details are in the diagnostics; restart the app or check the PowerShell setting.',
      );
      for (const pending of this.queue.splice(0)) this.settle(pending, error);
      return;
    }
    const delay = Math.min(
      this.restartPolicy.initialDelayMs * 2 ** (this.failedStarts - 1),
      this.restartPolicy.maxDelayMs,
    );
    this.scheduleRestart(delay);
  }

  private scheduleRestart(delayMs: number): void {
    if (this.disposed || this.restartTimer) return;
    this.setStatus('reconnecting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start().catch(() => {});
    }, delayMs);
  }

  /** Ends a host whose state can no longer be trusted; a replacement starts immediately. */
  private abandonHost(error: HostRequestError): void {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) this.settle(pending, error);
    const host = this.host;
    if (host) {
      // Detach at once so nothing more is written to the dying host, and start its successor.
      host.ending = true;
      this.host = null;
      host.child.kill();
      if (!this.disposed) this.scheduleRestart(0);
    }
  }

  private pump(): void {
    if (this.disposed || this.inFlight || !this.host?.ready || this.host.ending) return;
    const next = this.queue.shift();
    if (!next) {
      this.setStatus('ready');
      return;
    }
    this.inFlight = next;
    this.setStatus('busy');
    next.timer = setTimeout(() => {
      if (this.inFlight !== next) return;
      this.abandonHost(
        new HostRequestError(
          'timeout',
          `${next.cmdlet} did not finish within ${Math.round(next.timeoutMs / 1000)} s, so it was stopped. Exchange Online may be slow; try again in a few minutes.`,
          next.cmdlet,
        ),
      );
    }, next.timeoutMs);
    this.host.child.stdin.write(next.line);
  }

  private cancel(pending: PendingRequest): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(pending, cancelled(pending.cmdlet));
    } else if (this.inFlight === pending && pending.paged) {
      // Stopped politely: the host hears "cancel" in answer to its next page, answers "cancelled"
      // and keeps its connection; with a window it may send a few pages first, which are answered
      // and dropped. The caller does not wait for that (the host may be seconds away from its next
      // page): the request is cancelled for it now, and later requests queue until the host's own
      // answer has arrived.
      pending.paged.stop = true;
      pending.reject(cancelled(pending.cmdlet));
    } else if (this.inFlight === pending) {
      this.abandonHost(cancelled(pending.cmdlet));
    }
  }

  private settle(pending: PendingRequest, outcome: HostResult | HostRequestError): void {
    if (pending.timer) clearTimeout(pending.timer);
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.line = '';
    if (outcome instanceof HostRequestError) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private startFailed(message: string): HostRequestError {
    this.addDiagnostic(`host: ${message}`);
    return this.unavailable(message);
  }

  private unavailable(message: string, cmdlet = ''): HostRequestError {
    return new HostRequestError('host-unavailable', message, cmdlet);
  }

  private addDiagnostic(line: string): void {
    for (const secret of this.recentSecrets) line = line.replaceAll(secret, '[redacted]');
    this.diagnosticLines.push(
      line.length > MAX_DIAGNOSTIC_LINE ? `${line.slice(0, MAX_DIAGNOSTIC_LINE)}…` : line,
    );
    if (this.diagnosticLines.length > this.diagnosticsLimit) this.diagnosticLines.shift();
  }

  private setStatus(status: SessionStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function cancelled(cmdlet: string): HostRequestError {
  return new HostRequestError('cancelled', `${cmdlet} was cancelled.`, cmdlet);
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}
