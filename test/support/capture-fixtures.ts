import { encodeWbxml, type XmlElementInput } from '../../src-main/domain/wbxml/encode-wbxml';

/** Builders for device-side capture fixtures (HAR and Fiddler SAZ) with real WBXML bodies. */
const EAS = 'https://outlook.office365.com/Microsoft-Server-ActiveSync';
export const IPHONE = { deviceId: 'ApplF17XK2Q1N72', deviceType: 'iPhone', userAgent: 'Apple-iPhone15C2/2104.219' };

const el = (namespace: string, name: string, content?: string | XmlElementInput[]): XmlElementInput =>
  typeof content === 'string' ? { namespace, name, text: content } : { namespace, name, children: content ?? [] };

export const bodies = {
  folderSyncRequest: () => encodeWbxml(el('FolderHierarchy', 'FolderSync', [el('FolderHierarchy', 'SyncKey', '0')])),
  folderSyncResponse: (status: number) => encodeWbxml(el('FolderHierarchy', 'FolderSync', [el('FolderHierarchy', 'Status', String(status)), el('FolderHierarchy', 'SyncKey', '1')])),
  syncRequest: (syncKey: string) => encodeWbxml(el('AirSync', 'Sync', [el('AirSync', 'Collections', [el('AirSync', 'Collection', [el('AirSync', 'SyncKey', syncKey), el('AirSync', 'CollectionId', '5')])])])),
  syncResponse: (status: number) => encodeWbxml(el('AirSync', 'Sync', [el('AirSync', 'Collections', [el('AirSync', 'Collection', [el('AirSync', 'SyncKey', '0'), el('AirSync', 'CollectionId', '5'), el('AirSync', 'Status', String(status))])])])),
};

export interface HarSpec {
  cmd: string;
  at: string;
  requestBody?: Uint8Array;
  auth?: string;
  status: number;
  statusText?: string;
  responseHeaders?: Array<[string, string]>;
  responseBody?: Uint8Array | string;
  contentType?: string;
  error?: string;
  url?: string;
  /** More request headers (a browser app's own session or token headers). */
  requestHeaders?: Array<[string, string]>;
}

export function harEntry(spec: HarSpec): object {
  const url = spec.url ?? `${EAS}?Cmd=${spec.cmd}&User=alex.wilber%40contoso.example&DeviceId=${IPHONE.deviceId}&DeviceType=${IPHONE.deviceType}`;
  const body = spec.responseBody;
  return {
    startedDateTime: spec.at,
    time: 120,
    request: {
      method: 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Host', value: 'outlook.office365.com' },
        { name: 'User-Agent', value: IPHONE.userAgent },
        { name: 'MS-ASProtocolVersion', value: '16.1' },
        { name: 'Content-Type', value: 'application/vnd.ms-sync.wbxml' },
        { name: 'Authorization', value: spec.auth ?? 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2ln' },
        { name: 'Cookie', value: 'DefaultAnchorMailbox=secret-cookie-value' },
        ...(spec.requestHeaders ?? []).map(([name, value]) => ({ name, value })),
      ],
      postData: spec.requestBody === undefined ? undefined : { mimeType: 'application/vnd.ms-sync.wbxml', text: Buffer.from(spec.requestBody).toString('base64'), encoding: 'base64' },
    },
    response: {
      status: spec.status,
      statusText: spec.statusText ?? (spec.status === 200 ? 'OK' : ''),
      headers: [...(spec.contentType === undefined ? [] : [{ name: 'Content-Type', value: spec.contentType }]), ...(spec.responseHeaders ?? []).map(([name, value]) => ({ name, value }))],
      content: body === undefined ? { size: 0, mimeType: spec.contentType ?? '' } : typeof body === 'string' ? { size: body.length, mimeType: spec.contentType, text: body } : { size: body.length, mimeType: spec.contentType, text: Buffer.from(body).toString('base64'), encoding: 'base64' },
      _error: spec.error,
    },
  };
}

export function har(entries: object[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }, null, 1);
}

/**
 * The capture the evidence tests and the e2e use: an iPhone whose FolderSync works, whose Sync
 * keeps failing Status 3, and that hit a TLS failure, a password challenge, a redirect to an
 * on-premises server and a proxy's web page; plus one request that is not ActiveSync.
 */
export function problemCaptureHar(): string {
  return har([
    { startedDateTime: '2026-11-30T09:00:00.000Z', time: 5, request: { method: 'GET', url: 'https://www.example.com/favicon.ico', headers: [] }, response: { status: 200, headers: [], content: { size: 0 } } },
    // A browser app's token in the query string and in a header of its own: neither may reach a case.
    harEntry({ cmd: 'FolderSync', at: '2026-11-30T09:00:01.000Z', url: `${EAS}?Cmd=FolderSync&User=alex.wilber%40contoso.example&DeviceId=${IPHONE.deviceId}&DeviceType=${IPHONE.deviceType}&access_token=query-secret-token`, requestHeaders: [['X-Session-Token', 'header-secret-token']], requestBody: bodies.folderSyncRequest(), status: 200, contentType: 'application/vnd.ms-sync.wbxml', responseBody: bodies.folderSyncResponse(1) }),
    ...[2, 3, 4].map((minute) => harEntry({ cmd: 'Sync', at: `2026-11-30T09:0${minute}:00.000Z`, requestBody: bodies.syncRequest('0'), status: 200, contentType: 'application/vnd.ms-sync.wbxml', responseBody: bodies.syncResponse(3) })),
    harEntry({ cmd: 'Sync', at: '2026-11-30T09:05:00.000Z', requestBody: bodies.syncRequest('0'), status: 0, error: 'net::ERR_CERT_AUTHORITY_INVALID' }),
    harEntry({ cmd: 'Ping', at: '2026-11-30T09:06:00.000Z', auth: 'Basic YWxleDpodW50ZXIy', status: 401, statusText: 'Unauthorized', responseHeaders: [['WWW-Authenticate', 'Basic realm="outlook.office365.com"']] }),
    harEntry({ cmd: 'Ping', at: '2026-11-30T09:07:00.000Z', status: 302, statusText: 'Found', responseHeaders: [['Location', 'https://mail.contoso.example/Microsoft-Server-ActiveSync']] }),
    harEntry({ cmd: 'Ping', at: '2026-11-30T09:08:00.000Z', status: 403, statusText: 'Forbidden', contentType: 'text/html; charset=utf-8', responseBody: '<!DOCTYPE html><html><head><title>Access Denied - Web Filter</title></head><body>Blocked by policy</body></html>' }),
    harEntry({ cmd: 'Ping', at: '2026-11-30T09:09:00.000Z', status: 0, error: 'net::ERR_INTERNET_DISCONNECTED' }),
  ]);
}

/** The secrets problemCaptureHar() carries, which must never reach a case or a bundle. */
export const CAPTURE_SECRETS = ['eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9', 'YWxleDpodW50ZXIy', 'secret-cookie-value', 'query-secret-token', 'header-secret-token'];
