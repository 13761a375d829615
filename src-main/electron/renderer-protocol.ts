import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from '../services/static-files';
import { SECURITY_HEADERS } from '../shared/security/csp';
import { APP_HOST } from './app-origin';

/**
 * Serves the built renderer for `app://renderer/…` with the security headers. Anything that is
 * not a GET for our host, or not a file inside the renderer folder, gets 404.
 */
export function createRendererProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (file === null) return new Response('Not found', { status: 404 });
    const body = await readFile(file.filePath);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType } });
  };
}
