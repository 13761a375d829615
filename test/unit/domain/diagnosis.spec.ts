import { describe, expect, it } from 'vitest';
import { catalogSchema, FINDING_CODES } from '../../../src-main/domain/diagnosis/catalog';
import { headline } from '../../../src-main/domain/diagnosis/rank';
import { diagnose, type DiagnosisInput } from '../../../src-main/domain/diagnosis/diagnose';
import { findingSchema } from '../../../src-main/shared/models/finding';
import catalog from '../../../assets/findings/catalog.json';
import { analyze, fixture } from './support/log-builders';
import { quietTenant } from './support/diagnosis-inputs';

const ISSUE_CODES = [
  'EAS_DISABLED_FOR_MAILBOX', 'DEVICE_BLOCKED', 'DEVICE_QUARANTINED', 'DEVICE_NOT_COMPLIANT', 'DEVICE_NOT_ENROLLED', 'DEVICE_AUTO_BLOCKED',
  'EAS_VERSION_UNSUPPORTED', 'PROVISIONING_LOOP', 'DEVICE_NOT_PROVISIONABLE', 'REMOTE_WIPE_PENDING', 'CA_BLOCKS_EAS', 'CA_REPORT_ONLY_WOULD_BLOCK',
  'SIGNIN_FAILURES', 'CAR_DENIES_EAS', 'CLIENT_ACCESS_RULES_RETIRED', 'BASIC_AUTH_CLIENT', 'MODERN_AUTH_DISABLED', 'NO_REQUESTS_REACHED_MAILBOX',
  'SYNC_KEY_LOOP', 'FOLDER_HIERARCHY_CHANGED_LOOP', 'THROTTLED', 'SERVER_ERRORS', 'MAILBOX_QUOTA_EXCEEDED', 'TOO_MANY_FOLDERS', 'REDIRECT_451',
  'SEND_FAILED', 'ITEM_SYNC_ERRORS', 'DEBUG_LOGGING_ACTIVE', 'HEALTHY_SYNC', 'LOG_PARSE_WARNINGS', 'EVIDENCE_UNAVAILABLE',
];

