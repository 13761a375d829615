import type { CliCommand } from '../command';
import { analyzeLogCommand } from './analyze-log';
import { bundleCommand } from './bundle';
import { devicesCommand } from './devices';
import { decodeWbxmlCommand } from './decode-wbxml';
import { diagnoseCommand } from './diagnose';
import { scenariosCommand } from './scenarios';

/** Every CLI sub-command; each lives in its own file beside this one. */
export const commands: CliCommand[] = [diagnoseCommand, analyzeLogCommand, scenariosCommand, bundleCommand, devicesCommand, decodeWbxmlCommand];
