import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CmdletFailure } from './exchange-errors';
import type { ExchangeSession } from './exchange-session';
import { fail, validateRequestLine, type ProtocolError } from './request-validation';

export const PROTOCOL_PREFIX = '@@EASHOST@@ ';
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const PREFIX_BYTES = Buffer.from(PROTOCOL_PREFIX);
const NEWLINE = Buffer.from('\n');

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

  // One iterator over stdin for requests and for the acknowledgements a paged request waits for.
  const lines = createInterface({ input: options.input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  /** Pages of the last paged request whose answer has not been read yet (its window's tail). */
  let unanswered = 0;
  for (;;) {
    const next = await lines.next();
    if (next.done === true) break;
    const line = next.value;
    if (line.trim() === '') continue;
    const response = await answer(line);
    if (response !== null) writeCapped(response);
    // The client answers every page before it sends anything else: those answers are not requests.
    for (; unanswered > 0; unanswered--) if ((await lines.next()).done === true) return;
  }

  /**
   * Writes a message, or an output-too-large error in its place when it is over the cap. The
   * message is serialized and encoded once: the bytes measured are the bytes written (a 20 000-
   * device listing would otherwise pay for every page twice, or scan it once more to count).
   */
  function writeCapped(message: { id: string | null; ok?: boolean; cmdlet?: string }): boolean {
    const bytes = Buffer.from(JSON.stringify(stripCmdlet(message)), 'utf8');
    if (bytes.length > maxBytes && message.ok !== false) {
      write(
        errorResponse(message.id, {
          kind: 'output-too-large',
          category: 'LimitsExceeded',
          message: `The result is larger than the host's output cap of ${maxBytes} bytes.`,
          fullyQualifiedErrorId: '',
          cmdlet: message.cmdlet ?? null,
        }),
      );
      return false;
    }
    // Prefix and newline around the encoded bytes, as one line (cork: one write to the pipe).
    output.cork();
    output.write(PREFIX_BYTES);
    output.write(bytes);
    output.write(NEWLINE);
    output.uncork();
    return true;
  }

  /**
   * Sends full pages; once `window` of them wait for the client's answer, reads the oldest
   * answer before going on (a window of 1 is lock-step). What is left goes in the final response.
   * Returns the final response, a cancelled error when the client stopped it, or null when a page
   * went over the cap (its error is already written). Answers still owed at the end are left in
   * `unanswered`, for the request loop to read once the response is out.
   */
  async function answerPaged(id: string, cmdlet: string, page: { size: number; window: number }, data: Iterable<unknown>, warnings: string[]) {
    const { size, window } = page;
    let sent = 0;
    let seq = 0;
    let pending: unknown[] = [];
    for (const item of data) {
      if (pending.push(item) < size) continue;
      const message = { type: 'page', id, seq: ++seq, data: pending, count: sent + size, cmdlet };
      if (!writeCapped(message)) return null;
      sent += size;
      pending = [];
      // Let the page go before making the next. Written while the client is still busy with the
      // last one, a page would otherwise wait in this process until it next goes idle (the window
      // being full), and the two processes would take turns instead of working side by side. The
      // real host writes to a blocking stdout, which has the same effect.
      if (output.writableNeedDrain) await new Promise<void>((resolve) => output.once('drain', resolve));
      if (++unanswered < window) continue;
      unanswered--;
      const ack = await lines.next();
      if (ack.done === true || !isAck(ack.value, id, 'more')) {
        return errorResponse(id, {
          kind: 'cancelled',
          category: 'OperationStopped',
          message: `${cmdlet} was stopped by the client after ${sent} objects.`,
          fullyQualifiedErrorId: '',
          cmdlet,
        });
      }
    }
    return { ...okResponse(id, pending, warnings, cmdlet), count: sent + pending.length };
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
      if (request.page !== undefined) {
        const paged = await answerPaged(request.id, request.cmdlet, request.page, result.data, result.warnings);
        // null: a page went over the cap and its error is already written; the request is over.
        return paged ?? null;
      }
      return okResponse(request.id, [...result.data], result.warnings, request.cmdlet);
    } catch (error) {
      if (error instanceof CmdletFailure)
        return errorResponse(request.id, { ...error.error, cmdlet: request.cmdlet });
      throw error;
    }
  }
}

function isAck(line: string, id: string, type: 'more' | 'cancel'): boolean {
  try {
    const message = JSON.parse(line) as { type?: unknown; id?: unknown };
    return message.type === type && message.id === id;
  } catch {
    return false;
  }
}

function okResponse(id: string, data: unknown[], warnings: string[], cmdlet: string) {
  return { type: 'response', id, ok: true as const, data, warnings, cmdlet };
}

function errorResponse(id: string | null, error: ProtocolError) {
  return { type: 'response', id, ok: false as const, error, warnings: [] as string[] };
}

/** The cmdlet name rides along only to label an output-too-large error; it is not part of a success or a page (PROTOCOL.md). */
function stripCmdlet<T extends { ok?: boolean; cmdlet?: string }>(message: T): Omit<T, 'cmdlet'> {
  if (message.ok === false || message.cmdlet === undefined) return message;
  const { cmdlet: _cmdlet, ...rest } = message;
  return rest;
}
