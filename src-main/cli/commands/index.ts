import type { CliCommand } from '../command';
import { bundleCommand } from './bundle';

/** Every CLI sub-command; each lives in its own file beside this one. */
export const commands: CliCommand[] = [bundleCommand];