const everythingFine: DiagnosisInput = quietTenant({
  casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: false },
  mobileDevices: [{ DeviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' }],
  mailboxLog: analyze(['iphone.txt', fixture('synthetic-iphone-healthy-16.1.txt').toString('utf8')]),
});

describe('findings catalog', () => {
  it('is valid, has every code of the issue and every code the engine produces', () => {
    const parsed = catalogSchema.parse(catalog);
    for (const code of [...ISSUE_CODES, ...FINDING_CODES]) expect(parsed.findings[code], code).toBeDefined();
    expect(Object.keys(parsed.findings).sort()).toEqual([...FINDING_CODES].sort());
  });

  it('gives every blocker and warning an escalation or an in-app/user step', () => {
    const parsed = catalogSchema.parse(catalog);
    for (const [code, entry] of Object.entries(parsed.findings)) {
      if (entry.severity === 'info') continue;
      expect(entry.nextSteps.some((s) => s.who !== 'tier1'), code).toBe(true);
      for (const s of entry.nextSteps.filter((x) => x.who === 'escalate')) expect(s.escalateTo, code).toBeTruthy();
    }
  });
});

describe('diagnose', () => {
  it('all evidence present and healthy: only HEALTHY_SYNC and the retired-CAR note, all valid findings', () => {
    const { findings, unchecked } = diagnose(everythingFine);
    expect(unchecked).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['HEALTHY_SYNC', 'CLIENT_ACCESS_RULES_RETIRED']);
    for (const f of findings) expect(() => findingSchema.parse(f)).not.toThrow();
  });

  it('never an all-clear when evidence is missing: EVIDENCE_UNAVAILABLE names what was not checked', () => {
    const { findings, unchecked } = diagnose({ ...everythingFine, signIns: { unavailable: 'missing Reports Reader role' }, conditionalAccess: { unavailable: 'Policy.Read.All not granted' } });
    expect(unchecked.map((u) => u.evidence)).toEqual(['conditionalAccess', 'signIns']);
    const missing = findings.find((f) => f.code === 'EVIDENCE_UNAVAILABLE');
    expect(missing?.explanation).toContain('missing Reports Reader role');
    expect(missing?.explanation).toContain('Conditional Access policies');
    // The log shows the phone syncing: a check that could not run finds nothing, so it is the note
    // right after that answer, and the headline says the checks did not all run.
    expect(findings.slice(0, 2).map((f) => [f.code, f.severity])).toEqual([['HEALTHY_SYNC', 'info'], ['EVIDENCE_UNAVAILABLE', 'info']]);
    expect(headline(findings).text).toBe('No blocking cause found, though some checks could not be run. Top note: The phone syncs normally.');
    // Without a log that shows the phone syncing, what could not be checked leads, as a warning.
    const noLog = diagnose({ ...everythingFine, mailboxLog: { unavailable: 'not fetched' }, signIns: { unavailable: 'missing Reports Reader role' } }).findings;
    expect(noLog[0]).toMatchObject({ code: 'EVIDENCE_UNAVAILABLE', severity: 'warning' });
  });

  it('merges the same problem seen in the log and in Get-MobileDevice into one finding with both evidence', () => {
    const android = analyze(['a.txt', fixture('synthetic-android-problems-14.1.txt').toString('utf8')]);
    const { findings } = diagnose({
      ...everythingFine,
      targetDeviceId: 'androidc1234567890',
      mobileDevices: [{ DeviceId: 'androidc1234567890', DeviceType: 'SAMSUNGSMS918B', ClientType: 'EAS', ClientVersion: '14.1', DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'DeviceRule', DeviceAccessControlRule: 'Block Samsung native mail (DeviceType)' }],
      deviceAccessRules: [{ Name: 'Block Samsung native mail (DeviceType)', QueryString: 'SAMSUNGSMS918B', Characteristic: 'DeviceType', AccessLevel: 'Block' }],
      mailboxLog: android,
    });
    const version = findings.filter((f) => f.code === 'EAS_VERSION_UNSUPPORTED');
    expect(version).toHaveLength(1);
    expect(version[0]?.evidence.map((e) => e.step).sort()).toEqual(['devices', 'mailbox-log']);
    const blocked = findings.find((f) => f.code === 'DEVICE_BLOCKED');
    expect(blocked?.evidence.map((e) => e.step).sort()).toEqual(['device-access', 'mailbox-log']);
    expect(findings.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
    expect(findings.map((f) => f.rank)).toEqual(findings.map((_, i) => i + 1));
  });

  it('a failing device with no log entries points at sign-in / CA', () => {
    const { findings } = diagnose({ ...everythingFine, targetDeviceId: 'OTHERDEVICE1' , mobileDevices: [] });
    expect(findings.map((f) => f.code)).toContain('NO_REQUESTS_REACHED_MAILBOX');
    expect(findings.map((f) => f.code)).not.toContain('HEALTHY_SYNC');
  });

  it('ranks a disabled protocol and a CA block before symptoms', () => {
    const { findings } = diagnose({
      ...everythingFine,
      casMailbox: { ActiveSyncEnabled: false },
      signIns: [{ clientAppUsed: 'Exchange ActiveSync', status: { errorCode: 0 }, conditionalAccessStatus: 'failure' }],
    });
    expect(findings.slice(0, 2).map((f) => f.code)).toEqual(['EAS_DISABLED_FOR_MAILBOX', 'CA_BLOCKS_EAS']);
  });
});

describe('diagnose: a log that does not exist is not a check left out', () => {
  const outlook = { DeviceId: 'OUTLOOKB4C1D9E2F7A3', DeviceType: 'Outlook', ClientType: 'REST', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' };
  const iphone = { DeviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B', DeviceType: 'iPhone', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' };
  const unchecked = (input: DiagnosisInput) => diagnose(input).unchecked.map((u) => u.evidence);

  it('only Outlook mobile (no ActiveSync), a named phone Exchange does not know, or no phone at all: no log to miss', () => {
    const noLog = { unavailable: 'The mailbox logs have not been fetched yet.' };
    expect(unchecked(quietTenant({ mobileDevices: [outlook], mailboxLog: noLog }))).toEqual([]);
    expect(unchecked(quietTenant({ mobileDevices: [outlook, iphone], mailboxLog: noLog, targetDeviceId: outlook.DeviceId }))).toEqual([]);
    expect(unchecked(quietTenant({ mobileDevices: [iphone], mailboxLog: noLog, targetDeviceId: 'NOSUCHPHONE' }))).toEqual([]);
    expect(unchecked(quietTenant({ mobileDevices: [], mailboxLog: noLog }))).toEqual([]);
    // An ActiveSync phone has a log: not having it is a check left out.
    expect(unchecked(quietTenant({ mobileDevices: [outlook, iphone], mailboxLog: noLog }))).toEqual(['mailboxLog']);
  });
});
