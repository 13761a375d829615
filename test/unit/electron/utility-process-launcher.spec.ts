import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUtilityProcessLauncher } from '../../../src-main/electron/adapters/utility-process-launcher';
import { PowerShellSession } from '../../../src-main/services/powershell/powershell-session';
import { createFakeUtilityProcess } from '../../support/fake-utility-process';

// The desktop app runs the demo tenant's simulated shell with utilityProcess.fork() (the runAsNode
// fuse is off). Electron is faked by a real Node child with Electron's parentPort API; the shell
// is the real built bundle, so the protocol runs end to end without stdin.
const SHELL = path.resolve('out/demo-shell/demo-shell.cjs');
const SCENARIOS = path.resolve('assets/scenarios');

describe('demo shell in a utility process', () => {
  let session: PowerShellSession | null = null;
  afterEach(async () => {
    await session?.dispose();
    session = null;
  });

  it('speaks the host protocol over parentPort messages and piped stdout, with no ELECTRON_RUN_AS_NODE', async () => {
    expect(existsSync(SHELL), 'run `npm run build` first').toBe(true);
    const fake = createFakeUtilityProcess();
    session = new PowerShellSession({
      launch: {
        command: process.execPath,
        args: [SHELL, '--scenario', path.join(SCENARIOS, 'healthy-iphone'), '--latency', 'instant'],
        env: { EAS_SCENARIOS_DIR: SCENARIOS },
      },
      launcher: createUtilityProcessLauncher(fake.utilityProcess, { allowedScript: SHELL }),
    });
    const ready = await session.start();
    expect(ready.host.kind).toBe('demo');
    expect((await session.request('Host.Ping')).data).toEqual([{ pong: true }]);
    expect(fake.forks).toHaveLength(1);
    expect(fake.forks[0]!.modulePath).toBe(SHELL);
    expect(fake.forks[0]!.args).toEqual(['--scenario', path.join(SCENARIOS, 'healthy-iphone'), '--latency', 'instant']);
    expect(fake.forks[0]!.options.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    const pid = session.pid!;
    await session.dispose();
    session = null;
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('restarts the shell after it is killed, like a crashed PowerShell', async () => {
    const fake = createFakeUtilityProcess();
    session = new PowerShellSession({
      launch: { command: process.execPath, args: [SHELL, '--scenario', path.join(SCENARIOS, 'healthy-iphone'), '--latency', 'instant'] },
      launcher: createUtilityProcessLauncher(fake.utilityProcess, { allowedScript: SHELL }),
      restart: { initialDelayMs: 10 },
    });
    await session.request('Host.Ping');
    const restarted = new Promise<number>((resolve) => session!.onRestart(resolve));
    process.kill(session.pid!, 'SIGKILL');
    expect(await restarted).toBe(2);
    expect((await session.request('Host.Ping')).data).toEqual([{ pong: true }]);
  });

  it('refuses to start anything but the bundled demo shell', async () => {
    const fake = createFakeUtilityProcess();
    session = new PowerShellSession({
      launch: { command: '/bin/sh', args: ['-c', 'echo hi'] },
      launcher: createUtilityProcessLauncher(fake.utilityProcess, { allowedScript: SHELL }),
      restart: { maxAttempts: 1 },
    });
    await expect(session.start()).rejects.toThrow(/only the demo shell/i);
    expect(fake.forks).toHaveLength(0);
  });
});
