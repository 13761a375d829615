/** Pages MSAL's loopback listener shows in the browser tab after sign-in. Static text, no scripts. */
export const SIGN_IN_SUCCESS_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>You are signed in to ActiveSync Troubleshooter. You can close this tab and go back to the tool.</p>';

export const SIGN_IN_ERROR_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Sign-in failed</title><p>Sign-in did not complete. Close this tab and go back to ActiveSync Troubleshooter for what to do next.</p>';
