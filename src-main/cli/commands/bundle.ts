import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportCaseBundle } from '../../services/cases/bundle/bundle-writer';
import { BundleRefusedError } from '../../services/cases/bundle/bundle-errors';
import { readCaseBundle } from '../../services/cases/bundle/bundle-reader';
import { runDiagnosis } from '../run-diagnosis';
import { UsageError, type CliCommand, type CliIo } from '../command';

declare const __APP_VERSION__: string | undefined;

/** The app version baked in by the build; unbundled runs (tests) report a dev version. */
const appVersion = () => (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev');

const USAGE = `Usage:
  eas-troubleshooter bundle verify <zip> [--json]
  eas-troubleshooter bundle export --case <case folder> --out <zip> [--redact]
  eas-troubleshooter bundle export --scenario <name> --user <upn> --out <zip> [--redact]`;

/** parseArgs with its errors (unknown option, missing value) turned into one-line usage errors. */
function parsing<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.split('\n')[0]} Run bundle without arguments for usage.`,
    );
  }
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() =>
    parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }),
  );
  if (positionals.length !== 1) throw new UsageError(`bundle verify needs exactly one zip file.`);
  const zipPath = path.resolve(positionals[0]!);
  try {
    const bundle = await readCaseBundle(zipPath);
    if (values.json === true) {
      io.stdout(
        `${JSON.stringify({ valid: true, caseId: bundle.manifest.caseId, formatVersion: bundle.manifest.formatVersion, appVersion: bundle.manifest.appVersion, created: bundle.manifest.created, redacted: bundle.manifest.redacted, files: bundle.fileCount })}\n`,
      );
    } else {
      io.stdout(
        `Valid bundle: case ${bundle.manifest.caseId}, ${bundle.fileCount} files checked, made ${bundle.manifest.created}${bundle.manifest.redacted ? ', redacted' : ''}.\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BundleRefusedError)) throw error;
    if (values.json === true) {
      io.stdout(
        `${JSON.stringify({ valid: false, reason: error.reason, file: error.file ?? null, message: error.message })}\n`,
      );
    }
    // Exit 2 with the reason on one line: the bundle is bad input, not an app failure.
    throw new UsageError(error.message.replace(/\s*\n\s*/g, ' '));
  }
}

/**
 * Exports a case folder. The issue's `--scenario <name> --user <upn>` form needs the diagnose
 * flow (issue 7): it will run diagnose into a temporary case folder and then call this same
 * exportFolder, so only the argument parsing is missing.
 */
async function exportBundle(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsing(() =>
    parseArgs({
      args,
      options: {
        case: { type: 'string' },
        out: { type: 'string' },
        redact: { type: 'boolean' },
        scenario: { type: 'string' },
        user: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  if (values.out === undefined) throw new UsageError('bundle export needs --out <zip>.');
  if (values.scenario !== undefined || values.user !== undefined) {
    if (values.case !== undefined) throw new UsageError('Give either --case or --scenario with --user, not both.');
    if (values.scenario === undefined || values.user === undefined)
      throw new UsageError('bundle export --scenario needs --user <upn> too.');
    const run = await runDiagnosis({ scenario: values.scenario, user: values.user });
    try {
      return await exportFolder(run.caseFolder, path.resolve(values.out), values.redact === true, io);
    } finally {
      await run.dispose();
    }
  }
  if (values.case === undefined) throw new UsageError('bundle export needs --case <folder>, or --scenario and --user.');
  return exportFolder(path.resolve(values.case), path.resolve(values.out), values.redact === true, io);
}

async function exportFolder(
  caseFolder: string,
  outPath: string,
  redact: boolean,
  io: CliIo,
): Promise<number> {
  let result;
  try {
    result = await exportCaseBundle({ caseFolder, outPath, appVersion: appVersion(), redact });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new UsageError(`No case found at ${caseFolder} (it needs a case.json and an evidence folder).`);
    if (error instanceof Error && error.name === 'InvalidCaseError') throw new UsageError(error.message);
    throw error;
  }
  io.stdout(
    `Wrote ${result.outPath}: ${result.manifest.files.length} files${redact ? `, ${result.pseudonymCount} identifiers replaced` : ''}.\n`,
  );
  return 0;
}

/** `bundle verify` and `bundle export`: check or write case bundles from the command line. */
export const bundleCommand: CliCommand = {
  name: 'bundle',
  summary: 'Verify a case bundle, or export a case folder as a bundle',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'export') return exportBundle(rest, io);
    if (sub === undefined || sub === '--help') {
      io.stdout(`${USAGE}\n`);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown bundle sub-command: ${sub}. Use "verify" or "export".`);
  },
};
