/**
 * Reads the device identity from an emailed log's attachment name,
 * `EASMailboxLog_<alias>_<DeviceType>_<DeviceId>.txt`. DeviceType and DeviceId are letters and
 * digits only (eas-reference.md §3.1), so the alias is whatever remains and may contain `_`.
 */
export function parseMailboxLogFileName(fileName: string): { alias: string; deviceType: string; deviceId: string } | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = /^EASMailboxLog_(.+)_([A-Za-z0-9]{1,32})_([A-Za-z0-9]{1,32})\.txt$/i.exec(base);
  if (!match) return undefined;
  return { alias: match[1] as string, deviceType: match[2] as string, deviceId: match[3] as string };
}
