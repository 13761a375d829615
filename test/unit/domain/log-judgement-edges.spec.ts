import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src-main/domain/diagnosis/diagnose';
import { headline } from '../../../src-main/domain/diagnosis/rank';
import { easXml, formatMailboxLog, type WritableEntry } from '../../../src-main/domain/mailbox-log/log-writer';
import { quietTenant } from './support/diagnosis-inputs';
import { analyze, codes, entry } from './support/log-builders';

const log = (...entries: WritableEntry[]) => ['log.txt', formatMailboxLog(entries)] as [string, string];
const sync = (minutes: number, sent: string, overrides: Partial<WritableEntry> = {}) =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: sent }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: String(Number(sent) + 1), status: 1 }]), ...overrides });
/** A Sync that waited for changes (HeartbeatInterval) and got Exchange's empty answer: no changes. */
const emptySyncAnswer = (minutes: number) =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '7' }]).replace('</Sync>', '<HeartbeatInterval>900</HeartbeatInterval></Sync>'), responseBody: undefined, responseTime: undefined });
const syncStatus = (minutes: number, code: number) =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '4' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '4', status: code }]) });

describe('an empty Sync answer is a normal "no changes" (MS-ASCMD 2.2.1.21.2)', () => {
  it('a phone that pushes with Sync + HeartbeatInterval reads as syncing normally', () => {
    const analysis = analyze(log(sync(0, '6'), emptySyncAnswer(1), emptySyncAnswer(16), emptySyncAnswer(31)));
    expect(codes(analysis)).toEqual(['HEALTHY_SYNC']);
    expect(analysis.findings[0]?.explanation).toContain('4 successful sync(s)');
  });

  it('even when the log holds nothing but empty answers, it is not "cannot tell"', () => {
    expect(codes(analyze(log(emptySyncAnswer(0), emptySyncAnswer(15))))).toEqual(['HEALTHY_SYNC']);
  });

  it('an HTTP error without a body is still no normal answer', () => {
    expect(codes(analyze(log(sync(0, '6'), entry(1, { httpStatus: 503, httpReason: 'Service Unavailable' }))))).not.toContain('HEALTHY_SYNC');
  });
});

describe('the end of the log decides "healthy now"', () => {
  it('a mail sent after normal syncs (HTTP 200, empty body) leaves the phone healthy', () => {
    const sent = entry(3, { command: 'SendMail', requestBody: '<SendMail xmlns="ComposeMail:"><ClientId>1</ClientId><Mime>[Mime Removed] BytesCount = 900</Mime></SendMail>' });
    expect(codes(analyze(log(sync(0, '1'), sync(1, '2'), sent)))).toEqual(['HEALTHY_SYNC']);
  });

  it('normal syncs followed only by answers the app has no rule for: "cannot tell", never an empty list', () => {
    const analysis = analyze(log(sync(0, '1'), sync(1, '2'), syncStatus(2, 4), syncStatus(3, 4)));
    expect(analysis.findings).toEqual([expect.objectContaining({ code: 'LOG_INCONCLUSIVE', certainty: 'unconfirmed' })]);
    expect(analysis.findings[0]?.explanation).toMatch(/last synced normally at .*; the answers after that/);
    expect(analysis.findings[0]?.evidence[0]?.logEntries).toEqual([1, 2, 3, 4]);
  });
});

