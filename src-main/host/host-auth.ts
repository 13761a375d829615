import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'eas_host_token';

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
