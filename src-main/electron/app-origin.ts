/**
 * The renderer is served from a privileged custom scheme instead of file:// (Electron security
 * checklist #18). Its origin is what the IPC sender check and the navigation guard compare with.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: true,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

/** True when `url` belongs to the app's own origin. Malformed URLs are never ours. */
export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
