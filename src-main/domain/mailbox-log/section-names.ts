/** Section names Exchange writes in a mailbox log (MailboxLogDataName, Exchange 2013 CU23). */
export const KNOWN_SECTIONS: ReadonlySet<string> = new Set([
  'RequestTime',
  'ServerName',
  'AssemblyVersion',
  'Identifier',
  'RequestHeader',
  'RequestBody',
  'LogicalRequest',
  'AccessState',
  'AccessStateReason',
  'DeviceAccessControlRule',
  'WasPending',
  'ResponseHeader',
  'ResponseBody',
  'ResponseTime',
  'IRM_FailureCode',
  'IRM_Exception',
  'AdditionalData',
]);

/** True for Exchange's per-failure-point sections (`SyncCommand_OnExecute_Exception`, …). */
export function isExceptionSection(name: string): boolean {
  return name.endsWith('_Exception') || name === 'IRM_FailureCode';
}

/** A section key line: `Name : ` (the trailing space may be lost when a file is re-saved). */
export const SECTION_KEY = /^([A-Za-z][A-Za-z0-9_]*) :\s?$/;
