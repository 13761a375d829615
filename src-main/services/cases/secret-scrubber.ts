/**
 * Defence in depth: the auth layer never hands tokens to the case, but cmdlet output, Graph
 * responses or a pasted log could still carry one. Everything that enters a case or a bundle goes
 * through here, and any token, Authorization value or password-like value is replaced.
 *
 * Every pattern is confined to one line, which the streaming rewrite relies on.
 */

const REMOVED = '[removed]';

/** "Authorization: Bearer …", "authorization=…", '"Authorization": "…"' (the value up to the line/quote end). */
const AUTHORIZATION = /(\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?)([^"'\r\n]*)/gi;
/**
 * A bearer or basic credential wherever it appears, not only after a header name. Spaces and tabs
 * only between scheme and credential: a line ending in the bare word "Basic" (a capture's auth
 * scheme) must not swallow the next line's text as its "credential". Prose such as "Basic
 * authentication for ActiveSync" is not a credential either.
 */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)([ \t]+)([A-Za-z0-9\-._~+/]{8,}=*)/g;
/** JSON Web Tokens (access and id tokens): three base64url parts, the first two starting with '{"'. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** The demo tenant's access tokens (demo1.<claims>.<signature>): they open the demo tenant only, but are tokens all the same. */
const DEMO_TOKEN = /\bdemo1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g;
/** OAuth and password fields in JSON, query strings or "key: value" text. */
const SECRET_FIELD =
  /(\b(?:access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|password|passwd)\b["']?\s*[:=]\s*["']?)([^"'&\s,}]+)/gi;

/** Values that are already masked (Exchange writes "Authorization: ********") are kept as they are. */
function maskOrKeep(prefix: string, value: string): string {
  return value.trim() === '' || /^\*+$/.test(value.trim()) ? prefix + value : prefix + REMOVED;
}

/** Returns `text` with every token, Authorization value and password-like value replaced. */
export function scrubSecrets(text: string): string {
  return text
    .replace(JWT, REMOVED)
    .replace(DEMO_TOKEN, REMOVED)
    // After "Basic", a plain lower-case word is prose ("Basic authentication", "Basic settings"):
    // base64 of user:password is practically never lower-case letters only.
    .replace(SCHEME_CREDENTIAL, (match: string, scheme: string, space: string, value: string) =>
      scheme === 'Basic' && /^[a-z]+$/.test(value) ? match : `${scheme}${space}${REMOVED}`,
    )
    .replace(AUTHORIZATION, (_m, prefix: string, value: string) => maskOrKeep(prefix, value))
    .replace(SECRET_FIELD, (_m, prefix: string, value: string) => maskOrKeep(prefix, value));
}

/** Scrubs every string (keys included) in a JSON-like value; returns a new value. */
export function scrubSecretsDeep<T>(value: T): T {
  return mapStringsDeep(value, scrubSecrets);
}

/** Applies `map` to every string inside plain objects and arrays, keys included. */
export function mapStringsDeep<T>(value: T, map: (text: string) => string): T {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return map(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [map(key), visit(inner)]));
    }
    return node;
  };
  return visit(value) as T;
}
