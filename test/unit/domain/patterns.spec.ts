import { describe, expect, it } from 'vitest';
import { easXml, formatMailboxLog, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { analyze, codes, entry, fixture, parseAll } from './support/log-builders';

const run = (...entries: WritableEntry[]) => analyze(['log.txt', formatMailboxLog(entries)]);
const find = (entries: WritableEntry[], code: string) => run(...entries).findings.find((f) => f.code === code);

const sync = (minutes: number, id: string, sent: string, status: number, returned = status === 1 ? String(Number(sent) + 1) : '0') =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id, syncKey: sent }]), responseBody: easXml.syncResponse([{ id, syncKey: returned, status }]) });
const ping = (minutes: number, status: number) => entry(minutes, { command: 'Ping', requestBody: easXml.ping(900), responseBody: easXml.rootStatus('Ping', 'Ping', status), wasPending: true, responseTime: undefined });

describe('sync key patterns', () => {
  it('the initial SyncKey 0 is not a loop or a reset', () => {
    expect(codes(run(sync(0, '5', '0', 1), sync(1, '5', '1', 1), ping(2, 1)))).toEqual(['HEALTHY_SYNC']);
  });

  it('one Status 3 is a reset (info), three are a loop (blocker) with the entries cited', () => {
    expect(codes(run(sync(0, '5', '0', 1), sync(1, '5', '1', 3), sync(2, '5', '0', 1)))).toContain('SYNC_KEY_RESET');
    const loop = find([sync(0, '5', '0', 1), sync(1, '5', '1', 3), sync(2, '5', '0', 1), sync(3, '5', '1', 3), sync(4, '5', '0', 1), sync(5, '5', '1', 3)], 'SYNC_KEY_LOOP');
    expect(loop?.severity).toBe('blocker');
    expect(loop?.evidence[0]?.logEntries).toEqual([2, 4, 6]);
  });

  it('the phone dropping back to SyncKey 0 by itself counts as a reset', () => {
    const f = run(sync(0, '5', '0', 1), sync(1, '5', '1', 1), sync(2, '5', '0', 1), sync(3, '5', '1', 1), sync(4, '5', '0', 1), sync(5, '5', '1', 1), sync(6, '5', '0', 1));
    expect(codes(f)).toContain('SYNC_KEY_LOOP');
  });

  it('FolderSync status 9 loops count on the folder list', () => {
    const fs = (m: number, key: string, status: number) => entry(m, { command: 'FolderSync', requestBody: easXml.folderSyncRequest(key), responseBody: easXml.folderSyncResponse(status, status === 1 ? '1' : '0') });
    expect(codes(run(fs(0, '0', 1), fs(1, '1', 9), fs(2, '0', 1), fs(3, '1', 9), fs(4, '0', 1), fs(5, '1', 9)))).toContain('SYNC_KEY_LOOP');
  });
});

describe('provisioning patterns', () => {
  const demand = (m: number) => entry(m, { responseBody: easXml.rootStatus('Sync', 'AirSync', 142) });
  const provision = (m: number) => entry(m, { command: 'Provision', responseBody: easXml.rootStatus('Provision', 'Provision', 1) });

  it('a single policy refresh is normal; three demands within an hour are a loop', () => {
    expect(codes(run(demand(0), provision(1), sync(2, '5', '0', 1)))).not.toContain('PROVISIONING_LOOP');
    expect(codes(run(demand(0), provision(1), demand(10), provision(11), demand(20), provision(21)))).toContain('PROVISIONING_LOOP');
  });

  it('demands spread over days are policy refreshes, not a loop', () => {
    expect(codes(run(demand(0), provision(1), demand(60 * 24), provision(60 * 24 + 1), demand(60 * 48)))).not.toContain('PROVISIONING_LOOP');
  });

  it('HTTP 449 counts as a demand (old protocol versions)', () => {
    const old = (m: number) => entry(m, { httpStatus: 449, protocolVersion: '12.1' });
    expect(codes(run(old(0), old(5), old(10)))).toContain('PROVISIONING_LOOP');
  });

  it('139/141/145 mean the device cannot be provisioned; 140 or a RemoteWipe element means a pending wipe', () => {
    expect(codes(run(entry(0, { command: 'Provision', responseBody: easXml.rootStatus('Provision', 'Provision', 141) })))).toContain('DEVICE_NOT_PROVISIONABLE');
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 140) })))).toContain('REMOTE_WIPE_PENDING');
    const wipe = entry(0, { command: 'Provision', responseBody: '<Provision xmlns="Provision:">\r\n\t<Status>1</Status>\r\n\t<RemoteWipe/>\r\n</Provision>' });
    const f = run(wipe).findings[0];
    expect(f).toMatchObject({ code: 'REMOTE_WIPE_PENDING', rank: 1, severity: 'blocker' });
  });
});

