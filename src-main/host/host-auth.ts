import { wallClockMs } from '../services/clock/wall-clock';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The session cookie's name. Cookies are not kept apart by port, so the name carries ours (and
 * the cookie's Path is this launch's own path): another server on 127.0.0.1 neither shares the
 * name nor, without the random path, gets the cookie sent to it.
 */
export function sessionCookieName(port: number): string {
  return `eas_host_${port}`;
}

/**
 * One-time launch codes: what goes on the opener's command line (visible in `ps`) instead of
 * the session token. A code works once, and only for a few minutes.
 */
export class LaunchCodes {
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = wallClockMs,
  ) {}

  issue(): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True once per issued code, within its lifetime; the code is gone afterwards either way. */
  redeem(candidate: string): boolean {
    for (const [code, expires] of this.codes) {
      if (tokensMatch(code, candidate)) {
        this.codes.delete(code);
        return expires > this.now();
      }
      if (expires <= this.now()) this.codes.delete(code);
    }
    return false;
  }
}

/** A fresh random token per launch; 32 bytes is well past guessing over loopback. */
export function newHostToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensMatch(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * DNS-rebinding defence: a page on another site that resolves its own name to 127.0.0.1 still
 * sends its own Host header, so only the loopback names with our port are accepted.
 */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}
