import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisInput } from '../../../src-main/domain/diagnosis/diagnose';
import { buildFinding } from '../../../src-main/domain/diagnosis/catalog';
import { judgeMailbox, MAX_SUGGESTIONS } from '../../../src-main/domain/judges/mailbox';

const NOT_READ = { unavailable: 'This step has not run yet.' };
const phone = { DeviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B', DeviceType: 'iPhone', FriendlyName: "Alex's iPhone", ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' };

/** A case as the mailbox step sees it right after the gate: nothing past it read yet. */
function atGate(upn: string, extra: Partial<DiagnosisInput>): DiagnosisInput {
  return {
    userUpn: upn,
    casMailbox: NOT_READ,
    mobileDevices: NOT_READ,
    organizationSettings: NOT_READ,
    deviceAccessRules: NOT_READ,
    clientAccessRules: NOT_READ,
    conditionalAccess: NOT_READ,
    signIns: NOT_READ,
    authentication: NOT_READ,
    mailboxLog: NOT_READ,
    ...extra,
  };
}

const mailbox = (extra: Partial<DiagnosisInput> = {}): DiagnosisInput =>
  atGate('alex.wilber@contoso.example', {
    recipient: [{ Identity: 'alex.wilber', PrimarySmtpAddress: 'alex.wilber@contoso.example', RecipientTypeDetails: 'UserMailbox' }],
    casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: false },
    mobileDevices: [phone],
    organizationSettings: { DefaultAccessLevel: 'Allow' },
    deviceAccessRules: [],
    ...extra,
  });

describe('judgeMailbox: the gate', () => {
  it('stops at an address nobody has, names it, and offers the close matches Exchange returned (at most five)', () => {
    const matches = Array.from({ length: 8 }, (_, i) => ({ Identity: `a${i}`, PrimarySmtpAddress: `alex${i}@contoso.example`, DisplayName: `Alex ${i}` }));
    const judgement = judgeMailbox(atGate('alex.wilbur@contoso.example', { recipient: [], userAccount: [], recipientMatches: matches }));
    expect(judgement.stop?.kind).toBe('not-found');
    expect(judgement.summary).toMatch(/^No mailbox found for alex\.wilbur@contoso\.example — check the spelling\./);
    expect(judgement.summary.match(/@contoso\.example \(Alex \d\)/g)).toHaveLength(MAX_SUGGESTIONS);
    expect(judgement.outcome).toBe('problem');
    expect(judgement.findings.map((f) => f.code)).toEqual(['MAILBOX_NOT_FOUND']);
  });

  it('says so when there is no close match either', () => {
    const judgement = judgeMailbox(atGate('nobody@contoso.example', { recipient: [], userAccount: [], recipientMatches: [] }));
    expect(judgement.summary).toBe('No mailbox found for nobody@contoso.example — check the spelling. Exchange found no similar address either.');
  });

  it('an account without a mailbox is a licence problem, not a typo', () => {
    const judgement = judgeMailbox(atGate('lee.gu@contoso.example', { recipient: [], userAccount: [{ UserPrincipalName: 'lee.gu@contoso.example', RecipientTypeDetails: 'User' }] }));
    expect(judgement.stop?.kind).toBe('nothing-to-troubleshoot');
    expect(judgement.findings.map((f) => f.code)).toEqual(['MAILBOX_UNLICENSED']);
    expect(judgement.checks[0]?.label).toBe('lee.gu@contoso.example has no Exchange Online mailbox');
  });

  it.each([
    ['SharedMailbox', 'SHARED_OR_RESOURCE_MAILBOX'],
    ['RoomMailbox', 'SHARED_OR_RESOURCE_MAILBOX'],
    ['MailUser', 'MAILBOX_ON_PREMISES'],
    ['RemoteUserMailbox', 'MAILBOX_ON_PREMISES'],
    ['MailContact', 'MAILBOX_NOT_FOUND'],
  ])('a %s stops the flow with %s', (type, code) => {
    const judgement = judgeMailbox(atGate('x@contoso.example', { recipient: [{ Identity: 'x', RecipientTypeDetails: type }] }));
    expect(judgement.stop).toBeDefined();
    expect(judgement.findings.map((f) => f.code)).toEqual([code]);
  });

  it('a user mailbox passes the gate with a check saying what it is', () => {
    const judgement = judgeMailbox(mailbox());
    expect(judgement.stop).toBeUndefined();
    expect(judgement.checks[0]).toMatchObject({ label: 'alex.wilber@contoso.example is a user mailbox in Exchange Online', outcome: 'ok' });
    expect(judgement.outcome).toBe('ok');
  });

  it('a case saved before the gate existed (no recipient evidence) is judged as before', () => {
    const { recipient: _ignored, ...old } = mailbox();
    const judgement = judgeMailbox(old);
    expect(judgement.stop).toBeUndefined();
    expect(judgement.checks.some((c) => c.id === 'recipient')).toBe(false);
  });

  it('a gate that could not be read says so and does not stop', () => {
    const judgement = judgeMailbox(mailbox({ recipient: { unavailable: 'Get-Recipient is not in your role' } }));
    expect(judgement.stop).toBeUndefined();
    expect(judgement.checks[0]).toMatchObject({ id: 'recipient', outcome: 'unavailable' });
  });

  it('diagnose after a stop holds only the gate finding, not "checks could not run" for the steps that were skipped', () => {
    const { findings, unchecked } = diagnose(atGate('nobody@contoso.example', { recipient: [], userAccount: [], recipientMatches: [] }));
    expect(findings.map((f) => f.code)).toEqual(['MAILBOX_NOT_FOUND']);
    expect(unchecked).toEqual([]);
  });
});

