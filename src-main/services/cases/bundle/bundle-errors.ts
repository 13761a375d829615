/** Why a bundle was refused; stable codes for the UI, the CLI's --json output and tests. */
export type BundleRefusal =
  | 'not-a-zip'
  | 'unsafe-path'
  | 'symlink'
  | 'encrypted'
  | 'too-many-entries'
  | 'too-large'
  | 'suspicious-compression'
  | 'unexpected-file'
  | 'duplicate-file'
  | 'missing-file'
  | 'unlisted-file'
  | 'tampered'
  | 'corrupt-entry'
  | 'unknown-format-version'
  | 'bad-json'
  | 'bad-manifest'
  | 'bad-case'
  | 'already-in-library'
  | 'redaction-claim-false';

/**
 * A bundle that will not be opened. The message is for the operator: what is wrong with which
 * file and what to do; `file` names the offending entry when there is one.
 */
export class BundleRefusedError extends Error {
  override name = 'BundleRefusedError';
  constructor(
    readonly reason: BundleRefusal,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}
