import type { CliCommand } from '../command';
import { analyzeLogCommand } from './analyze-log';
import { bundleCommand } from './bundle';
import { scenariosCommand } from './scenarios';

/** Every CLI sub-command; each lives in its own file beside this one. */
export const commands: CliCommand[] = [bundleCommand, analyzeLogCommand, scenariosCommand];
