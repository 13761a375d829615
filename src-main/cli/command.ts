/**
 * One CLI sub-command. Exit codes are shared by every command: 0 success (whatever the
 * findings), 2 bad input (one-line reason on stderr, no stack trace), 1 internal error.
 */
export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Thrown for bad input; the runner prints its message alone and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
