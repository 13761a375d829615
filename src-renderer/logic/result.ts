import type { Result } from '../../src-main/shared/ipc/result';
import { plainErrorMessage } from './plain-error';

/**
 * Turns an IPC error envelope into one sentence the operator can act on. The codes come from the
 * contract; the wording is for tier 1, so it says what to do next rather than what broke inside.
 */
export function describeFailure(result: Extract<Result<unknown>, { ok: false }>): string {
  const { code } = result.error;
  const message = plainErrorMessage(result.error.message);
  switch (code) {
    case 'UNAVAILABLE':
      return `${message} Try again in a moment; if it keeps failing, restart the app.`;
    case 'PERMISSION_DENIED':
      return `${message} Ask an Exchange administrator to do this, or to grant you the missing role.`;
    case 'CANCELLED':
      return 'Cancelled.';
    case 'TIMEOUT':
      return `${message} Exchange Online took too long to answer; run the step again.`;
    case 'NOT_FOUND':
      return `${message} It may have been deleted; refresh the list.`;
    case 'INVALID_REQUEST':
      return `${message} Check what you entered, then try again.`;
    default:
      return `${message} If this keeps happening, tell tier 2.`;
  }
}
