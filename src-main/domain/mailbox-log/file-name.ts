/**
 * Reads the device identity from a mailbox log's file name:
 * - the emailed attachment, `EASMailboxLog_<alias>_<DeviceType>_<DeviceId>.txt` (or `.gz` when it
 *   was over about 5 MB, facts F30). DeviceType and DeviceId are letters and digits only
 *   (eas-reference.md §3.1), so the alias is whatever remains and may contain `_`;
 * - Microsoft's collection script, `<mailbox>_MailboxLog_<name>_<DeviceId>_<ticks>.txt` (F30).
 */
export function parseMailboxLogFileName(fileName: string): { alias: string; deviceType?: string; deviceId: string } | undefined {
  const base = baseName(fileName);
  const emailed = /^EASMailboxLog_(.+)_([A-Za-z0-9]{1,32})_([A-Za-z0-9]{1,32})\.(?:txt|gz|txt\.gz)$/i.exec(base);
  if (emailed) return { alias: emailed[1] as string, deviceType: emailed[2] as string, deviceId: emailed[3] as string };
  const script = parseScriptLogFileName(base);
  return script === undefined ? undefined : { alias: script.mailbox, deviceId: script.deviceId };
}

/** A file saved by Microsoft's collection script; successive files of one device overlap. */
export function parseScriptLogFileName(fileName: string): { mailbox: string; deviceId: string; ticks: string } | undefined {
  const base = baseName(fileName);
  const match = /^(.+)_MailboxLog_.+_([A-Za-z0-9]{1,32})_(\d{6,20})\.(?:txt|gz|txt\.gz)$/i.exec(base);
  return match ? { mailbox: match[1] as string, deviceId: match[2] as string, ticks: match[3] as string } : undefined;
}

/** The file's own name, without folders or the archive it came from (`logs.zip › a/b.txt`). */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]| › /).pop() ?? fileName;
}
