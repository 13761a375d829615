import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

/** What a raw client saw: the HTTP status line of the handshake and, if any, the server's close code. */
export interface RawReply {
  statusLine: string;
  closeCode: number | null;
}

export interface RawSocketOptions {
  port: number;
  cookie: string;
  path?: string;
}

/**
 * A WebSocket client written by hand, so tests can send what no well-behaved library would:
 * unmasked frames, invalid UTF-8, lying length headers. It completes the handshake like the
 * renderer (cookie + own Origin), writes the given bytes, and reports the close code the server sent.
 */
export async function sendRawFrames(options: RawSocketOptions, frames: Buffer[], timeoutMs = 10_000): Promise<RawReply> {
  const socket = connect(options.port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const origin = `http://127.0.0.1:${options.port}`;
  socket.write(
    [
      `GET ${options.path ?? '/ipc'} HTTP/1.1`,
      `Host: 127.0.0.1:${options.port}`,
      `Origin: ${origin}`,
      `Cookie: ${options.cookie}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  return readReply(socket, frames, timeoutMs);
}

function readReply(socket: Socket, frames: Buffer[], timeoutMs: number): Promise<RawReply> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let statusLine = '';
    let headerEnd = -1;
    let closeCode: number | null = null;
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ statusLine, closeCode });
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (headerEnd < 0) {
        headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        statusLine = buffer.subarray(0, buffer.indexOf('\r\n')).toString('latin1');
        buffer = buffer.subarray(headerEnd + 4);
        if (!statusLine.includes(' 101 ')) return finish();
        for (const frame of frames) socket.write(frame);
      }
      // Server frames are unmasked; a close frame is opcode 8 with the code in its first two bytes.
      if (buffer.length >= 4 && (buffer[0]! & 0x0f) === 0x8) {
        closeCode = buffer.readUInt16BE(2);
        finish();
      }
    });
    socket.on('close', finish);
  });
}

/** Builds one client frame. Lengths may lie (`declaredLength`); masking can be left off. */
export function frame(opts: { opcode: number; payload: Buffer; fin?: boolean; mask?: boolean; declaredLength?: number }): Buffer {
  const fin = opts.fin ?? true;
  const mask = opts.mask ?? true;
  const length = opts.declaredLength ?? opts.payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | opts.opcode];
  let ext = Buffer.alloc(0);
  if (length < 126) head.push((mask ? 0x80 : 0) | length);
  else if (length < 65536) {
    head.push((mask ? 0x80 : 0) | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(length);
  } else {
    head.push((mask ? 0x80 : 0) | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(BigInt(length));
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(opts.payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}
