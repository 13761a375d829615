import { CaptureFormatError, type CaptureExchange } from './capture-model';
import { parseHttpMessage, type ContentDecoder } from './http-message';

/**
 * Builds exchanges from the files of a Fiddler SAZ archive (a zip the caller has opened):
 * `raw/NN_c.txt` the request, `raw/NN_s.txt` the response (missing when none came back),
 * `raw/NN_m.xml` the session's timers and flags.
 */
export function readSaz(files: ReadonlyMap<string, Uint8Array>, source: string, decode?: ContentDecoder): CaptureExchange[] {
  const sessions = new Map<number, { c?: Uint8Array; s?: Uint8Array; m?: Uint8Array }>();
  for (const [name, bytes] of files) {
    const match = /^raw\/(\d+)_([csm])\.(?:txt|xml)$/i.exec(name.replace(/\\/g, '/'));
    if (match === null) continue;
    const id = Number(match[1]);
    const session = sessions.get(id) ?? {};
    session[(match[2] as string).toLowerCase() as 'c' | 's' | 'm'] = bytes;
    sessions.set(id, session);
  }
  if (sessions.size === 0) throw new CaptureFormatError(`"${source}" is not a Fiddler capture (.saz): it has no raw/NN_c.txt sessions.`);
  const exchanges: CaptureExchange[] = [];
  for (const [id, files] of [...sessions].sort((a, b) => a[0] - b[0])) {
    if (files.c === undefined) continue;
    const request = parseHttpMessage(files.c, `Session ${id} of "${source}"`, decode);
    const [method = 'GET', target = ''] = request.startLine.split(' ');
    const host = request.headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
    // A CONNECT session is an encrypted tunnel ("host:443"): Fiddler did not decrypt what went through it.
    const url = /^https?:\/\//i.test(target) ? target : method.toUpperCase() === 'CONNECT' ? `https://${target}/` : `https://${host}${target}`;
    const meta = files.m === undefined ? '' : new TextDecoder().decode(files.m);
    const timer = (name: string) => {
      const value = new RegExp(`${name}="([^"]+)"`).exec(meta)?.[1];
      const time = value === undefined ? Number.NaN : Date.parse(value);
      return Number.isFinite(time) && time > 0 ? time : undefined;
    };
    let response: CaptureExchange['response'];
    let error: string | undefined;
    if (files.s !== undefined && files.s.length > 0) {
      const raw = parseHttpMessage(files.s, `Session ${id} of "${source}"`, decode);
      const statusLine = /^HTTP\/[\d.]+ (\d{3})(?: (.*))?$/.exec(raw.startLine);
      response = { status: Number(statusLine?.[1] ?? 0), reason: statusLine?.[2], headers: raw.headers, body: raw.body };
      // Fiddler answers for the server when it could not reach it: its own 502/504 with a "[Fiddler]" text.
      const text = new TextDecoder().decode(raw.body.subarray(0, 2000));
      if ((response.status === 502 || response.status === 504) && text.includes('[Fiddler]')) {
        error = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
        response = undefined;
      }
    } else {
      // No response file: the session was still open when Fiddler saved it (a waiting Ping), or the app
      // cancelled it. Neither is a network failure; capture-to-log.ts decides what it was.
      error = /x-clientaborted|Aborted/i.test(meta) ? 'The client aborted the request.' : undefined;
    }
    exchanges.push({
      index: id,
      startedAt: timer('ClientBeginRequest') ?? timer('ClientConnected'),
      finishedAt: timer('ClientDoneResponse') ?? timer('ServerDoneResponse'),
      method,
      url,
      requestHeaders: request.headers,
      requestBody: request.body.length > 0 ? request.body : undefined,
      response,
      error,
    });
  }
  return exchanges;
}
