import { describe, expect, it } from 'vitest';
import { easXml, formatMailboxLog, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { bodyIsWhole } from '../../../src-main/domain/mailbox-log/interpret-entry';
import { analyze, codes, entry } from './support/log-builders';

// Log reasoning of issue 13: pending requests (F29), admin reasons in X-MS-ASThrottle (F28),
// healthy only after a sync past the last failure, and status 133 (mailbox move).
const sync = (minutes: number, sent: string, status = 1) =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: sent }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: status === 1 ? String(Number(sent) + 1) : '0', status }]) });
const ping = (minutes: number) => entry(minutes, { command: 'Ping', requestBody: easXml.ping(900), responseBody: easXml.rootStatus('Ping', 'Ping', 1), wasPending: true });
const serverError = (minutes: number) => entry(minutes, { httpStatus: 500, httpReason: 'Internal Server Error' });

/** The log as pulled while its last Ping still waits: that entry has its request part only. */
function endingInPendingPing(entries: WritableEntry[]): string {
  const full = formatMailboxLog([...entries, entry(60, { command: 'Ping', requestBody: easXml.ping(900) })]);
  return full.slice(0, full.lastIndexOf('AccessState'));
}

describe('pending requests are normal (facts F29)', () => {
  it('a healthy log ending in a pending Ping is healthy, with no parse warning', () => {
    const analysis = analyze(['log.txt', endingInPendingPing([sync(0, '0'), sync(1, '1'), ping(2)])]);
    expect(codes(analysis)).toEqual(['HEALTHY_SYNC']);
  });

  it('a body cut off in the middle still warns', () => {
    const full = formatMailboxLog([sync(0, '0'), sync(1, '1'), entry(3, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '3' }]) })]);
    const analysis = analyze(['log.txt', full.slice(0, full.lastIndexOf('<SyncKey>') + 4)]);
    expect(codes(analysis)).toContain('LOG_PARSE_WARNINGS');
  });

  it('tells a whole body from a cut one', () => {
    expect(bodyIsWhole('Empty')).toBe(true);
    expect(bodyIsWhole('<?xml version="1.0" encoding="utf-8" ?>\r\n<Ping xmlns="Ping:">\r\n\t<HeartbeatInterval>900</HeartbeatInterval>\r\n</Ping>')).toBe(true);
    expect(bodyIsWhole('<Ping xmlns="Ping:"/>')).toBe(true);
    expect(bodyIsWhole('<Ping xmlns="Ping:">\r\n\t<HeartbeatInterval>900</Heartbeat')).toBe(false);
    expect(bodyIsWhole('<Ping xmlns="Ping:">\r\n\t<HeartbeatInterval>900</HeartbeatInterval>')).toBe(false);
  });
});

describe('healthy only after a sync past the last failure', () => {
  it('a log whose requests end in server errors is not healthy', () => {
    const found = codes(analyze(['log.txt', formatMailboxLog([sync(0, '0'), sync(1, '1'), serverError(2), serverError(3)])]));
    expect(found).toContain('SERVER_ERRORS');
    expect(found).not.toContain('HEALTHY_SYNC');
  });

  it('pings alone after a failure are not enough; a successful sync after it is', () => {
    expect(codes(analyze(['log.txt', formatMailboxLog([sync(0, '0'), serverError(1), ping(2), ping(20)])]))).not.toContain('HEALTHY_SYNC');
    expect(codes(analyze(['log.txt', formatMailboxLog([sync(0, '0'), serverError(1), sync(2, '1'), ping(3)])]))).toContain('HEALTHY_SYNC');
  });

  it('a pending Ping after the errors does not hide that they are still going on', () => {
    const analysis = analyze(['log.txt', endingInPendingPing([sync(0, '0'), serverError(1), serverError(2)])]);
    expect(analysis.findings.find((f) => f.code === 'SERVER_ERRORS')?.severity).toBe('warning');
    expect(codes(analysis)).not.toContain('HEALTHY_SYNC');
  });
});

describe('X-MS-ASThrottle with an admin reason is not an auto-block (facts F28)', () => {
  const refused = (minutes: number, reason: string, accessStateReason: string) =>
    entry(minutes, {
      command: 'FolderSync',
      accessState: 'Blocked',
      accessStateReason,
      responseHeaders: [['X-MS-ASThrottle', reason]],
      responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 129),
    });

  it.each(['DeviceRule', 'Individual', 'Global'])('X-MS-ASThrottle: %s reads as a block', (reason) => {
    const analysis = analyze(['log.txt', formatMailboxLog([refused(0, reason, reason), refused(5, reason, reason)])]);
    expect(codes(analysis)).toContain('DEVICE_BLOCKED');
    expect(codes(analysis)).not.toContain('DEVICE_AUTO_BLOCKED');
    expect(analysis.findings.find((f) => f.code === 'DEVICE_BLOCKED')?.explanation).toContain(`reason ${reason}`);
  });

  it('Policy is the device policy the phone cannot meet, not an administrator block', () => {
    const analysis = analyze(['log.txt', formatMailboxLog([refused(0, 'Policy', 'Policy')])]);
    expect(codes(analysis)).not.toContain('DEVICE_BLOCKED');
    expect(analysis.findings.find((f) => f.code === 'DEVICE_NOT_PROVISIONABLE')?.explanation).toMatch(/mobile device mailbox policy/);
  });

  it('X-MS-ASThrottle: CommandFrequency is still an auto-block', () => {
    const throttled = entry(0, { httpStatus: 503, responseHeaders: [['Retry-After', '600'], ['X-MS-ASThrottle', 'CommandFrequency']] });
    expect(codes(analyze(['log.txt', formatMailboxLog([throttled])]))).toContain('DEVICE_AUTO_BLOCKED');
  });
});

describe('status 133', () => {
  it('is the sign of a mailbox move (sync state locked)', () => {
    const locked = (m: number) => entry(m, { command: 'FolderSync', responseBody: easXml.rootStatus('FolderSync', 'FolderHierarchy', 133) });
    const analysis = analyze(['log.txt', formatMailboxLog([sync(0, '0'), locked(10), locked(20)])]);
    expect(codes(analysis)).toContain('SYNC_STATE_LOCKED');
    expect(codes(analysis)).not.toContain('SERVER_ERRORS');
    expect(codes(analysis)).not.toContain('HEALTHY_SYNC');
  });
});
