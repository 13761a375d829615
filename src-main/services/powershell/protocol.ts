import { z } from 'zod';

/**
 * The host protocol's messages as the client reads them (assets/powershell/PROTOCOL.md, v1).
 * Parsed with zod so a host that drifts from the spec fails loudly instead of half-working.
 */

/** Every protocol line on the child's stdout starts with exactly this. */
export const PROTOCOL_PREFIX = '@@EASHOST@@ ';
export const PROTOCOL_VERSION = 1;
/** Request ids the host accepts. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export const hostKindSchema = z.enum(['pwsh', 'powershell', 'demo']);

export const readyMessageSchema = z.object({
  type: z.literal('ready'),
  protocol: z.literal(PROTOCOL_VERSION),
  host: z.looseObject({
    kind: hostKindSchema,
    psVersion: z.string(),
    edition: z.string(),
    pid: z.number().int(),
  }),
});
export type ReadyMessage = z.infer<typeof readyMessageSchema>;

export const hostErrorKindSchema = z.enum([
  'bad-request',
  'not-allowed',
  'invalid-params',
  'command-not-found',
  'cmdlet-error',
  'not-connected',
  'output-too-large',
  'cancelled',
]);
export type HostErrorKind = z.infer<typeof hostErrorKindSchema>;

export const hostErrorSchema = z.object({
  kind: hostErrorKindSchema,
  category: z.string(),
  message: z.string(),
  fullyQualifiedErrorId: z.string(),
  // The spec leaves cmdlet open for protocol-level errors; accept an empty string or null.
  cmdlet: z.string().nullable(),
});
export type HostError = z.infer<typeof hostErrorSchema>;

const responseBase = { type: z.literal('response'), warnings: z.array(z.string()) };

export const responseMessageSchema = z.discriminatedUnion('ok', [
  z.object({
    ...responseBase,
    id: z.string(),
    ok: z.literal(true),
    data: z.array(z.unknown()),
    /** Paged requests only: the total number of objects over every page. */
    count: z.number().int().nonnegative().optional(),
  }),
  z.object({ ...responseBase, id: z.string().nullable(), ok: z.literal(false), error: hostErrorSchema }),
]);
export type ResponseMessage = z.infer<typeof responseMessageSchema>;

/** One full page of a paged request; the client answers it with "more" or "cancel". */
export const pageMessageSchema = z.object({
  type: z.literal('page'),
  id: z.string(),
  seq: z.number().int().positive(),
  data: z.array(z.unknown()),
  count: z.number().int().nonnegative(),
});
export type PageMessage = z.infer<typeof pageMessageSchema>;

export const protocolMessageSchema = z.union([readyMessageSchema, responseMessageSchema, pageMessageSchema]);
export type ProtocolMessage = z.infer<typeof protocolMessageSchema>;

/** One request line as written to the child's stdin. */
export interface RequestMessage {
  id: string;
  cmdlet: string;
  params: Record<string, unknown>;
  page?: { size: number };
}

/**
 * Reads one stdout line: the parsed message, `null` for noise (no prefix), or an Error when a
 * prefixed line is not a valid protocol message.
 */
export function parseProtocolLine(line: string): ProtocolMessage | null | Error {
  if (!line.startsWith(PROTOCOL_PREFIX)) return null;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(PROTOCOL_PREFIX.length));
  } catch {
    return new Error('A protocol line from the host is not valid JSON.');
  }
  // The message's own type picks the one schema that can match (the others all require another
  // literal `type`), so a 1000-object page is checked once instead of against every branch of the
  // union in turn. Anything else, and any failure, goes through the union for its full error.
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const direct = type === 'page' ? pageMessageSchema.safeParse(json) : type === 'ready' ? readyMessageSchema.safeParse(json) : type === 'response' ? responseMessageSchema.safeParse(json) : undefined;
  if (direct?.success === true) return direct.data;
  const parsed = protocolMessageSchema.safeParse(json);
  return parsed.success
    ? parsed.data
    : new Error(`A protocol line from the host does not match the spec: ${parsed.error.message}`);
}
