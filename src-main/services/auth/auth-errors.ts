/**
 * Sign-in failures in tier-1 words. MSAL's own errors are wrapped so their codes stay available
 * (`msalCode`) for support, while the message tells the operator what to do next.
 */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    message: string,
    readonly reason: SignInFailureReason,
    readonly msalCode?: string,
  ) {
    super(message);
  }
}

export type SignInFailureReason =
  | 'cancelled'
  | 'timed-out'
  | 'in-progress'
  | 'sign-in-required'
  | 'device-code-rejected'
  | 'not-configured'
  | 'failed';

export const signInCancelled = () =>
  new SignInError('Sign-in was cancelled. Start it again when you are ready.', 'cancelled');

export const signInTimedOut = (minutes: number) =>
  new SignInError(
    `Sign-in did not finish within ${minutes} minutes, so the tool stopped waiting. Start sign-in again and complete it in the browser window that opens.`,
    'timed-out',
  );

export const signInInProgress = () =>
  new SignInError(
    'A sign-in is already waiting for you in the browser. Finish or cancel that one first.',
    'in-progress',
  );

export const signInRequired = (msalCode?: string) =>
  new SignInError(
    'You need to sign in (again) before the tool can read this. Choose "Sign in".',
    'sign-in-required',
    msalCode,
  );

export const deviceCodeRejected = (entraCode: string | undefined) =>
  new SignInError(
    `Sign-in with a code was not accepted${entraCode ? ` (Entra said: ${entraCode})` : ''}. Many organisations block this sign-in method; use "Sign in with browser" instead, or ask your Entra administrator.`,
    'device-code-rejected',
    entraCode,
  );

export const signInFailed = (msalCode: string | undefined, detail: string | undefined) =>
  new SignInError(
    `Sign-in failed${detail ? `: ${detail}` : ''}. Check the client id and tenant in settings, then try again. If it keeps failing, give this message to your Entra administrator.`,
    'failed',
    msalCode,
  );
