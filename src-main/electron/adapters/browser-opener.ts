import type * as Electron from 'electron';

/**
 * Opens the Entra sign-in page in the operator's default browser. Only https URLs are passed on,
 * so nothing else (file:, custom schemes) can be launched through this path.
 */
export function createBrowserOpener(
  shell: Pick<Electron.Shell, 'openExternal'>,
): (url: string) => Promise<void> {
  return async (url) => {
    if (new URL(url).protocol !== 'https:')
      throw new Error('Only https sign-in pages can be opened in the browser.');
    await shell.openExternal(url);
  };
}
