import { readdirSync, readFileSync } from 'node:fs';
import {
  PowerShellSession,
  type PowerShellSessionOptions,
} from '../../../src-main/services/powershell/powershell-session';
import { realHostLaunchSpec } from './real-host';

export const STUB_TOKEN = 'stub-access-token-4c7e1b';

/** A session over the real pwsh host with the stub Exchange module. */
export function stubSession(
  options: Partial<PowerShellSessionOptions> = {},
  env: Record<string, string> = {},
) {
  return new PowerShellSession({
    launch: () => realHostLaunchSpec(env),
    readyTimeoutMs: 60_000,
    requestTimeoutMs: 20_000,
    restart: { initialDelayMs: 50, maxDelayMs: 500, maxAttempts: 3 },
    ...options,
  });
}

/** Connects the stub tenant (any token not starting with "expired" is accepted). */
export async function connectStub(session: PowerShellSession): Promise<void> {
  await session.request('Connect-ExchangeOnline', {
    AccessToken: STUB_TOKEN,
    UserPrincipalName: 'admin@contoso.onmicrosoft.com',
    ShowBanner: false,
  });
}

/** Resident memory (bytes) and open file descriptors of a process, from /proc (Linux). */
export function processFootprint(pid: number): { rssBytes: number; fds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return { rssBytes: rssKb * 1024, fds: readdirSync(`/proc/${pid}/fd`).length };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
