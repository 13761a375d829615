import type * as Electron from 'electron';

/**
 * Electron's `net.fetch` as a plain fetch function for the Graph client and MSAL. It runs in
 * Chromium's network stack, so the system proxy, PAC files and proxy authentication apply.
 */
export function createNetFetch(
  net: Pick<Electron.Net, 'fetch'>,
): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) => net.fetch(url, init);
}
