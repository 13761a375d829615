import { SignInError, signInFailed, signInRequired } from './auth-errors';

/** MSAL/Entra codes that mean "the cached sign-in is no longer usable; sign in interactively". */
const NEEDS_INTERACTION = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'invalid_grant',
  'no_tokens_found',
  'refresh_token_expired',
  'bad_token',
  'no_account_found',
]);

interface MsalLikeError {
  name?: string;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * Turns an MSAL error into a SignInError. Compares `errorCode` and `name` rather than using
 * `instanceof`, which is unreliable across msal-common copies (MSAL v7 migration notes). Only the
 * first line of Entra's description is kept: it names the AADSTS code and never carries a token.
 */
export function toSignInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as MsalLikeError;
  const code = typeof e.errorCode === 'string' ? e.errorCode : undefined;
  if (e.name === 'InteractionRequiredAuthError' || (code !== undefined && NEEDS_INTERACTION.has(code))) {
    return signInRequired(code);
  }
  const detail = typeof e.errorMessage === 'string' ? e.errorMessage.split(/\r?\n/)[0]?.trim() : undefined;
  return signInFailed(code, detail || undefined);
}
