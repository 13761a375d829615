import { createHmac, timingSafeEqual } from 'node:crypto';
import { wallClockMs } from '../clock/wall-clock';

/**
 * Access tokens of the demo tenant: `demo1.<claims>.<HMAC-SHA256>`, base64url. The demo identity
 * provider issues them; the Graph simulator and the simulated Exchange shell check signature,
 * audience, tenant and expiry the way the real services would check a JWT. The default key is
 * public on purpose: demo tokens open nothing but the built-in demo tenant, and they still expire.
 */
export const DEMO_SIGNING_KEY = 'activesync-troubleshooter demo tenant signing key v1';

export type DemoAudience = 'graph' | 'exchange';

export interface DemoTokenClaims {
  aud: DemoAudience;
  /** Tenant id. */
  tid: string;
  /** The signed-in user's object id and UPN. */
  oid: string;
  upn: string;
  /** Delegated permissions (Graph) or `Exchange.Manage`. */
  scp: string[];
  /** Issued at / expires, seconds since the epoch (wall clock). */
  iat: number;
  exp: number;
}

export type DemoTokenCheck =
  | { ok: true; claims: DemoTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-audience' | 'wrong-tenant' };

export function issueDemoToken(claims: DemoTokenClaims, key = DEMO_SIGNING_KEY): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `demo1.${body}.${sign(body, key)}`;
}

export function verifyDemoToken(
  token: string,
  expected: { audience: DemoAudience; tenantId: string; nowMs?: number; key?: string },
): DemoTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'demo1' || !parts[1] || !parts[2])
    return { ok: false, reason: 'malformed' };
  const [, body, signature] = parts as [string, string, string];
  const wanted = Buffer.from(sign(body, expected.key ?? DEMO_SIGNING_KEY));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given))
    return { ok: false, reason: 'bad-signature' };
  let claims: DemoTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as DemoTokenClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.aud !== expected.audience) return { ok: false, reason: 'wrong-audience' };
  if (claims.tid !== expected.tenantId) return { ok: false, reason: 'wrong-tenant' };
  if (claims.exp * 1000 <= (expected.nowMs ?? wallClockMs())) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function sign(body: string, key: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
