import type { AuthenticationResult, InteractiveRequest, PublicClientApplication } from '@azure/msal-node';
import { signInCancelled, signInTimedOut } from './auth-errors';

/** Opens a URL in the operator's default browser (Electron `shell.openExternal` in the app). */
export type BrowserOpener = (url: string) => Promise<void>;

export interface InteractiveSignInOptions {
  request: Omit<InteractiveRequest, 'openBrowser'>;
  openBrowser: BrowserOpener;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * MSAL's interactive sign-in with the timeout and cancel MSAL lacks: its loopback listener waits
 * forever for the browser. On cancel or timeout we answer MSAL's own loopback redirect with an
 * OAuth `access_denied` for the pending state, exactly as Entra would, so MSAL settles and closes
 * its listening socket instead of leaking it.
 */
export async function signInInteractively(
  pca: Pick<PublicClientApplication, 'acquireTokenInteractive'>,
  options: InteractiveSignInOptions,
): Promise<AuthenticationResult> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) throw signInCancelled();
  let pendingRedirect: { redirectUri: string; state: string } | undefined;
  let stop: ((error: Error) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });

  const attempt = pca.acquireTokenInteractive({
    ...options.request,
    openBrowser: async (url) => {
      if (signal?.aborted) throw signInCancelled();
      pendingRedirect = readRedirect(url);
      await options.openBrowser(url);
    },
  });

  const stopWith = (error: Error) => {
    stop?.(error);
    if (pendingRedirect) void releaseLoopback(pendingRedirect);
  };
  const onAbort = () => stopWith(signInCancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stopWith(signInTimedOut(Math.round(timeoutMs / 60_000))), timeoutMs);
  try {
    return await Promise.race([attempt, stopped]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // After a cancel MSAL rejects with our access_denied; nobody is waiting for that any more.
    attempt.catch(() => undefined);
  }
}

function readRedirect(authorizeUrl: string): { redirectUri: string; state: string } | undefined {
  const params = new URL(authorizeUrl).searchParams;
  const redirectUri = params.get('redirect_uri');
  const state = params.get('state');
  return redirectUri && state ? { redirectUri, state } : undefined;
}

/** Posts the form_post error answer to MSAL's loopback listener (always 127.0.0.1, never a proxy). */
async function releaseLoopback({
  redirectUri,
  state,
}: {
  redirectUri: string;
  state: string;
}): Promise<void> {
  const url = new URL(redirectUri);
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return;
  url.hostname = '127.0.0.1';
  const body = new URLSearchParams({
    error: 'access_denied',
    error_description: 'cancelled by the operator',
    state,
  });
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    // The listener may already be gone (the browser answered first); nothing left to release.
  }
}
