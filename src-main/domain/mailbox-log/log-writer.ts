/**
 * Writes entries in the mailbox-log layout Exchange uses (eas-reference.md §1.2): the dashes /
 * `Log Entry: n` / dashes header and `Key : ` sections. Used by the demo tenant's simulated
 * MailboxLogReport, by tests (round trips) and by the benchmark's generated logs.
 */
export interface WritableEntry {
  requestTime: number;
  responseTime?: number;
  serverName?: string;
  assemblyVersion?: string;
  identifier: string;
  command: string;
  user?: string;
  deviceId: string;
  deviceType: string;
  userAgent?: string;
  protocolVersion?: string;
  policyKey?: string;
  requestBody?: string;
  accessState?: string;
  accessStateReason?: string;
  deviceAccessControlRule?: string;
  wasPending?: boolean;
  httpStatus?: number;
  httpReason?: string;
  responseHeaders?: ReadonlyArray<readonly [string, string]>;
  responseBody?: string;
  /** Extra sections (exceptions, unknown keys) written before AccessState, as Exchange does. */
  extraSections?: ReadonlyArray<readonly [string, string]>;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8" ?>';

/** `MM/dd/yyyy HH:mm:ss` in UTC, the RequestTime format. */
export function formatRequestTime(time: number): string {
  const d = new Date(time);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** One entry, starting with the CRLF that precedes its header. */
export function formatLogEntry(entryNumber: number, e: WritableEntry, newline = '\r\n'): string {
  const sections: Array<readonly [string, string]> = [
    ['RequestTime', formatRequestTime(e.requestTime)],
    ['ServerName', e.serverName ?? 'BY5PR00MB0002'],
    ['AssemblyVersion', e.assemblyVersion ?? '15.20.7452.028'],
    ['Identifier', e.identifier],
    ['RequestHeader', requestHeader(e, newline)],
    ['RequestBody', e.requestBody === undefined ? 'Empty' : `${XML_DECLARATION}${newline}${e.requestBody}`],
    ...(e.extraSections ?? []),
    ['AccessState', e.accessState ?? 'Allowed'],
    ['AccessStateReason', e.accessStateReason ?? 'Global'],
  ];
  if (e.deviceAccessControlRule !== undefined) sections.push(['DeviceAccessControlRule', e.deviceAccessControlRule]);
  if (e.wasPending) sections.push(['WasPending', '[Response was pending]']);
  const status = e.httpStatus ?? 200;
  const headerLines = [`HTTP/1.1 ${status} ${e.httpReason ?? (status === 200 ? 'OK' : 'Error')}`, ...(e.responseHeaders ?? []).map(([k, v]) => `${k}: ${v}`)];
  sections.push(['ResponseHeader', `${headerLines.join(newline)}${newline}`]);
  sections.push(['ResponseBody', e.responseBody === undefined ? '[No XmlResponse]' : `${XML_DECLARATION}${newline}${e.responseBody}`]);
  sections.push(['ResponseTime', formatRequestTime(e.responseTime ?? e.requestTime)]);
  const head = `${newline}-----------------${newline} Log Entry: ${entryNumber}${newline}-----------------${newline}${newline}`;
  return head + sections.map(([k, v]) => `${k} : ${newline}${v}${newline}${newline}`).join('');
}

/** A whole device report: entries numbered from 0. */
export function formatMailboxLog(entries: readonly WritableEntry[], newline = '\r\n'): string {
  return entries.map((e, i) => formatLogEntry(i, e, newline)).join('');
}

function requestHeader(e: WritableEntry, nl: string): string {
  const query = `Cmd=${e.command}&User=${encodeURIComponent(e.user ?? 'alex.wilber@contoso.example')}&DeviceId=${e.deviceId}&DeviceType=${e.deviceType}`;
  const lines = [
    `POST /Microsoft-Server-ActiveSync/Proxy/default.eas?${query} HTTP/1.1`,
    'Connection: keep-alive',
    'Content-Type: application/vnd.ms-sync.wbxml',
    'Authorization: ********',
    'Host: outlook.office365.com',
  ];
  if (e.userAgent !== undefined) lines.push(`User-Agent: ${e.userAgent}`);
  if (e.protocolVersion !== undefined) lines.push(`MS-ASProtocolVersion: ${e.protocolVersion}`);
  if (e.policyKey !== undefined) lines.push(`X-MS-PolicyKey: ${e.policyKey}`);
  return `${lines.join(nl)}${nl}`;
}

/** Small XML helpers in the indented style Exchange writes (tabs per depth). */
export const easXml = {
  syncRequest(collections: ReadonlyArray<{ id: string; syncKey: string }>): string {
    return ['<Sync xmlns="AirSync:">', '\t<Collections>', ...collections.flatMap((c) => ['\t\t<Collection>', `\t\t\t<SyncKey>${c.syncKey}</SyncKey>`, `\t\t\t<CollectionId>${c.id}</CollectionId>`, '\t\t</Collection>']), '\t</Collections>', '</Sync>'].join('\r\n');
  },
  syncResponse(collections: ReadonlyArray<{ id: string; syncKey: string; status: number; itemStatuses?: ReadonlyArray<{ kind: string; id: string; status: number }> }>): string {
    return ['<Sync xmlns="AirSync:">', '\t<Collections>', ...collections.flatMap((c) => [
      '\t\t<Collection>', `\t\t\t<SyncKey>${c.syncKey}</SyncKey>`, `\t\t\t<CollectionId>${c.id}</CollectionId>`, `\t\t\t<Status>${c.status}</Status>`,
      ...(c.itemStatuses === undefined ? [] : ['\t\t\t<Responses>', ...c.itemStatuses.flatMap((s) => [`\t\t\t\t<${s.kind}>`, `\t\t\t\t\t<ServerId>${s.id}</ServerId>`, `\t\t\t\t\t<Status>${s.status}</Status>`, `\t\t\t\t</${s.kind}>`]), '\t\t\t</Responses>']),
      '\t\t</Collection>']), '\t</Collections>', '</Sync>'].join('\r\n');
  },
  rootStatus(root: string, namespace: string, status: number): string {
    return `<${root} xmlns="${namespace}:">\r\n\t<Status>${status}</Status>\r\n</${root}>`;
  },
  ping(heartbeat: number): string {
    return `<Ping xmlns="Ping:">\r\n\t<HeartbeatInterval>${heartbeat}</HeartbeatInterval>\r\n</Ping>`;
  },
  folderSyncRequest(syncKey: string): string {
    return `<FolderSync xmlns="FolderHierarchy:">\r\n\t<SyncKey>${syncKey}</SyncKey>\r\n</FolderSync>`;
  },
  folderSyncResponse(status: number, syncKey: string): string {
    return `<FolderSync xmlns="FolderHierarchy:">\r\n\t<Status>${status}</Status>\r\n\t<SyncKey>${syncKey}</SyncKey>\r\n</FolderSync>`;
  },
};
