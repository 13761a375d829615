import { describe, expect, it } from 'vitest';
import { buildFinding, type FindingDraft } from '../../../src-main/domain/diagnosis/catalog';
import { mergeDrafts } from '../../../src-main/domain/diagnosis/merge';
import { diagnose } from '../../../src-main/domain/diagnosis/diagnose';
import { headline, rankFindings } from '../../../src-main/domain/diagnosis/rank';
import { easXml, formatMailboxLog } from '../../../src-main/domain/mailbox-log/log-writer';
import { quietTenant } from './support/diagnosis-inputs';
import { analyze, codes, entry } from './support/log-builders';

const sync = (minutes: number, sent: string, overrides = {}) =>
  entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: sent }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: String(Number(sent) + 1), status: 1 }]), ...overrides });
const refused = (minutes: number, httpStatus: number) => entry(minutes, { httpStatus, httpReason: 'Refused' });
const quarantined = (minutes: number) =>
  entry(minutes, { command: 'FolderSync', accessState: 'Quarantined', accessStateReason: 'Global', requestBody: easXml.folderSyncRequest('0'), responseBody: easXml.rootStatus('FolderHierarchy', 'FolderSync', 1) });
const log = (...entries: Parameters<typeof formatMailboxLog>[0]) => ['log.txt', formatMailboxLog(entries)] as [string, string];

describe('a problem that ended before the end of the log is history', () => {
  const analysis = analyze(log(quarantined(0), quarantined(1), sync(2, '1', { accessStateReason: 'Individual' }), sync(3, '2', { accessStateReason: 'Individual' })));
  const quarantine = analysis.findings.find((f) => f.code === 'DEVICE_QUARANTINED');

  it('is kept, marked as history, as information', () => {
    expect(quarantine).toEqual(expect.objectContaining({ history: true, severity: 'info' }));
  });

  it('offers no action that would fix it again, only "nothing to do now"', () => {
    expect(quarantine?.nextSteps.some((s) => s.action !== undefined)).toBe(false);
    expect(quarantine?.nextSteps.map((s) => s.text).join(' ')).toMatch(/Nothing to do for this now/);
  });

  it('ranks below what is true now, so the headline speaks of the present', () => {
    const ranked = codes(analysis);
    expect(ranked.indexOf('HEALTHY_SYNC')).toBeLessThan(ranked.indexOf('DEVICE_QUARANTINED'));
    expect(headline(analysis.findings).text).toContain('The phone syncs normally');
  });

  it('explains nothing: an ended block is no cause of what is found now', () => {
    const ended: FindingDraft = { code: 'DEVICE_BLOCKED', detail: 'ended', evidence: [], confidence: 'high', history: true, deviceId: 'A' };
    const loop: FindingDraft = { code: 'PROVISIONING_LOOP', detail: 'now', evidence: [], confidence: 'high', deviceId: 'A' };
    const policy: FindingDraft = { code: 'DEVICE_NOT_PROVISIONABLE', detail: 'ended', evidence: [], confidence: 'high', history: true, deviceId: 'A' };
    expect(rankFindings([ended, loop, policy].map(buildFinding)).map((f) => f.code)[0]).toBe('PROVISIONING_LOOP');
  });
});

describe('history meets the present', () => {
  const fromLog: FindingDraft = { code: 'DEVICE_QUARANTINED', detail: 'Quarantined earlier in the log.', evidence: [], confidence: 'medium', deviceId: 'PHONE1', history: true };
  const fromExchange: FindingDraft = { code: 'DEVICE_QUARANTINED', detail: 'Get-MobileDevice says Quarantined.', evidence: [], confidence: 'high', certainty: 'confirmed', deviceId: 'phone1' };

  it('Exchange showing the problem now outweighs a log in which it ended', () => {
    const [merged] = mergeDrafts([fromLog, fromExchange]);
    const finding = buildFinding(merged!);
    expect(finding.history).toBeUndefined();
    expect(finding.severity).toBe('blocker');
    expect(finding.nextSteps.some((s) => s.action === 'allow-device')).toBe(true);
  });

  it('two sources that both saw it end keep it as history', () => {
    const [merged] = mergeDrafts([fromLog, { ...fromLog, detail: 'And in the capture.' }]);
    expect(buildFinding(merged!).history).toBe(true);
  });
});

