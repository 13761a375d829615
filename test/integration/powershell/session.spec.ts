import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostRequestError } from '../../../src-main/services/powershell/errors';
import {
  PowerShellSession,
  type SessionStatus,
} from '../../../src-main/services/powershell/powershell-session';
import { hostileStrings } from '../protocol/conformance';
import { connectStub, isAlive, STUB_TOKEN, stubSession, waitFor } from './session-fixture';

async function rejection(promise: Promise<unknown>): Promise<HostRequestError> {
  const error = await promise.then(
    () => new Error('expected the request to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostRequestError);
  return error as HostRequestError;
}

describe('PowerShellSession over the real pwsh host', { timeout: 90_000 }, () => {
  let session: PowerShellSession;
  const statuses: SessionStatus[] = [];
  const restarts: number[] = [];

  beforeAll(async () => {
    session = stubSession();
    session.onStatus((status) => statuses.push(status));
    session.onRestart((generation) => restarts.push(generation));
    await session.start();
  });
  afterAll(async () => session?.dispose());

  it('reports starting then ready, and describes the host from its ready message', async () => {
    expect(statuses.slice(0, 2)).toEqual(['starting', 'ready']);
    expect(session.hostInfo).toMatchObject({ kind: 'pwsh', edition: 'Core' });
    expect(await session.request('Host.Ping')).toEqual({ data: [{ pong: true }], warnings: [] });
  });

  it('is busy while a request runs and ready afterwards', async () => {
    const seen: SessionStatus[] = [];
    const stop = session.onStatus((status) => seen.push(status));
    await session.request('Host.Ping');
    stop();
    expect(seen).toEqual(['busy', 'ready']);
  });

  it('keeps the channel clean when a cmdlet writes to every stream and the raw console', async () => {
    await connectStub(session);
    const result = await session.request('Get-CASMailbox', { Identity: 'noisy@contoso.com' });
    expect(result.data).toHaveLength(1);
    expect(result.data[0]).toMatchObject({ PrimarySmtpAddress: 'alex@contoso.com' });
    expect(result.warnings).toEqual(['The stub warns about something.']);
    const diagnostics = session.diagnostics().join('\n');
    expect(diagnostics).toContain('Write-Host noise');
    expect(diagnostics).toContain('Console.WriteLine noise');
    expect(diagnostics).not.toContain(STUB_TOKEN);
  });

  it('turns a cmdlet error into a HostRequestError carrying PowerShell details but no parameters', async () => {
    await connectStub(session);
    const error = await rejection(session.request('Get-CASMailbox', { Identity: 'nobody@contoso.com' }));
    expect(error.kind).toBe('cmdlet-error');
    expect(error.details.category).toBe('ObjectNotFound');
    expect(error.message).toMatch(
      /^Exchange Online reported an error for Get-CASMailbox: .*nobody@contoso\.com/,
    );
  });

  it('keeps the hostile corpus inert end to end: values round-trip exactly and nothing runs', async () => {
    await connectStub(session);
    const canaryDir = mkdtempSync(path.join(os.tmpdir(), 'eas-hostile-'));
    try {
      const corpus = hostileStrings(canaryDir);
      await session.request('Set-CASMailbox', {
        Identity: 'alex@contoso.com',
        ActiveSyncBlockedDeviceIDs: { Add: corpus },
      });
      const [mailbox] = (await session.request('Get-CASMailbox', { Identity: 'alex@contoso.com' }))
        .data as Array<{
        ActiveSyncBlockedDeviceIDs: string[];
      }>;
      expect(mailbox?.ActiveSyncBlockedDeviceIDs).toEqual(corpus);
      for (const value of corpus) {
        const error = await rejection(session.request('Get-User', { Identity: value }));
        expect(error.kind).toBe('cmdlet-error');
        expect(error.details.hostMessage).toContain(`'${value}'`);
      }
      await session.request('Set-CASMailbox', {
        Identity: 'alex@contoso.com',
        ActiveSyncBlockedDeviceIDs: { Remove: corpus },
      });
      const after = (await session.request('Get-CASMailbox', { Identity: 'alex@contoso.com' })).data[0] as {
        ActiveSyncBlockedDeviceIDs: string[];
      };
      expect(after.ActiveSyncBlockedDeviceIDs).toEqual([]);
      for (let n = 1; n <= 11; n++) expect(existsSync(path.join(canaryDir, `pwned-${n}`))).toBe(false);
    } finally {
      rmSync(canaryDir, { recursive: true, force: true });
    }
  });

  it('delivers a 20 MB mailbox log whole', async () => {
    await connectStub(session);
    const size = 20 * 1024 * 1024;
    const result = await session.request('Get-MobileDeviceStatistics', {
      Mailbox: `biglog-${size}@contoso.com`,
      GetMailboxLog: true,
    });
    const report = (result.data[0] as { MailboxLogReport: string }).MailboxLogReport;
    expect(report).toHaveLength(size);
    expect(report).toMatch(/^L+$/);
  });

  it('fails a request cleanly when the host is killed mid-command, restarts, and serves the next request', async () => {
    const firstPid = session.pid;
    // The PowerShell engine itself; the pwsh .NET tool launcher runs it as a child process.
    const enginePid = session.hostInfo?.pid as number;
    await connectStub(session);
    const slow = session.request('Get-CASMailbox', { Identity: 'sleep-15000@contoso.com' });
    await waitFor(() => session.status === 'busy', 5_000, 'busy');
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(enginePid, 'SIGKILL');
    const error = await rejection(slow);
    expect(error.kind).toBe('host-exited');
    expect(error.message).toMatch(
      /PowerShell stopped unexpectedly while running Get-CASMailbox .*try the step again/,
    );
    expect(await session.request('Host.Ping')).toEqual({ data: [{ pong: true }], warnings: [] });
    expect(session.pid).not.toBe(firstPid);
    expect(statuses).toContain('reconnecting');
    expect(restarts.length).toBeGreaterThanOrEqual(1);
    // The replacement host starts without an Exchange connection.
    expect((await rejection(session.request('Get-OrganizationConfig'))).kind).toBe('not-connected');
    await connectStub(session);
  });

  it('stops a request at its deadline, ends that host, and serves the next request from a new one', async () => {
    const oldPid = session.pid as number;
    const oldEnginePid = session.hostInfo?.pid as number;
    await connectStub(session);
    const started = Date.now();
    const error = await rejection(
      session.request('Get-CASMailbox', { Identity: 'sleep-20000@contoso.com' }, { timeoutMs: 1_000 }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not finish within 1 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await session.request('Host.Ping')).toMatchObject({ data: [{ pong: true }] });
    expect(session.pid).not.toBe(oldPid);
    // The whole tree goes, not only the launcher.
    await waitFor(() => !isAlive(oldPid) && !isAlive(oldEnginePid), 5_000, 'old host to die');
  });

  it('cancels a queued request without touching the running one, and a running one by restarting', async () => {
    await connectStub(session);
    const running = session.request('Get-CASMailbox', { Identity: 'sleep-1500@contoso.com' });
    const controller = new AbortController();
    const queued = session.request('Host.Ping', {}, { signal: controller.signal });
    controller.abort();
    expect((await rejection(queued)).kind).toBe('cancelled');
    expect((await running).data).toHaveLength(1);

    const pid = session.pid;
    const inFlight = new AbortController();
    const slow = session.request(
      'Get-CASMailbox',
      { Identity: 'sleep-20000@contoso.com' },
      { signal: inFlight.signal },
    );
    await waitFor(() => session.status === 'busy', 5_000, 'busy');
    inFlight.abort();
    expect((await rejection(slow)).kind).toBe('cancelled');
    expect(await session.request('Host.Ping')).toMatchObject({ data: [{ pong: true }] });
    expect(session.pid).not.toBe(pid);
  });
});

describe('PowerShellSession limits and failures', { timeout: 90_000 }, () => {
  let session: PowerShellSession | undefined;
  afterEach(async () => {
    await session?.dispose();
    session = undefined;
  });

  it('rejects an answer over its own size cap as output-too-large and stays usable', async () => {
    session = stubSession({ maxResponseBytes: 100_000 });
    await connectStub(session);
    const error = await rejection(
      session.request('Get-MobileDeviceStatistics', {
        Mailbox: 'biglog-500000@contoso.com',
        GetMailboxLog: true,
      }),
    );
    expect(error.kind).toBe('output-too-large');
    expect(await session.request('Host.Ping')).toMatchObject({ data: [{ pong: true }] });
  });

  it('reports the host cap (EAS_HOST_MAX_OUTPUT_BYTES) the same way', async () => {
    session = stubSession({}, { EAS_HOST_MAX_OUTPUT_BYTES: '10000' });
    await connectStub(session);
    const error = await rejection(
      session.request('Get-MobileDeviceStatistics', {
        Mailbox: 'biglog-50000@contoso.com',
        GetMailboxLog: true,
      }),
    );
    expect(error.kind).toBe('output-too-large');
    expect(error.message).toMatch(/one mailbox or one device at a time/);
  });

  it('blanks the access token out of diagnostics even when a module prints it to the console', async () => {
    session = stubSession({}, { EAS_STUB_LEAK_TOKEN: '1' });
    await connectStub(session);
    const diagnostics = session.diagnostics().join('\n');
    expect(diagnostics).toContain('stub debug: token=[redacted]');
    expect(diagnostics).toContain('stub stderr: [redacted]');
    expect(diagnostics).not.toContain(STUB_TOKEN);
  });

  it('fails fast with host-unavailable when the executable does not exist', async () => {
    session = new PowerShellSession({ launch: { command: '/nonexistent/pwsh', args: [] } });
    const error = await rejection(session.request('Host.Ping'));
    expect(error.kind).toBe('host-unavailable');
    expect(session.status).toBe('failed');
  });

  it('gives up with status failed after repeated start failures, and retries on the next request', async () => {
    const attempts: SessionStatus[] = [];
    session = new PowerShellSession({
      launch: { command: process.execPath, args: ['-e', 'process.exit(3)'] },
      restart: { initialDelayMs: 20, maxDelayMs: 40, maxAttempts: 3 },
    });
    session.onStatus((status) => attempts.push(status));
    const error = await rejection(session.request('Host.Ping'));
    expect(error.kind).toBe('host-unavailable');
    expect(error.message).toMatch(/keeps failing to start/);
    expect(attempts.at(-1)).toBe('failed');
    expect(session.diagnostics().some((line) => line.includes('exit code 3'))).toBe(true);
    const again = await rejection(session.request('Host.Ping'));
    expect(again.kind).toBe('host-unavailable');
  });

  it('kills the whole process tree when the host does not exit within the grace period', async () => {
    session = stubSession({ shutdownGraceMs: 300 });
    await connectStub(session);
    const launcherPid = session.pid as number;
    const enginePid = session.hostInfo?.pid as number;
    const running = session.request('Get-CASMailbox', { Identity: 'sleep-30000@contoso.com' });
    await waitFor(() => session?.status === 'busy', 5_000, 'busy');
    const outcome = rejection(running);
    const started = Date.now();
    await session.dispose();
    expect((await outcome).kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(() => !isAlive(launcherPid) && !isAlive(enginePid), 5_000, 'launcher and engine to die');
  });

  it('shuts down cleanly: pending work is rejected and the process is gone', async () => {
    session = stubSession();
    await session.start();
    const pid = session.pid as number;
    const enginePid = session.hostInfo?.pid as number;
    const pending = session.request('Host.Ping');
    const disposed = session.dispose();
    expect((await rejection(pending)).kind).toBe('cancelled');
    await disposed;
    expect(session.status).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    await waitFor(() => !isAlive(enginePid), 5_000, 'engine to exit');
    expect((await rejection(session.request('Host.Ping'))).kind).toBe('host-unavailable');
  });
});

describe('PowerShellSession paged request cancelled while the host is slow to answer', { timeout: 30_000 }, () => {
  // A scripted host: one page, then it reads the answer and takes 1.5 s (a slow Exchange page)
  // before it answers the request; pings are answered at once.
  const host = `
    const rl = require('node:readline').createInterface({ input: process.stdin });
    const out = (m) => process.stdout.write('@@EASHOST@@ ' + JSON.stringify(m) + '\\n');
    out({ type: 'ready', protocol: 1, host: { kind: 'demo', psVersion: '0', edition: 'Test', pid: process.pid } });
    let paged = null;
    rl.on('line', (line) => {
      const m = JSON.parse(line);
      if (paged !== null) {
        const id = paged; paged = null;
        const stopped = m.type === 'cancel';
        setTimeout(() => out(stopped
          ? { type: 'response', id, ok: false, error: { kind: 'cancelled', category: 'OperationStopped', message: 'stopped', fullyQualifiedErrorId: '', cmdlet: 'Get-MobileDevice' }, warnings: [] }
          : { type: 'response', id, ok: true, data: [], warnings: [], count: 1 }), 1500);
      } else if (m.page) {
        paged = m.id;
        out({ type: 'page', id: m.id, seq: 1, data: [{ DeviceId: 'D1' }], count: 1 });
      } else out({ type: 'response', id: m.id, ok: true, data: [{ pong: true }], warnings: [] });
    });`;

  it('rejects at once as cancelled, keeps the host, and serves the next request after the host has answered', async () => {
    const session = new PowerShellSession({ launch: { command: process.execPath, args: ['-e', host] }, requestTimeoutMs: 20_000 });
    try {
      await session.start();
      const pid = session.pid;
      const controller = new AbortController();
      const pages: unknown[][] = [];
      const listing = session.requestPaged('Get-MobileDevice', { ResultSize: 'Unlimited' }, {
        pageSize: 1,
        window: 4,
        signal: controller.signal,
        onPage: (data) => {
          pages.push(data);
          controller.abort();
        },
      });
      expect((await rejection(listing)).kind).toBe('cancelled');
      // The host has not answered yet (it takes 1.5 s): the caller did not wait for it.
      expect(session.status).toBe('busy');
      expect(pages).toHaveLength(1);
      expect(await session.request('Host.Ping')).toMatchObject({ data: [{ pong: true }] });
      expect(session.pid).toBe(pid);
    } finally {
      await session.dispose();
    }
  });
});

describe('PowerShellSession with a host that crashes right after start', { timeout: 90_000 }, () => {
  it('backs off and ends in failed instead of restarting for ever', async () => {
    const readyLine = `@@EASHOST@@ ${JSON.stringify({ type: 'ready', protocol: 1, host: { kind: 'demo', psVersion: '0', edition: 'Test', pid: 1 } })}`;
    const statuses: SessionStatus[] = [];
    const session = new PowerShellSession({
      launch: {
        command: process.execPath,
        args: ['-e', `console.log(${JSON.stringify(readyLine)}); setTimeout(() => process.exit(5), 50);`],
      },
      restart: { initialDelayMs: 20, maxDelayMs: 80, maxAttempts: 3 },
    });
    session.onStatus((status) => statuses.push(status));
    try {
      await session.start();
      await waitFor(() => session.status === 'failed', 10_000, 'failed');
      expect(statuses.filter((status) => status === 'ready').length).toBe(3);
      expect(session.diagnostics().filter((line) => line.includes('exit code 5'))).toHaveLength(3);
    } finally {
      await session.dispose();
    }
  });
});
