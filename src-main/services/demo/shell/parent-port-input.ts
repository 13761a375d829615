import { Readable } from 'node:stream';

/** The message that ends the shell's input when it runs in an Electron utility process. */
export const DEMO_SHELL_EOF = { type: 'eof' } as const;

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/**
 * Where the shell reads request lines: stdin as a child process, or, in an Electron utility
 * process (which has no stdin), the parent's messages: each a chunk of text, then DEMO_SHELL_EOF.
 */
export function protocolInput(proc: NodeJS.Process & { parentPort?: ParentPort } = process): Readable {
  const port = proc.parentPort;
  if (port === undefined) return proc.stdin;
  const input = new Readable({ read() {} });
  port.on('message', ({ data }) => {
    if (typeof data === 'string') input.push(data);
    else if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === DEMO_SHELL_EOF.type) input.push(null);
  });
  return input;
}
