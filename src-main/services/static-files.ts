import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  filePath: string;
  contentType: string;
}

/**
 * Maps a URL path onto a file inside `root`, or null. Used by the Electron protocol handler and
 * by the browser host alike, so both refuse the same traversal tricks (`..`, encoded slashes,
 * NUL bytes). Paths without an extension fall back to index.html (single-page app).
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.split('/').includes('..')) return null;
  const absoluteRoot = path.resolve(root);
  const wanted = relative === '' ? 'index.html' : path.extname(relative) === '' ? 'index.html' : relative;
  const filePath = path.resolve(absoluteRoot, wanted);
  if (filePath !== absoluteRoot && !filePath.startsWith(absoluteRoot + path.sep)) return null;
  try {
    // A link inside the folder must not lead out of it.
    const [realRoot, realFile] = await Promise.all([realpath(absoluteRoot), realpath(filePath)]);
    if (!realFile.startsWith(realRoot + path.sep)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
  } catch {
    return null;
  }
  const contentType = CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
  return { filePath, contentType };
}
