import { isIPv6 } from 'node:net';

/** Kinds of personal identifier the redaction replaces. */
export type IdentifierKind = 'email' | 'alias' | 'device' | 'ip' | 'name' | 'person' | 'guid' | 'tenant';

/** Words too common to replace on their own when they are part of a person's name. */
const COMMON_WORDS = new Set(['the', 'and', 'van', 'von', 'der', 'den', 'mail', 'user', 'admin', 'test', 'phone', 'device', 'iphone', 'ipad', 'android']);

/** Values shorter than this are too generic to replace everywhere ("a", "iOS"). */
const MIN_LITERAL_LENGTH = 3;
/** Longer values are not identifiers but text that happened to sit in an identifier field. */
export const MAX_LITERAL_LENGTH = 200;

function ipv4Pseudonym(n: number): string {
  // The three documentation ranges (RFC 5737) first, so redacted addresses read as examples.
  const ranges = ['192.0.2', '198.51.100', '203.0.113'];
  const range = ranges[Math.floor((n - 1) / 254)];
  return range !== undefined ? `${range}.${((n - 1) % 254) + 1}` : `10.255.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * The consistent original → pseudonym table of one export. Matching is case-insensitive, and the
 * same original always gets the same pseudonym, in case.json, report.html and every evidence file.
 */
export class PseudonymMap {
  private readonly byOriginal = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  private next(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }

  /** Registers an identifier (if it looks like one) and returns its pseudonym. */
  register(kind: IdentifierKind, original: string): string | undefined {
    const value = original.trim();
    if (value.length < MIN_LITERAL_LENGTH || value.length > MAX_LITERAL_LENGTH) return undefined;
    const key = value.toLowerCase();
    const known = this.byOriginal.get(key);
    if (known !== undefined) return known;
    const pseudonym = this.invent(kind, value);
    this.byOriginal.set(key, pseudonym);
    if (kind === 'person') this.registerNameVariants(value, pseudonym);
    if (kind === 'email') {
      // The alias alone ("alex.wilber" in User=alex.wilber) must follow its address.
      const local = value.slice(0, value.indexOf('@'));
      const localKey = local.toLowerCase();
      if (local.length >= MIN_LITERAL_LENGTH && !this.byOriginal.has(localKey)) {
        this.byOriginal.set(localKey, pseudonym.slice(0, pseudonym.indexOf('@')));
      }
    }
    return pseudonym;
  }

  /**
   * "Alex Wilber" also appears as "Wilber, Alex", "Wilber Alex" and as "Alex" or "Wilber" alone in
   * notes and logs; every variant gets the same pseudonym.
   */
  private registerNameVariants(value: string, pseudonym: string): void {
    const parts = value.split(/\s+/).filter(Boolean);
    if (parts.length < 2) return;
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    const variants = [`${last}, ${parts.slice(0, -1).join(' ')}`, `${last} ${parts.slice(0, -1).join(' ')}`, `${last},${first}`];
    for (const part of parts) {
      if (part.length >= MIN_LITERAL_LENGTH && /^\p{L}[\p{L}'-]*$/u.test(part) && !COMMON_WORDS.has(part.toLowerCase())) variants.push(part);
    }
    for (const variant of variants) {
      const key = variant.toLowerCase();
      if (!this.byOriginal.has(key)) this.byOriginal.set(key, pseudonym);
    }
  }

  private invent(kind: IdentifierKind, value: string): string {
    switch (kind) {
      case 'guid':
        return `00000000-0000-4000-8000-${this.next('guid').toString(16).padStart(12, '0')}`;
      case 'tenant':
        return `tenant${this.next('tenant')}.redacted.invalid`;
      case 'email':
      case 'alias': {
        const n = this.next('user');
        return kind === 'email' ? `user${n}@redacted.invalid` : `user${n}`;
      }
      case 'device':
        return `REDACTEDDEVICE${String(this.next('device')).padStart(4, '0')}`;
      case 'ip':
        return isIPv6(value)
          ? `2001:db8::${this.next('ipv6').toString(16)}`
          : ipv4Pseudonym(this.next('ipv4'));
      case 'name':
      case 'person':
        return `Person ${this.next('name')}`;
    }
  }

  /** Marks a value that looks like an identifier but names nothing personal (the case's own id): kept as it is. */
  keep(value: string): void {
    this.byOriginal.set(value.trim().toLowerCase(), value.trim());
  }

  /** Pseudonym of a known original, if any. */
  lookup(original: string): string | undefined {
    return this.byOriginal.get(original.trim().toLowerCase());
  }

  /** Every known original (lower-case), longest first so longer values win over their parts. */
  originals(): string[] {
    return [...this.byOriginal.keys()].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.byOriginal.size;
  }
}