describe('refusals no other rule reads are said, not dropped', () => {
  it('a log ending in HTTP 401 reports the refusals with their meaning', () => {
    const analysis = analyze(log(sync(0, '0'), sync(1, '1'), refused(2, 401), refused(3, 401)));
    const finding = analysis.findings.find((f) => f.code === 'REQUESTS_REFUSED');
    expect(finding).toEqual(expect.objectContaining({ severity: 'warning', certainty: 'inferred' }));
    expect(finding?.explanation).toMatch(/HTTP 401 \(sign-in refused[^)]*\) ×2/);
    expect(codes(analysis)).not.toContain('HEALTHY_SYNC');
    // Inferred from a log: "possible cause", with what would settle it.
    expect(headline(analysis.findings).text).toMatch(/^Possible cause, not confirmed: Some of the phone's requests were refused — the Mailbox and devices check/);
  });

  it('a 403 from a current client and an unknown 4xx are both counted', () => {
    const detail = analyze(log(sync(0, '0'), refused(1, 403), refused(2, 418))).findings.find((f) => f.code === 'REQUESTS_REFUSED')?.explanation;
    expect(detail).toMatch(/HTTP 403 \(forbidden[^)]*\) ×1/);
    expect(detail).toMatch(/HTTP 418 \(no meaning the app knows\) ×1/);
  });

  it('refusals followed by successful syncs are history and the phone reads healthy', () => {
    const analysis = analyze(log(refused(0, 401), sync(1, '0'), sync(2, '1')));
    expect(analysis.findings.find((f) => f.code === 'REQUESTS_REFUSED')).toEqual(expect.objectContaining({ history: true }));
    expect(codes(analysis)[0]).toBe('HEALTHY_SYNC');
  });

  it('answers other rules read are not counted twice', () => {
    const readElsewhere = analyze(
      log(
        sync(0, '0'),
        entry(1, { httpStatus: 449, httpReason: 'Retry after sending a PROVISION command' }),
        entry(2, { httpStatus: 451, httpReason: 'Redirect', responseHeaders: [['X-MS-Location', 'https://outlook.office365.com/Microsoft-Server-ActiveSync']] }),
        entry(3, { httpStatus: 403, accessState: 'Blocked', accessStateReason: 'Individual' }),
        entry(4, { command: 'SendMail', httpStatus: 400, httpReason: 'Bad Request' }),
        entry(5, { httpStatus: 403, protocolVersion: '12.1' }),
      ),
    );
    expect(codes(readElsewhere)).not.toContain('REQUESTS_REFUSED');
  });

  it('a setting that refuses the phone ranks above the refusals it explains', () => {
    const refusals: FindingDraft = { code: 'REQUESTS_REFUSED', detail: 'HTTP 403 ×3', evidence: [], confidence: 'medium', deviceId: 'PHONE1' };
    const easOff: FindingDraft = { code: 'EAS_DISABLED_FOR_MAILBOX', detail: 'ActiveSyncEnabled False', evidence: [], confidence: 'high', certainty: 'confirmed' };
    expect(rankFindings([refusals, easOff].map(buildFinding)).map((f) => f.code)).toEqual(['EAS_DISABLED_FOR_MAILBOX', 'REQUESTS_REFUSED']);
  });
});

