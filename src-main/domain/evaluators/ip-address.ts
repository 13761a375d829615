/** An IP address as a number plus its family, so IPv4 and IPv6 ranges can be compared. */
export interface IpValue {
  family: 4 | 6;
  value: bigint;
}

/** Parses dotted IPv4 or IPv6 (with `::`, and an embedded IPv4 tail); undefined when unreadable. */
export function parseIp(text: string): IpValue | undefined {
  const ip = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { family: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!ip.includes(':')) return undefined;
  let body = ip.replace(/^\[|\]$/g, '').split('%')[0] as string;
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  if (v4) {
    const tail = parseIp(v4[1] as string);
    if (tail === undefined) return undefined;
    body = `${body.slice(0, -(v4[1] as string).length)}${((tail.value >> 16n) & 0xffffn).toString(16)}:${(tail.value & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : (halves[0] as string).split(':');
  const rest = halves.length === 2 ? (halves[1] === '' ? [] : (halves[1] as string).split(':')) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/**
 * True when `ip` is inside `range`: a single address, `a-b`, or CIDR `a/n` (the three forms Client
 * Access Rules and named locations use). Different families never match.
 */
export function ipInRange(ip: string, range: string): boolean {
  const address = parseIp(ip);
  if (address === undefined) return false;
  const text = range.trim();
  const dash = text.indexOf('-');
  if (dash > 0) {
    const low = parseIp(text.slice(0, dash));
    const high = parseIp(text.slice(dash + 1));
    return low !== undefined && high !== undefined && low.family === address.family && high.family === address.family && address.value >= low.value && address.value <= high.value;
  }
  const slash = text.indexOf('/');
  const base = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (base === undefined || base.family !== address.family) return false;
  const bits = address.family === 4 ? 32 : 128;
  const prefix = slash === -1 ? bits : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return false;
  const shift = BigInt(bits - prefix);
  return address.value >> shift === base.value >> shift;
}
