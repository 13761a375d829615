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

/**
 * True when `url` belongs to the app's own origin. Scheme and host are compared rather than
 * `URL.origin`, which is "null" for custom schemes outside Electron. Malformed URLs are never ours.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.port === '';
  } catch {
    return false;
  }
}