describe("Exchange's present record of the phone settles what an older log shows", () => {
  const stillQuarantinedInLog = analyze(log(sync(0, '0'), quarantined(1), quarantined(2)));
  const input = (accessState: string) =>
    quietTenant({
      casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: true, ActiveSyncAllowedDeviceIDs: accessState === 'Allowed' ? ['TESTDEVICE01'] : [] },
      mobileDevices: [{ DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: accessState, DeviceAccessStateReason: accessState === 'Allowed' ? 'Individual' : 'Global' }],
      organizationSettings: { DefaultAccessLevel: 'Quarantine' },
      mailboxLog: stillQuarantinedInLog,
      targetDeviceId: 'TESTDEVICE01',
    });

  it('a phone Exchange now allows is no longer headlined as quarantined by its old requests: it has not connected since', () => {
    const { findings } = diagnose(input('Allowed'));
    const quarantine = findings.find((f) => f.code === 'DEVICE_QUARANTINED');
    expect(quarantine).toEqual(expect.objectContaining({ history: true, severity: 'info' }));
    expect(quarantine?.explanation).toContain('Exchange now reports the phone as allowed');
    expect(quarantine?.nextSteps.some((s) => s.action === 'allow-device')).toBe(false);
    expect(findings[0]).toEqual(expect.objectContaining({ code: 'DEVICE_RELEASED_AWAITING_PHONE', severity: 'warning', deviceId: 'TESTDEVICE01' }));
    expect(findings[0]?.explanation).toContain('the phone has not connected since');
    expect(headline(findings).text).not.toMatch(/quarantine/i);
  });

  it('a phone Exchange saw sync after the log ends is back: its old refusals are history, with no "not connected since"', () => {
    const back = quietTenant({ ...input('Allowed'), mobileDevices: [{ DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Individual', LastSuccessSync: '2026-03-10T09:30:00Z' }] });
    const { findings } = diagnose(back);
    expect(findings.map((f) => f.code)).not.toContain('DEVICE_RELEASED_AWAITING_PHONE');
    const quarantine = findings.find((f) => f.code === 'DEVICE_QUARANTINED');
    expect(quarantine).toEqual(expect.objectContaining({ history: true, severity: 'info' }));
    expect(quarantine?.explanation).toContain('the phone synced successfully at 2026-03-10T09:30:00Z, after the last request in this log');
  });

  it('an automatic block that ran out leads as "not connected since", with what to do if it comes back', () => {
    const autoBlocked = (minutes: number) =>
      entry(minutes, { command: 'FolderSync', httpStatus: 503, accessState: 'Blocked', accessStateReason: 'CommandFrequency', responseHeaders: [['Retry-After', '600'], ['X-MS-ASThrottle', 'CommandFrequency']] });
    const { findings } = diagnose(
      quietTenant({
        mobileDevices: [{ DeviceId: 'TESTDEVICE01', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' }],
        mailboxLog: analyze(log(sync(0, '0'), autoBlocked(1), autoBlocked(2))),
        targetDeviceId: 'TESTDEVICE01',
      }),
    );
    expect(findings[0]).toEqual(expect.objectContaining({ code: 'DEVICE_RELEASED_AWAITING_PHONE', severity: 'warning' }));
    expect(findings[0]?.explanation).toContain('follow the steps for an automatic block');
    expect(findings.find((f) => f.code === 'DEVICE_AUTO_BLOCKED')).toEqual(expect.objectContaining({ history: true, followsFrom: 'DEVICE_RELEASED_AWAITING_PHONE' }));
  });

  it('a phone already on the allowed list, which Exchange still shows quarantined, waits for its next request: no quarantine to release', () => {
    const released = quietTenant({ ...input('Quarantined'), casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: true, ActiveSyncAllowedDeviceIDs: ['TESTDEVICE01'] } });
    const { findings } = diagnose(released);
    expect(findings[0]).toEqual(expect.objectContaining({ code: 'DEVICE_RELEASED_AWAITING_PHONE', severity: 'warning' }));
    const quarantine = findings.find((f) => f.code === 'DEVICE_QUARANTINED');
    expect(quarantine).toEqual(expect.objectContaining({ history: true, severity: 'info' }));
    expect(quarantine?.explanation).toContain("now on the user's allowed list");
    expect(findings.flatMap((f) => f.nextSteps).some((s) => s.action === 'allow-device')).toBe(false);
    expect(headline(findings).text).not.toMatch(/quarantine/i);
  });

  it('a phone Exchange still quarantines stays the confirmed cause', () => {
    const { findings } = diagnose(input('Quarantined'));
    expect(findings[0]).toEqual(expect.objectContaining({ code: 'DEVICE_QUARANTINED', severity: 'blocker', certainty: 'confirmed' }));
    expect(findings[0]?.history).toBeUndefined();
  });
});

describe('common statuses no rule reads are refusals too', () => {
  const globalStatus = (minutes: number, code: number) => entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '4' }]), responseBody: easXml.rootStatus('Sync', 'AirSync', code) });

  it('a status 101 and up (an error by definition) is named with its meaning', () => {
    const detail = analyze(log(sync(0, '0'), globalStatus(1, 102), globalStatus(2, 102))).findings.find((f) => f.code === 'REQUESTS_REFUSED')?.explanation;
    expect(detail).toMatch(/status 102 InvalidWBXML \(The request could not be decoded\.\) ×2/);
  });

  it('statuses other rules or detectors read are not counted again', () => {
    for (const code of [110, 126, 129, 133, 140, 142, 177]) {
      expect(codes(analyze(log(sync(0, '0'), globalStatus(1, code))))).not.toContain('REQUESTS_REFUSED');
    }
  });
});

describe('"cannot tell" is said when a log shows neither a normal sync nor a known problem', () => {
  const syncStatus = (minutes: number, code: number) =>
    entry(minutes, { requestBody: easXml.syncRequest([{ id: '5', syncKey: '4' }]), responseBody: easXml.syncResponse([{ id: '5', syncKey: '4', status: code }]) });

  it('only answers the app has no rule for: LOG_INCONCLUSIVE, unconfirmed, instead of an empty list', () => {
    const analysis = analyze(log(syncStatus(0, 4), syncStatus(1, 4), syncStatus(2, 4)));
    expect(analysis.findings).toEqual([expect.objectContaining({ code: 'LOG_INCONCLUSIVE', certainty: 'unconfirmed', severity: 'warning' })]);
    expect(headline(analysis.findings).text).toMatch(/^Possible cause, not confirmed: The log does not show how this phone stands/);
  });

  it('not when any request went through, nor when a rule explains the failures', () => {
    expect(codes(analyze(log(syncStatus(0, 4), sync(1, '0'))))).not.toContain('LOG_INCONCLUSIVE');
    expect(codes(analyze(log(refused(0, 401), refused(1, 401))))).toEqual(['REQUESTS_REFUSED']);
  });
});