describe('access periods', () => {
  it('quarantine, Intune compliance and enrollment are told apart', () => {
    expect(codes(run(entry(0, { accessState: 'Quarantined', accessStateReason: 'Global' })))).toContain('DEVICE_QUARANTINED');
    expect(codes(run(entry(0, { accessState: 'Quarantined', accessStateReason: 'ExternalCompliance' })))).toContain('DEVICE_NOT_COMPLIANT');
    expect(codes(run(entry(0, { accessState: 'Quarantined', accessStateReason: 'ExternalEnrollment' })))).toContain('DEVICE_NOT_ENROLLED');
  });

  it('a block that was lifted later is history (info), not the current cause', () => {
    const f = find([entry(0, { accessState: 'Blocked', accessStateReason: 'Individual', responseBody: easXml.rootStatus('Sync', 'AirSync', 129) }), sync(10, '5', '0', 1)], 'DEVICE_BLOCKED');
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain('later requests were allowed');
  });

  it('auto-block (X-MS-ASThrottle) is not the same as budget back-off (X-MS-BackOffDuration)', () => {
    const autoBlock = entry(0, { httpStatus: 503, accessState: 'Blocked', accessStateReason: 'UserAgentsChanges', responseHeaders: [['Retry-After', '3600'], ['X-MS-ASThrottle', 'UserAgentsChanges']] });
    const backOff = entry(0, { httpStatus: 503, responseHeaders: [['X-MS-BackOffDuration', 'H/30'], ['X-MS-BackOffReason', 'OutOfBudget']] });
    expect(codes(run(autoBlock))).toEqual(expect.arrayContaining(['DEVICE_AUTO_BLOCKED']));
    expect(codes(run(autoBlock))).not.toContain('THROTTLED');
    expect(codes(run(backOff))).toContain('THROTTLED');
    expect(codes(run(backOff))).not.toContain('DEVICE_AUTO_BLOCKED');
    expect(codes(run(backOff))).not.toContain('SERVER_ERRORS');
  });
});