describe('an EAS version below 16.1: the log says whether it is what stops the phone', () => {
  const cutOff = Date.UTC(2026, 2, 1);
  const at = (minutes: number, overrides: Partial<WritableEntry>) => ({ ...overrides, requestTime: cutOff + 9 * 86_400_000 + minutes * 60_000 });

  it('refused after the cut-off: the blocker, first', () => {
    const refused = (m: number) => entry(m, at(m, { protocolVersion: '14.1', httpStatus: 400, httpReason: 'Bad Request' }));
    const analysis = analyze(log(refused(0), refused(1)));
    expect(analysis.findings[0]).toEqual(expect.objectContaining({ code: 'EAS_VERSION_UNSUPPORTED', severity: 'blocker' }));
  });

  it('answered normally after the cut-off: still first, but a warning that says the version is not what stops it now', () => {
    const analysis = analyze(log(sync(0, '1', at(0, { protocolVersion: '14.1' })), sync(1, '2', at(1, { protocolVersion: '14.1' }))));
    expect(analysis.findings[0]).toEqual(expect.objectContaining({ code: 'EAS_VERSION_UNSUPPORTED', severity: 'warning' }));
    expect(analysis.findings[0]?.explanation).toContain('Exchange still answered these requests normally');
    expect(headline(analysis.findings).text).not.toMatch(/refuse/i);
  });

  it('one refusal among normal answers keeps the blocker', () => {
    const analysis = analyze(log(sync(0, '1', at(0, { protocolVersion: '14.1' })), entry(1, at(1, { protocolVersion: '14.1', httpStatus: 400, httpReason: 'Bad Request' }))));
    expect(analysis.findings.find((f) => f.code === 'EAS_VERSION_UNSUPPORTED')?.severity).toBe('blocker');
  });

  it('requests from before the cut-off: still the blocker (a phone on it today is refused), and the words say when', () => {
    const before = (m: number) => sync(m, String(m), { protocolVersion: '14.1', requestTime: cutOff - 86_400_000 + m * 60_000 });
    const finding = analyze(log(before(0), before(1))).findings.find((f) => f.code === 'EAS_VERSION_UNSUPPORTED');
    expect(finding?.severity).toBe('blocker');
    expect(finding?.explanation).toContain('date from before 1 March 2026');
  });

  it("Get-MobileDevice's ClientVersion takes the log's milder reading for the same phone", () => {
    const mailboxLog = analyze(log(sync(0, '1', at(0, { protocolVersion: '14.1' })), sync(1, '2', at(1, { protocolVersion: '14.1' }))));
    const input = (clientVersion: string) =>
      quietTenant({
        mobileDevices: [{ DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: clientVersion, DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' }],
        mailboxLog,
        targetDeviceId: 'TESTDEVICE01',
      });
    const version = diagnose(input('14.1')).findings.filter((f) => f.code === 'EAS_VERSION_UNSUPPORTED');
    expect(version).toHaveLength(1);
    expect(version[0]).toEqual(expect.objectContaining({ severity: 'warning', certainty: 'confirmed' }));
    // Without a log that says otherwise, the inventory's reading is the blocker.
    const withoutLog = diagnose({ ...input('14.1'), mailboxLog: { unavailable: 'not fetched' } }).findings.find((f) => f.code === 'EAS_VERSION_UNSUPPORTED');
    expect(withoutLog?.severity).toBe('blocker');
  });

  it("a ClientVersion below 16.1 the phone's latest logged requests no longer use is its past, not the headline", () => {
    const updated = analyze(log(sync(0, '1', at(0, { protocolVersion: '14.1' })), sync(1, '2', at(1, { protocolVersion: '16.1' }))));
    const input = quietTenant({
      mobileDevices: [{ DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '14.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' }],
      mailboxLog: updated,
      targetDeviceId: 'TESTDEVICE01',
    });
    const findings = diagnose(input).findings;
    expect(findings[0]?.code).toBe('HEALTHY_SYNC');
    const version = findings.find((f) => f.code === 'EAS_VERSION_UNSUPPORTED');
    expect(version).toEqual(expect.objectContaining({ history: true, severity: 'info' }));
    expect(version?.explanation).toContain('use version 16.1');
    // The other way round the inventory stays the blocker: the last request is the one that counts.
    const downgraded = analyze(log(sync(0, '1', at(0, { protocolVersion: '16.1' })), entry(1, at(1, { protocolVersion: '14.1', httpStatus: 400, httpReason: 'Bad Request' }))));
    expect(diagnose({ ...input, mailboxLog: downgraded }).findings[0]).toEqual(expect.objectContaining({ code: 'EAS_VERSION_UNSUPPORTED', severity: 'blocker' }));
  });
});

describe('"the phone syncs normally" is about that phone', () => {
  const healthyLog = analyze(log(sync(0, '1'), sync(1, '2')));
  const phones = (blocked: string) =>
    ['TESTDEVICE01', 'OTHERPHONE02'].map((id) => ({ DeviceId: id, DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: id === blocked ? 'Blocked' : 'Allowed', DeviceAccessStateReason: id === blocked ? 'Individual' : 'Global' }));

  it("stays beside another phone's block when no phone was picked, and goes when the block is its own", () => {
    const other = diagnose(quietTenant({ mobileDevices: phones('OTHERPHONE02'), mailboxLog: healthyLog })).findings;
    expect(other.map((f) => [f.code, f.deviceId])).toEqual(expect.arrayContaining([['DEVICE_BLOCKED', 'OTHERPHONE02'], ['HEALTHY_SYNC', 'TESTDEVICE01']]));
    expect(other[0]?.code).toBe('DEVICE_BLOCKED');
    const own = diagnose(quietTenant({ mobileDevices: phones('TESTDEVICE01'), mailboxLog: healthyLog })).findings;
    expect(own.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
  });
});

describe('a report-only policy beside a phone that syncs', () => {
  it('is a note after "the phone syncs normally", never the headline; beside a real problem it stays a warning', () => {
    const phone = { DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', DeviceOS: 'iOS 18.6', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' };
    const wouldBlock = {
      id: 's1', createdDateTime: '2026-03-10T08:00:00Z', appId: 'f8d98a96-0999-43f5-8af3-69971c7bb423', appDisplayName: 'iOS Accounts', resourceId: '00000002-0000-0ff1-ce00-000000000000',
      clientAppUsed: 'Mobile Apps and Desktop clients', conditionalAccessStatus: 'notApplied', status: { errorCode: 0 }, deviceDetail: { operatingSystem: 'Ios' },
      appliedConditionalAccessPolicies: [{ id: 'pilot', displayName: 'Block mobile mail (pilot)', result: 'reportOnlyFailure' }],
    };
    const healthy = diagnose(quietTenant({ mobileDevices: [phone], mailboxLog: analyze(log(sync(0, '1'), sync(1, '2'))), signIns: [wouldBlock] })).findings;
    expect(healthy.map((f) => f.code).slice(0, 2)).toEqual(['HEALTHY_SYNC', 'CA_REPORT_ONLY_WOULD_BLOCK']);
    expect(healthy[1]?.severity).toBe('info');
    expect(headline(healthy).text).toBe('No blocking cause found. Top note: The phone syncs normally.');
    const blocked = diagnose(quietTenant({ mobileDevices: [{ ...phone, DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'DeviceRule' }], mailboxLog: analyze(log(sync(0, '1'))), signIns: [wouldBlock] })).findings;
    expect(blocked.find((f) => f.code === 'CA_REPORT_ONLY_WOULD_BLOCK')?.severity).toBe('warning');
  });
});
