import { z } from 'zod';

/**
 * Error codes every IPC call can answer with. Handlers never throw across the boundary:
 * Electron would only carry `error.message`, so failures travel as data.
 */
export const ipcErrorCodeSchema = z.enum([
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'UNAVAILABLE',
  'PERMISSION_DENIED',
  'CANCELLED',
  'TIMEOUT',
  'CONFLICT',
  'INTERNAL',
]);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcErrorSchema = z.object({
  code: ipcErrorCodeSchema,
  message: z.string(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Schema for the result envelope around one response type. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: IpcErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * An error a service throws on purpose, with a code the operator's screen can act on.
 * Anything else that escapes a handler becomes INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
