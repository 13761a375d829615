import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CmdletFailure } from './exchange-errors';
import type { ExchangeSession } from './exchange-session';
import { fail, validateRequestLine, type ProtocolError } from './request-validation';

export const PROTOCOL_PREFIX = '@@EASHOST@@ ';
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface ProtocolServerOptions {
  input: Readable;
  output: Writable;
  session: ExchangeSession;
  moduleVersion: string;
  /** EAS_HOST_MAX_OUTPUT_BYTES, as the real host reads it. */
  maxOutputBytes?: number;
}

/**
 * The host side of assets/powershell/PROTOCOL.md: one ready line, then one response per request
 * line, in order, each as `@@EASHOST@@ ` + compact JSON. Resolves when stdin ends and every
 * request has been answered.
 */
export async function serveProtocol(options: ProtocolServerOptions): Promise<void> {
  const { output, session } = options;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const write = (message: unknown) => output.write(`${PROTOCOL_PREFIX}${JSON.stringify(message)}\n`);
  write({
    type: 'ready',
    protocol: 1,
    host: { kind: 'demo', psVersion: '7.6.9', edition: 'Core', pid: process.pid },
  });

  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const response = await answer(line);
    const text = JSON.stringify(response);
    if (Buffer.byteLength(text) > maxBytes && response.ok) {
      write(
        errorResponse(response.id, {
          kind: 'output-too-large',
          category: 'LimitsExceeded',
          message: `The result is larger than the host's output cap of ${maxBytes} bytes.`,
          fullyQualifiedErrorId: '',
          cmdlet: response.cmdlet,
        }),
      );
    } else {
      write(stripCmdlet(response));
    }
  }

  async function answer(line: string) {
    const checked = validateRequestLine(line);
    if (!checked.ok) return errorResponse(checked.id, checked.error);
    const { request, spec } = checked;
    if (request.cmdlet === 'Host.Ping') return okResponse(request.id, [{ pong: true }], [], request.cmdlet);
    if (request.cmdlet === 'Host.GetModuleInfo') {
      return okResponse(
        request.id,
        [
          {
            name: 'ExchangeOnlineManagement',
            version: options.moduleVersion,
            path: '(demo tenant: simulated module)',
          },
        ],
        [],
        request.cmdlet,
      );
    }
    try {
      const result = await session.run(request, spec);
      if ('notConnected' in result) {
        const notConnected = fail(
          request.id,
          'not-connected',
          `${request.cmdlet} needs a connection: run Connect-ExchangeOnline first.`,
          request.cmdlet,
        );
        return errorResponse(request.id, (notConnected as { error: ProtocolError }).error);
      }
      return okResponse(request.id, result.data, result.warnings, request.cmdlet);
    } catch (error) {
      if (error instanceof CmdletFailure)
        return errorResponse(request.id, { ...error.error, cmdlet: request.cmdlet });
      throw error;
    }
  }
}

function okResponse(id: string, data: unknown[], warnings: string[], cmdlet: string) {
  return { type: 'response', id, ok: true as const, data, warnings, cmdlet };
}

function errorResponse(id: string | null, error: ProtocolError) {
  return { type: 'response', id, ok: false as const, error, warnings: [] as string[] };
}

/** The cmdlet name rides along only to label an output-too-large error; it is not part of a success. */
function stripCmdlet<T extends { ok: boolean }>(response: T): Omit<T, 'cmdlet'> {
  if (!response.ok) return response;
  const { cmdlet: _cmdlet, ...rest } = response as T & { cmdlet?: string };
  return rest;
}