describe('judgeMailbox: account, ActiveSync and phones', () => {
  it('a disabled Entra account is a confirmed problem and its finding', () => {
    const judgement = judgeMailbox(mailbox({ entraAccount: { accountEnabled: false } }));
    expect(judgement.checks.find((c) => c.id === 'account-enabled')).toMatchObject({ label: 'The user’s account is disabled', outcome: 'problem' });
    expect(judgement.findings.find((f) => f.code === 'ACCOUNT_DISABLED')?.certainty).toBe('confirmed');
  });

  it('before the memberships are read, Exchange\'s copy of the account (Get-User AccountDisabled) decides; Entra\'s wins once read', () => {
    const disabled = judgeMailbox(mailbox({ userAccount: [{ UserPrincipalName: 'alex.wilber@contoso.example', RecipientTypeDetails: 'UserMailbox', AccountDisabled: true }] }));
    expect(disabled.checks.find((c) => c.id === 'account-enabled')?.detail).toMatch(/^Get-User AccountDisabled = true/);
    expect(disabled.findings.map((f) => f.code)).toContain('ACCOUNT_DISABLED');
    const entra = judgeMailbox(mailbox({ userAccount: [{ AccountDisabled: true }], entraAccount: { accountEnabled: true } }));
    expect(entra.checks.find((c) => c.id === 'account-enabled')?.outcome).toBe('ok');
  });

  it('labels state the result read, never the hoped-for state next to a contrary outcome', () => {
    const judgement = judgeMailbox(
      mailbox({
        casMailbox: { ActiveSyncEnabled: false },
        organizationSettings: { DefaultAccessLevel: 'Quarantine' },
        mobileDevices: [{ ...phone, DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' }],
      }),
    );
    const labels = Object.fromEntries(judgement.checks.map((c) => [c.id, [c.label, c.outcome]]));
    expect(labels['activesync-enabled']).toEqual(['ActiveSync is turned off for this mailbox', 'problem']);
    expect(labels['org-default']).toEqual(['New phones are quarantined by default', 'info']);
    expect(labels[`device-${phone.DeviceId}`]).toEqual([`Alex's iPhone (${phone.DeviceId}): quarantined`, 'problem']);
    for (const c of judgement.checks) if (c.outcome === 'problem') expect(c.label).not.toMatch(/is allowed|looks right|lets new phones in/);
    expect(judgement.findings.map((f) => f.code).sort()).toEqual(['DEVICE_QUARANTINED', 'EAS_DISABLED_FOR_MAILBOX']);
  });

  it('reads the protocol version with the one domain parser: "141" is 14.1, a problem in the check and the finding alike', () => {
    const judgement = judgeMailbox(mailbox({ mobileDevices: [{ ...phone, ClientVersion: '141' }], judgedAt: '2026-11-26T09:00:00Z' }));
    const check = judgement.checks.find((c) => c.id === `protocol-${phone.DeviceId}`);
    expect(check).toMatchObject({ outcome: 'problem' });
    expect(check?.label).toContain('14.1');
    expect(judgement.findings.map((f) => f.code)).toContain('EAS_VERSION_UNSUPPORTED');
  });

  it('judges the access state of Outlook mobile (Exchange device access applies to it) but not its protocol version', () => {
    const outlook = { DeviceId: 'OUTLOOK123', DeviceType: 'Outlook', ClientType: 'REST', ClientVersion: '1.0', DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'Individual', Identity: 'alex\\ExchangeActiveSyncDevices\\REST§Outlook§OUTLOOK123' };
    const judgement = judgeMailbox(mailbox({ mobileDevices: [outlook], casMailbox: { ActiveSyncEnabled: true, ActiveSyncBlockedDeviceIDs: ['OUTLOOK123'] } }));
    expect(judgement.checks.find((c) => c.id === 'device-OUTLOOK123')).toMatchObject({ outcome: 'problem' });
    expect(judgement.checks.some((c) => c.id === 'protocol-OUTLOOK123')).toBe(false);
    expect(judgement.findings.map((f) => f.code)).toEqual(['DEVICE_BLOCKED']);
  });

  it('no phone at all is a warning that says so', () => {
    const judgement = judgeMailbox(mailbox({ mobileDevices: [] }));
    expect(judgement.checks.find((c) => c.id === 'devices')).toMatchObject({ label: 'No phone has a partnership with this mailbox', outcome: 'warning' });
    expect(judgement.summary).toBe('ActiveSync is allowed for alex.wilber@contoso.example, but no phone has a partnership with the mailbox.');
  });
});

describe('judgeMailbox: the 100-partnership limit (F35)', () => {
  const old = (i: number) => ({ ...phone, DeviceId: `OLDDEV${String(i).padStart(4, '0')}`, FriendlyName: `Old ${i}`, LastSuccessSync: '2025-01-01T00:00:00Z' });
  const full = [phone, ...Array.from({ length: 99 }, (_, i) => old(i))];
  const limit = (targetDeviceId: string | undefined) =>
    judgeMailbox(mailbox({ mobileDevices: full, judgedAt: '2026-11-26T09:00:00Z', ...(targetDeviceId ? { targetDeviceId } : {}) })).findings.find((f) => f.code === 'MAXIMUM_DEVICES_REACHED');

  it('stops a new phone: the blocker, when the phone diagnosed holds no partnership or none was picked', () => {
    expect(limit('NEWPHONE1')).toMatchObject({ certainty: 'confirmed' });
    expect(limit('NEWPHONE1')?.severity).toBeUndefined();
    expect(limit(undefined)?.severity).toBeUndefined();
  });

  it('does not stop a phone that already holds one: a note that warns against removing and re-adding its account', () => {
    const note = limit(phone.DeviceId.toLowerCase());
    expect(note).toMatchObject({ severity: 'info' });
    expect(note?.detail).toContain('already holds one of them, so the limit does not stop it');
    expect(note?.detail).toContain('free slots before asking the user');
  });
});

describe('judgeMailbox: no partnership at all', () => {
  it('no phone has ever reached the mailbox: the finding, and the log nobody could fetch is not a check left out', () => {
    const none = mailbox({ mobileDevices: [] });
    expect(judgeMailbox(none).findings.map((f) => f.code)).toContain('NO_REQUESTS_REACHED_MAILBOX');
    const diagnosis = diagnose({ ...none, clientAccessRules: { cmdletAvailable: false }, conditionalAccess: { policies: [], namedLocations: [] }, signIns: [], authentication: { organizationConfig: { OAuth2ClientProfileEnabled: true }, authenticationPolicy: null } });
    expect(diagnosis.findings[0]?.code).toBe('NO_REQUESTS_REACHED_MAILBOX');
    // No phone sign-in either: the password path is named in the same finding (facts F32).
    expect(diagnosis.findings[0]?.explanation).toContain('may be set up with a password');
    expect(diagnosis.unchecked.map((u) => u.evidence)).not.toContain('mailboxLog');
  });
});

describe('judgeMailbox: a phone not in use while another is', () => {
  const JUDGED = '2026-11-26T09:00:00Z';
  const inUse = { ...phone, LastSyncAttemptTime: '2026-11-26T08:50:00Z', LastSuccessSync: '2026-11-26T08:50:00Z' };
  const lostPhone = { DeviceId: 'SECOLDPHONE0001', DeviceType: 'SAMSUNGSMG991B', FriendlyName: 'Galaxy S21', ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Blocked', DeviceAccessStateReason: 'Individual', LastSyncAttemptTime: '2026-10-02T18:00:00Z', LastSuccessSync: '2026-10-02T18:00:00Z' };
  const blockedLost = { casMailbox: { ActiveSyncEnabled: true, ActiveSyncDebugLogging: false, ActiveSyncBlockedDeviceIDs: ['SECOLDPHONE0001'] }, judgedAt: JUDGED };

  it('keeps the block of an old phone that stopped trying weeks ago as a note, not the cause, when no phone was named', () => {
    const judgement = judgeMailbox(mailbox({ ...blockedLost, mobileDevices: [inUse, lostPhone] }));
    const block = judgement.findings.find((f) => f.code === 'DEVICE_BLOCKED');
    expect(block).toMatchObject({ notInUse: true, deviceId: 'SECOLDPHONE0001' });
    // A note that offers nothing to change: the phone may be a lost one, blocked on purpose.
    const shown = buildFinding(block!);
    expect(shown.severity).toBe('info');
    expect(shown.nextSteps.map((s) => s.action)).toEqual([undefined]);
    expect(block?.detail).toContain('has not tried to sync since 2026-10-02');
    expect(judgement.checks.find((c) => c.id === 'device-SECOLDPHONE0001')).toMatchObject({ outcome: 'info', label: 'Galaxy S21 (SECOLDPHONE0001): blocked, not tried since 2026-10-02' });
    expect(judgement.summary).toContain('Not in use lately: Galaxy S21 (SECOLDPHONE0001)');
  });

  it('keeps it the cause when the operator named that phone, when it still tries, or when no other phone is in use', () => {
    const blocker = (j: ReturnType<typeof judgeMailbox>) => buildFinding(j.findings.find((f) => f.code === 'DEVICE_BLOCKED')!);
    const named = judgeMailbox(mailbox({ ...blockedLost, mobileDevices: [inUse, lostPhone], targetDeviceId: 'SECOLDPHONE0001' }));
    expect(blocker(named).severity).toBe('blocker');
    expect(blocker(named).nextSteps.some((s) => s.action === 'unblock-device')).toBe(true);
    const stillTrying = judgeMailbox(mailbox({ ...blockedLost, mobileDevices: [inUse, { ...lostPhone, LastSyncAttemptTime: '2026-11-26T08:30:00Z' }] }));
    expect(blocker(stillTrying).severity).toBe('blocker');
    const bothQuiet = judgeMailbox(mailbox({ ...blockedLost, mobileDevices: [{ ...inUse, LastSyncAttemptTime: '2026-10-20T08:00:00Z', LastSuccessSync: '2026-10-20T08:00:00Z' }, lostPhone] }));
    expect(blocker(bothQuiet).severity).toBe('blocker');
    expect(bothQuiet.checks.find((c) => c.id === 'device-SECOLDPHONE0001')?.outcome).toBe('problem');
  });

  it('lets the phone in use lead the diagnosis', () => {
    const base = mailbox({ ...blockedLost, mobileDevices: [inUse, lostPhone] });
    const { findings } = diagnose({ ...base, clientAccessRules: { cmdletAvailable: false }, conditionalAccess: { policies: [], namedLocations: [] }, signIns: [], authentication: { organizationConfig: { OAuth2ClientProfileEnabled: true }, authenticationPolicy: null } });
    expect(findings.filter((f) => f.severity === 'blocker')).toEqual([]);
  });
});

describe('judgeMailbox: the phone the operator named', () => {
  it('says plainly that Exchange knows no phone with that ID, lists the phones it knows, and guesses only a near ID', () => {
    const far = judgeMailbox(mailbox({ targetDeviceId: 'ANDROIDC1234567890' }));
    const finding = far.findings.find((f) => f.code === 'NAMED_PHONE_NOT_FOUND');
    expect(finding?.detail).toContain("Exchange lists 1 phone(s) for this mailbox: Alex's iPhone (F2KQ7HZX1C9N3P5R7T9V1X3Z5B).");
    expect(finding?.detail).not.toContain('probably the phone meant');
    expect(far.checks.find((c) => c.id === 'named-phone')?.outcome).toBe('problem');
    const near = judgeMailbox(mailbox({ targetDeviceId: 'f2kq7hzx1c9n3p5r7t9v1x3z' }));
    expect(near.findings.find((f) => f.code === 'NAMED_PHONE_NOT_FOUND')?.detail).toContain('differs from it by 2 character(s): it is probably the phone meant.');
    // Any case of the right ID is that phone.
    expect(judgeMailbox(mailbox({ targetDeviceId: 'f2kq7hzx1c9n3p5r7t9v1x3z5b' })).findings.map((f) => f.code)).not.toContain('NAMED_PHONE_NOT_FOUND');
  });
});
