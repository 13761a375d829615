import { renderXmlBody, type XmlElement } from './xml-body';

/**
 * Writes MailboxLogReport text in the layout Exchange produces (MailboxLogger.GenerateReport,
 * eas-reference.md §1.2–1.3): a dashed "Log Entry: n" header per entry counted from 0, then
 * `Key : ` sections in Exchange's order, CRLF line endings throughout.
 */

/** The device side of a request, fixed for one device's log. */
export interface LogDevice {
  user: string;
  deviceId: string;
  deviceType: string;
  userAgent: string;
  protocolVersion: string;
  serverName: string;
  assemblyVersion: string;
}

export interface LogEntry {
  /** Scenario time of the request (UTC ISO); logged as MM/dd/yyyy HH:mm:ss. */
  requestTime: string;
  responseTime?: string;
  identifier: string;
  cmd: string;
  policyKey: string;
  /** Overrides the device's protocol version for this request. */
  protocolVersion?: string;
  /** Request XML; null is logged as `Empty` (an empty Sync that reuses the cached request). */
  request: XmlElement | null;
  exceptions?: { section: string; text: string }[];
  accessState: 'Unknown' | 'Allowed' | 'Blocked' | 'Quarantined' | 'DeviceDiscovery';
  accessStateReason: string;
  deviceAccessControlRule?: string;
  wasPending?: boolean;
  /**
   * Still waiting for its answer when the log was pulled (a Ping on Direct Push): only the request
   * part is written, as Exchange does before it appends the response (facts F29).
   */
  pending?: boolean;
  /** e.g. "200 OK", "503 Service Unavailable", "403 Forbidden". */
  httpStatus?: string;
  /** Only headers EAS itself adds: Retry-After, X-MS-ASThrottle, X-MS-BackOffDuration, … */
  responseHeaders?: string[];
  /** Response XML; null is logged as `[No XmlResponse]`. */
  response: XmlElement | null;
}

const SEPARATOR = '-----------------';

/** The text of one device's log, as Get-MobileDeviceStatistics -GetMailboxLog puts it in MailboxLogReport. */
export function writeMailboxLog(device: LogDevice, entries: readonly LogEntry[]): string {
  return entries.map((entry, n) => renderEntry(device, entry, n)).join('');
}

function renderEntry(device: LogDevice, entry: LogEntry, n: number): string {
  const requestBody = entry.request === null ? 'Empty' : renderXmlBody(entry.request);
  const sections: [string, string][] = [
    ['RequestTime', logTime(entry.requestTime)],
    ['ServerName', device.serverName],
    ['AssemblyVersion', device.assemblyVersion],
    ['Identifier', entry.identifier],
    ['RequestHeader', requestHeader(device, entry, requestBody.length) + '\r\n'],
    ['RequestBody', requestBody],
    ...(entry.exceptions ?? []).map((e): [string, string] => [e.section, e.text]),
    ['AccessState', entry.accessState],
    ['AccessStateReason', entry.accessStateReason],
    ...(entry.deviceAccessControlRule
      ? [['DeviceAccessControlRule', entry.deviceAccessControlRule] as [string, string]]
      : []),
    ...(entry.wasPending ? [['WasPending', '[Response was pending]'] as [string, string]] : []),
    [
      'ResponseHeader',
      [`HTTP/1.1 ${entry.httpStatus ?? '200 OK'}`, ...(entry.responseHeaders ?? [])].join('\r\n') + '\r\n',
    ],
    ['ResponseBody', entry.response === null ? '[No XmlResponse]' : renderXmlBody(entry.response)],
    ['ResponseTime', logTime(entry.responseTime ?? entry.requestTime)],
  ];
  const header = `\r\n${SEPARATOR}\r\n Log Entry: ${n}\r\n${SEPARATOR}\r\n\r\n`;
  // A pending request has its request part only (RequestTime … RequestBody).
  if (entry.pending) sections.splice(6);
  return header + sections.map(([key, value]) => `${key} : \r\n${value}\r\n\r\n`).join('');
}

function requestHeader(device: LogDevice, entry: LogEntry, bodyChars: number): string {
  const query = `Cmd=${entry.cmd}&User=${device.user}&DeviceId=${device.deviceId}&DeviceType=${device.deviceType}`;
  return [
    `POST /Microsoft-Server-ActiveSync/Proxy/default.eas?${query} HTTP/1.1`,
    'Connection: keep-alive',
    // WBXML is roughly a third of the rendered XML; the exact figure does not matter to readers.
    `Content-Length: ${entry.request === null ? 0 : Math.max(13, Math.round(bodyChars / 3))}`,
    'Content-Type: application/vnd.ms-sync.wbxml',
    'Accept: */*',
    'Accept-Encoding: gzip, deflate, br',
    'Accept-Language: en-US,en;q=0.9',
    'Authorization: ********',
    'Host: outlook.office365.com',
    `User-Agent: ${device.userAgent}`,
    `MS-ASProtocolVersion: ${entry.protocolVersion ?? device.protocolVersion}`,
    `X-MS-PolicyKey: ${entry.policyKey}`,
  ].join('\r\n');
}

/** Exchange logs server-local time as MM/dd/yyyy HH:mm:ss; EXO servers are taken to run in UTC (unverified). */
export function logTime(iso: string): string {
  const d = new Date(iso);
  const p = (v: number) => String(v).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