describe('request failures', () => {
  it('server errors: HTTP 500, global 111, exception sections', () => {
    expect(codes(run(entry(0, { httpStatus: 500 })))).toContain('SERVER_ERRORS');
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('Sync', 'AirSync', 111) })))).toContain('SERVER_ERRORS');
    expect(codes(run(entry(0, { extraSections: [['SyncCommand_OnExecute_Exception', 'System.Exception: boom']] })))).toContain('SERVER_ERRORS');
  });

  it('an item Exchange could not convert inside an otherwise successful Sync is not a server error', () => {
    const convert = ['SyncCommand_GenerateResponsesXmlNode_AddChange_ConvertServerToClientObject_Exception', 'Microsoft.Exchange.Data.Storage.ConversionFailedException: the message could not be converted\r\n   at ...'] as [string, string];
    const ok = entry(0, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '1' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '2', status: 1 }]), extraSections: [convert] });
    const healthy = run(sync(-2, '5', '0', 1), ok, sync(2, '5', '2', 1), ping(3, 1));
    expect(codes(healthy)).not.toContain('SERVER_ERRORS');
    expect(codes(healthy)).toContain('HEALTHY_SYNC');
    // The same section in a Sync that failed (collection status 5) still counts.
    const failed = entry(0, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '1' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '0', status: 5 }]), extraSections: [convert] });
    expect(codes(run(failed))).toContain('SERVER_ERRORS');
    // And in a request that returned HTTP 500.
    expect(codes(run(entry(0, { httpStatus: 500, extraSections: [convert] })))).toContain('SERVER_ERRORS');
    // A command-level exception in a successful response is still a server error.
    const command = entry(0, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '1' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '2', status: 1 }]), extraSections: [['Command_WorkerThread_Exception', 'System.Exception: boom']] });
    expect(codes(run(command))).toContain('SERVER_ERRORS');
  });

  it('the healthy iPhone fixture with one item Exchange could not convert stays healthy (log fixture)', () => {
    const bytes = fixture('synthetic-iphone-item-conversion-16.1.txt');
    const { entries, warnings } = parseAll(bytes);
    expect(warnings).toEqual([]);
    // The section is read as an exception of the successful Sync (entry 4), the thing the old rule called a server error.
    expect(entries[4]?.exceptions.map((x) => x.section)).toEqual(['SyncCommand_GenerateResponsesXmlNode_AddChange_ConvertServerToClientObject_Exception']);
    expect(entries[4]?.collectionStatuses.map((s) => s.code)).toEqual([1]);
    expect(codes(analyze(['iphone.txt', bytes.toString('utf8')]))).toEqual(['HEALTHY_SYNC']);
  });

  it('quota, too many folders, redirects and disabled protocol', () => {
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('Sync', 'AirSync', 113) })))).toContain('MAILBOX_QUOTA_EXCEEDED');
    expect(codes(run(entry(0, { httpStatus: 507 })))).toContain('MAILBOX_QUOTA_EXCEEDED');
    expect(codes(run(entry(0, { command: 'FolderSync', responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 151) })))).toContain('TOO_MANY_FOLDERS');
    const redirect = find([entry(0, { httpStatus: 451, responseHeaders: [['X-MS-Location', 'https://other.example/Microsoft-Server-ActiveSync']] })], 'REDIRECT_451');
    expect(redirect?.explanation).toContain('https://other.example/Microsoft-Server-ActiveSync');
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('Sync', 'AirSync', 126) })))).toContain('EAS_DISABLED_FOR_MAILBOX');
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 177) })))).toContain('MAXIMUM_DEVICES_REACHED');
  });

  it('the log signs of a removed licence (123) and a disabled account (131)', () => {
    const noMailbox = find([entry(0, { command: 'FolderSync', responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 123) })], 'MAILBOX_UNLICENSED');
    expect(noMailbox?.explanation).toContain('status 123');
    expect(codes(run(entry(0, { responseBody: easXml.rootStatus('Sync', 'AirSync', 131) })))).toContain('ACCOUNT_DISABLED');
  });

  it('send failures and item-level errors; conflicts and deleted items are not errors', () => {
    expect(codes(run(entry(0, { command: 'SendMail', responseBody: easXml.rootStatus('SendMail', 'ComposeMail', 120) })))).toContain('SEND_FAILED');
    expect(codes(run(entry(0, { command: 'SendMail' })))).not.toContain('SEND_FAILED');
    const item = (status: number) => entry(0, { responseBody: easXml.syncResponse([{ id: '5', syncKey: '2', status: 1, itemStatuses: [{ kind: 'Change', id: '5:1', status }] }]) });
    expect(codes(run(item(6)))).toContain('ITEM_SYNC_ERRORS');
    expect(codes(run(item(7)))).not.toContain('ITEM_SYNC_ERRORS');
  });

  it('folder hierarchy loops need repeats within an hour', () => {
    const changed = (m: number) => entry(m, { command: 'Ping', responseBody: easXml.rootStatus('Ping', 'Ping', 7) });
    expect(codes(run(changed(0), changed(5), changed(10)))).toContain('FOLDER_HIERARCHY_CHANGED_LOOP');
    expect(codes(run(changed(0), changed(300)))).not.toContain('FOLDER_HIERARCHY_CHANGED_LOOP');
  });

  it('protocol below 16.1 is flagged; 16.1 is not', () => {
    expect(codes(run(entry(0, { protocolVersion: '16.0' })))).toContain('EAS_VERSION_UNSUPPORTED');
    expect(codes(run(entry(0, { protocolVersion: '16.1' })))).not.toContain('EAS_VERSION_UNSUPPORTED');
  });

  it('healthy is withheld when anything is wrong', () => {
    expect(codes(run(sync(0, '5', '0', 1), ping(1, 2), entry(2, { httpStatus: 500 })))).not.toContain('HEALTHY_SYNC');
  });

  it('entries are sorted by RequestTime before patterns are read', () => {
    const a = run(sync(5, '5', '1', 1), sync(0, '5', '0', 1));
    expect(codes(a)).toEqual(['HEALTHY_SYNC']);
  });
});
