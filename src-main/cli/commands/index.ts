import type { CliCommand } from '../command';

/** Every CLI sub-command; each lives in its own file beside this one. */
export const commands: CliCommand[] = [];
