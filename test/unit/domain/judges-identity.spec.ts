import { describe, expect, it } from 'vitest';
import type { DiagnosisInput } from '../../../src-main/domain/diagnosis/diagnose';
import { diagnose } from '../../../src-main/domain/diagnosis/diagnose';
import { EXCHANGE_ONLINE_APP_ID } from '../../../src-main/domain/evaluators/conditional-access';
import type { ConditionalAccessPolicyInput, SignInInput } from '../../../src-main/domain/evaluators/graph-inputs';
import { judgeAuthentication } from '../../../src-main/domain/judges/authentication';
import { judgeClientAccessRules } from '../../../src-main/domain/judges/client-access-rules';
import { judgeConditionalAccess } from '../../../src-main/domain/judges/conditional-access';
import { APP_IDS, phoneConditions, phoneSignIns } from '../../../src-main/domain/judges/phone-sign-ins';

const USER = '11111111-1111-1111-1111-111111111111';
const IPHONE = { DeviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B', DeviceType: 'iPhone', DeviceModel: 'iPhone15C2', DeviceOS: 'iOS 18.6', FriendlyName: "Alex's iPhone", ClientType: 'EAS', ClientVersion: '16.1', DeviceAccessState: 'Allowed', DeviceAccessStateReason: 'Global' };
const GALAXY = { DeviceId: 'SEC1A2B3C4D5E6F7A8', DeviceType: 'SAMSUNGSMS918B', DeviceModel: 'SM-S918B', DeviceOS: 'Android 15.0.0', FriendlyName: 'Galaxy', ClientType: 'EAS', ClientVersion: '16.1' };

let n = 0;
function signIn(over: Partial<SignInInput> & { os?: string; code?: number } = {}): SignInInput {
  n++;
  const { os, code, ...rest } = over;
  return {
    id: `s${n}`,
    createdDateTime: `2026-11-26T08:${String(59 - n).padStart(2, '0')}:00Z`,
    appId: APP_IDS.iosAccounts,
    appDisplayName: 'iOS Accounts',
    resourceId: EXCHANGE_ONLINE_APP_ID,
    clientAppUsed: 'Mobile Apps and Desktop clients',
    ipAddress: '198.51.100.7',
    conditionalAccessStatus: 'notApplied',
    appliedConditionalAccessPolicies: [],
    status: { errorCode: code ?? 0 },
    deviceDetail: { operatingSystem: os ?? 'Ios' },
    location: { countryOrRegion: 'US' },
    ...rest,
  };
}
const legacyEas = (over: Partial<SignInInput> & { os?: string; code?: number } = {}) => signIn({ appId: EXCHANGE_ONLINE_APP_ID, appDisplayName: 'Office 365 Exchange Online', clientAppUsed: 'Exchange ActiveSync', ...over });

function policy(id: string, name: string, conditions: Partial<ConditionalAccessPolicyInput['conditions']>, grant: string[], extra: Partial<ConditionalAccessPolicyInput> = {}): ConditionalAccessPolicyInput {
  return {
    id,
    displayName: name,
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], ...conditions },
    grantControls: { operator: 'OR', builtInControls: grant },
    ...extra,
  };
}
const blockLegacy = policy('legacy', 'Block legacy authentication', { clientAppTypes: ['exchangeActiveSync', 'other'] }, ['block']);
const mfaAll = policy('mfa', 'Require multifactor authentication for all users', {}, ['mfa']);
const deviceCode = policy('devcode', 'Block device code flow', { authenticationFlows: { transferMethods: 'deviceCodeFlow' } }, ['block']);

function input(over: Partial<DiagnosisInput> = {}): DiagnosisInput {
  return {
    judgedAt: '2026-11-26T09:00:00Z',
    userPrincipalName: 'alex@contoso.example',
    signInContext: { userId: USER, groupIds: [], roleIds: [] },
    casMailbox: { ActiveSyncEnabled: true },
    mobileDevices: [IPHONE],
    organizationSettings: { DefaultAccessLevel: 'Allow' },
    deviceAccessRules: [],
    clientAccessRules: { cmdletAvailable: false },
    conditionalAccess: { policies: [], namedLocations: [] },
    signIns: [],
    signInCoverage: { since: '2026-11-19T09:00:00Z', nonInteractive: { read: true, count: 0, unverified: true } },
    authentication: { organizationConfig: { OAuth2ClientProfileEnabled: true }, authenticationPolicy: null },
    mailboxLog: { unavailable: 'not fetched' },
    ...over,
  };
}
const codes = (drafts: Array<{ code: string }>) => drafts.map((d) => d.code).sort();

describe('which sign-ins are the phone’s (facts F34)', () => {
  it('takes the phone’s mail app by app id and OS, not Outlook desktop, Office or Outlook mobile', () => {
    const mine = signIn();
    const outlookWindows = signIn({ appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office', os: 'Windows10', code: 50126 });
    const outlookMobile = signIn({ appId: APP_IDS.outlookMobile, appDisplayName: 'Microsoft Outlook' });
    const androidOnIphoneCase = signIn({ appId: 'unknown-app', os: 'Android' });
    const split = phoneSignIns([mine, outlookWindows, outlookMobile, androidOnIphoneCase], [IPHONE]);
    expect(split.phone.map((s) => s.id)).toEqual([mine.id]);
    expect(split.readings).toEqual(['mobileAppsAndDesktopClients']);
    expect(phoneSignIns([outlookMobile], [{ ...IPHONE, ClientType: 'REST' }]).phone).toHaveLength(1);
  });

  it('gives What-If and local evaluation the phone’s platform, IP, country and compliance', () => {
    const travelling = signIn({ ipAddress: '200.160.2.3', location: { countryOrRegion: 'br' } });
    expect(phoneConditions([signIn({ os: 'Windows10', ipAddress: '203.0.113.9' }), travelling], [IPHONE])).toEqual({ devicePlatform: 'iOS', ipAddress: '200.160.2.3', country: 'BR' });
    expect(phoneConditions([], [{ ...IPHONE, DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'ExternalCompliance' }]).deviceCompliant).toBe(false);
  });
});

describe('judgeConditionalAccess', () => {
  it('Microsoft’s templates do not block an OAuth phone: no finding, a check that says why', () => {
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [blockLegacy, mfaAll, deviceCode], namedLocations: [] }, signIns: [signIn(), signIn()] }));
    expect(j.findings).toEqual([]);
    expect(j.outcome).not.toBe('problem');
    expect(j.checks.find((c) => c.id === 'client-app')?.label).toContain('Mobile apps and desktop clients');
  });

  it('with no sign-ins, a block of "Exchange ActiveSync" clients only is information, not a finding', () => {
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [blockLegacy], namedLocations: [] } }));
    expect(j.findings).toEqual([]);
    const check = j.checks.find((c) => c.id === 'policy-legacy');
    expect(check).toMatchObject({ outcome: 'info' });
    expect(check?.label).toContain('password');
  });

  it('a phone whose own sign-ins are legacy EAS is blocked by an EAS block; the check label states the result', () => {
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [blockLegacy], namedLocations: [], whatIf: [{ clientAppType: 'exchangeActiveSync', results: [{ ...blockLegacy, policyApplies: true }] }] }, signIns: [legacyEas()] }));
    expect(codes(j.findings)).toEqual(['CA_BLOCKS_EAS']);
    expect(j.findings[0]?.confidence).toBe('high');
    expect(j.checks.find((c) => c.id === 'policy-legacy')).toMatchObject({ outcome: 'problem', label: "What-If: 'Block legacy authentication' blocks this phone's mail sign-in" });
  });

  it('a risk policy is "cannot tell" (CA_CANNOT_TELL), information once the phone’s requests reach the mailbox', () => {
    const risk = policy('risk', 'Block high-risk sign-ins', { signInRiskLevels: ['high'] }, ['block']);
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [risk], namedLocations: [] }, signIns: [signIn()] }));
    expect(codes(j.findings)).toEqual(['CA_CANNOT_TELL']);
    expect(j.findings[0]).toMatchObject({ confidence: 'low' });
    expect(j.findings[0]?.severity).toBeUndefined();
    const reached = judgeConditionalAccess(input({ conditionalAccess: { policies: [risk], namedLocations: [] }, signIns: [signIn()], mailboxLog: { devices: [{ deviceId: IPHONE.DeviceId, entryCount: 3 }], findings: [], patterns: [], warnings: [], drafts: [] } }));
    expect(reached.findings[0]?.severity).toBe('info');
  });

  it('a hybrid-joined grant blocks an OAuth phone, and says a phone can never meet it', () => {
    const hybrid = policy('hybrid', 'Require hybrid joined device', {}, ['domainJoinedDevice']);
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [hybrid], namedLocations: [] }, signIns: [signIn()] }));
    expect(codes(j.findings)).toEqual(['CA_BLOCKS_EAS']);
    expect(j.findings[0]?.detail).toContain('hybrid joined device, which a phone can never be');
  });

  it('a block What-If confirms, which the phone’s own sign-in passed after the policy last changed, is a note, not the cause', () => {
    const block = policy('blockall', 'Block mobile mail', { clientAppTypes: ['mobileAppsAndDesktopClients'] }, ['block'], { modifiedDateTime: '2026-06-03T14:20:00Z' });
    const judge = (p: ConditionalAccessPolicyInput, signIns: SignInInput[]) =>
      judgeConditionalAccess(input({ conditionalAccess: { policies: [p], namedLocations: [], whatIf: [{ clientAppType: 'mobileAppsAndDesktopClients', apiVersion: 'v1.0', results: [{ ...p, policyApplies: true, analysisReasons: '' }] }] }, signIns }));
    const passed = judge(block, [signIn({ createdDateTime: '2026-11-26T07:58:00Z' })]);
    expect(passed.findings).toEqual([expect.objectContaining({ code: 'CA_CANNOT_TELL', severity: 'info' })]);
    expect(passed.findings[0]?.detail).toContain("the phone's own sign-in at 2026-11-26T07:58:00Z passed Conditional Access after the policy last changed");
    expect(passed.checks.find((c) => c.id === 'policy-blockall')?.outcome).toBe('info');
    // Changed after the phone's last good sign-in: the block is new, and it is the cause.
    expect(codes(judge({ ...block, modifiedDateTime: '2026-11-26T08:30:00Z' }, [signIn({ createdDateTime: '2026-11-26T07:58:00Z' })]).findings)).toEqual(['CA_BLOCKS_EAS']);
    // A sign-in this policy failed never counts as passing it; nor does a policy with no dates.
    const failedByIt = signIn({ createdDateTime: '2026-11-26T07:58:00Z', appliedConditionalAccessPolicies: [{ id: 'blockall', displayName: 'Block mobile mail', result: 'failure' }] });
    expect(codes(judge(block, [failedByIt]).findings)).toContain('CA_BLOCKS_EAS');
    expect(codes(judge({ ...block, modifiedDateTime: null }, [signIn({ createdDateTime: '2026-11-26T07:58:00Z' })]).findings)).toEqual(['CA_BLOCKS_EAS']);
    // A pass followed by a newer Conditional Access refusal (say from abroad): the policy stops the phone now.
    const refusedSince = signIn({ createdDateTime: '2026-11-26T08:30:00Z', code: 53003, conditionalAccessStatus: 'failure' });
    const newer = judge(block, [refusedSince, signIn({ createdDateTime: '2026-11-26T07:58:00Z' })]);
    expect(new Set(codes(newer.findings))).toEqual(new Set(['CA_BLOCKS_EAS']));
    expect(newer.findings.some((f) => f.code === 'CA_CANNOT_TELL')).toBe(false);
  });

  it('What-If "not enough information" is not "does not apply" (F39)', () => {
    const country = policy('geo', 'Block outside allowed countries', { locations: { includeLocations: ['All'], excludeLocations: ['allowed'] } }, ['block']);
    const allowed = { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'allowed', countriesAndRegions: ['US'] };
    const whatIf = [{ clientAppType: 'mobileAppsAndDesktopClients', results: [{ ...country, policyApplies: false, analysisReasons: 'notEnoughInformation' }] }];
    const abroad = judgeConditionalAccess(input({ conditionalAccess: { policies: [country], namedLocations: [allowed], whatIf }, signIns: [signIn({ location: { countryOrRegion: 'BR' } })] }));
    expect(codes(abroad.findings)).toEqual(['CA_CANNOT_TELL']);
    expect(abroad.checks.find((c) => c.id === 'what-if')?.label).toBe('What-If could not evaluate 1 policy');
    const home = judgeConditionalAccess(input({ conditionalAccess: { policies: [country], namedLocations: [allowed], whatIf }, signIns: [signIn()] }));
    expect(home.findings).toEqual([]);
  });

  it('routes sign-in errors: 50173 → sign in again, 53000 → compliance, 530003 → enrollment; interrupts are not failures', () => {
    // A failure followed by a successful sign-in is history, not the current problem.
    const again = judgeConditionalAccess(input({ signIns: [signIn({ code: 50173, isInteractive: false, createdDateTime: '2026-11-25T08:00:00Z' }), signIn({ createdDateTime: '2026-11-26T08:00:00Z' })] }));
    expect(codes(again.findings)).toEqual([]);
    const failingNow = judgeConditionalAccess(input({ signIns: [signIn({ code: 50173, isInteractive: false, createdDateTime: '2026-11-26T08:59:59Z' }), signIn({ createdDateTime: '2026-11-25T08:00:00Z' })] }));
    expect(codes(failingNow.findings)).toEqual(['PHONE_MUST_SIGN_IN_AGAIN']);
    expect(codes(judgeConditionalAccess(input({ signIns: [signIn({ code: 53000, conditionalAccessStatus: 'failure' })] })).findings)).toEqual(['DEVICE_NOT_COMPLIANT']);
    expect(codes(judgeConditionalAccess(input({ signIns: [signIn({ code: 530003, conditionalAccessStatus: 'failure' })] })).findings)).toEqual(['DEVICE_NOT_ENROLLED']);
    const mfa = judgeConditionalAccess(input({ signIns: [signIn({ code: 50074 }), signIn({ code: 50140 })] }));
    expect(mfa.findings).toEqual([]);
    expect(mfa.checks.find((c) => c.id === 'sign-ins')).toMatchObject({ outcome: 'ok', label: expect.stringMatching(/^No failed sign-in from the phone; the newest are prompts/) });
  });

  it('MFA asked of the phone’s background sign-in with no success after: the phone must sign in again (nobody can answer it there)', () => {
    const background = (at: string) => signIn({ code: 50076, isInteractive: false, createdDateTime: at });
    const stuck = judgeConditionalAccess(input({ signIns: [background('2026-11-26T08:46:00Z'), background('2026-11-26T08:31:00Z'), signIn({ createdDateTime: '2026-11-26T07:58:00Z' })] }));
    expect(stuck.findings).toEqual([expect.objectContaining({ code: 'PHONE_MUST_SIGN_IN_AGAIN', certainty: 'inferred', deviceId: IPHONE.DeviceId })]);
    expect(stuck.findings[0]?.detail).toContain("asked the phone's background sign-in for MFA 2 time(s)");
    expect(stuck.checks.find((c) => c.id === 'sign-ins-mfa')).toMatchObject({ outcome: 'problem' });
    // Answered: a success after it. Interactive: the user saw the prompt. Long past: the phone synced later than a token lives.
    expect(judgeConditionalAccess(input({ signIns: [signIn({ createdDateTime: '2026-11-26T08:50:00Z' }), background('2026-11-26T08:46:00Z')] })).findings).toEqual([]);
    expect(judgeConditionalAccess(input({ signIns: [signIn({ code: 50076, isInteractive: true, createdDateTime: '2026-11-26T08:46:00Z' })] })).findings).toEqual([]);
    const synced = judgeConditionalAccess(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T08:52:00Z' }], signIns: [background('2026-11-26T06:40:00Z')] }));
    expect(synced.findings).toEqual([]);
  });

  it('a refused sign-in the phone synced after, later than a token lives, is not what stops it: by Exchange’s last sync or by a log that ends healthy', () => {
    const caBlock = signIn({ code: 53003, conditionalAccessStatus: 'failure', createdDateTime: '2026-11-26T06:40:00Z' });
    // Exchange's own record: the phone synced at 08:52, more than 90 minutes after the refusal at 06:40.
    const synced = judgeConditionalAccess(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T08:52:00Z' }], signIns: [caBlock] }));
    expect(synced.findings).toEqual([]);
    const check = synced.checks.find((c) => c.id === 'sign-ins');
    expect(check).toMatchObject({ outcome: 'ok', label: expect.stringContaining('synced after its newest failed sign-in') });
    expect(check?.detail).toContain('2026-11-26T08:52:00.000Z');
    // The last sync before the refusal: the refusal is now.
    expect(codes(judgeConditionalAccess(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T06:00:00Z' }], signIns: [caBlock] })).findings)).toEqual(['CA_BLOCKS_EAS']);
    // Soon after the refusal the phone may still run on the token it had: still the cause, and the words say it has not stopped yet.
    const soon = judgeConditionalAccess(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T07:10:00Z' }], signIns: [caBlock] }));
    expect(codes(soon.findings)).toEqual(['CA_BLOCKS_EAS']);
    expect(soon.findings[0]?.detail).toContain('The phone still synced at 2026-11-26T07:10:00.000Z');
    // The mailbox log: the phone's last request at 08:13 was answered normally.
    const healthyLog = {
      devices: [{ deviceId: IPHONE.DeviceId, entryCount: 4, lastRequest: '2026-11-26T08:13:00.000Z' }],
      findings: [], patterns: [], warnings: [],
      drafts: [{ code: 'HEALTHY_SYNC' as const, detail: 'syncs', evidence: [], confidence: 'medium' as const, deviceId: IPHONE.DeviceId }],
    };
    expect(judgeConditionalAccess(input({ signIns: [caBlock], mailboxLog: healthyLog })).findings).toEqual([]);
    // A log that does not end healthy says nothing about getting past the refusal.
    expect(codes(judgeConditionalAccess(input({ signIns: [caBlock], mailboxLog: { ...healthyLog, drafts: [] } })).findings)).toEqual(['CA_BLOCKS_EAS']);
    // With two phones, a refusal counts as past only once both synced after it.
    const both = [{ ...IPHONE, LastSuccessSync: '2026-11-26T08:52:00Z' }, { ...GALAXY, DeviceOS: 'iOS 18', DeviceType: 'iPad', LastSuccessSync: '2026-11-20T08:00:00Z' }];
    expect(codes(judgeConditionalAccess(input({ mobileDevices: both, signIns: [caBlock] })).findings)).toEqual(['CA_BLOCKS_EAS']);
  });

  it('Outlook-desktop failures beside a healthy phone are named, never the phone’s problem', () => {
    const desktop = signIn({ appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', appDisplayName: 'Microsoft Office', os: 'Windows10', code: 53003, conditionalAccessStatus: 'failure' });
    const j = judgeConditionalAccess(input({ signIns: [desktop, signIn()] }));
    expect(j.findings).toEqual([]);
    expect(j.checks.find((c) => c.id === 'other-sign-ins')?.detail).toContain('Microsoft Office on Windows10');
  });

  it('says plainly when no sign-in was found and what was read', () => {
    const j = judgeConditionalAccess(input({ signInCoverage: { since: '2026-11-19T09:00:00Z', nonInteractive: { read: false, reason: 'Graph beta refused the query' } } }));
    const check = j.checks.find((c) => c.id === 'sign-ins');
    expect(check?.label).toBe("No sign-in from this phone's mail app was found");
    expect(check?.detail).toContain('could not be read: Graph beta refused the query');
    expect(check?.detail).toContain('not evidence that sign-in works');
  });

  it('surfaces sign-in frequency on mobile apps and says session controls are not evaluated', () => {
    const freq = policy('freq', 'Sign in every 8 hours on phones', { clientAppTypes: ['mobileAppsAndDesktopClients'] }, [], { grantControls: null, sessionControls: { signInFrequency: { isEnabled: true, value: 8, type: 'hours' } } });
    const j = judgeConditionalAccess(input({ conditionalAccess: { policies: [freq], namedLocations: [] }, signIns: [signIn()] }));
    expect(codes(j.findings)).toEqual(['SIGN_IN_FREQUENCY']);
    expect(j.checks.find((c) => c.id === 'frequency-freq')?.label).toContain('every 8 hours');
    expect(j.checks.some((c) => c.id === 'session-controls' && c.label === 'Session controls were not evaluated')).toBe(true);
  });
});

describe('judgeAuthentication', () => {
  it('OAuth2ClientProfileEnabled = False is information, never a problem (F31)', () => {
    const j = judgeAuthentication(input({ authentication: { organizationConfig: { OAuth2ClientProfileEnabled: false }, authenticationPolicy: { Name: 'Legacy', AllowBasicAuthActiveSync: true } } }));
    expect(codes(j.findings)).toEqual(['BASIC_AUTH_POLICY_NO_EFFECT', 'MODERN_AUTH_DISABLED']);
    expect(j.checks.find((c) => c.id === 'modern-auth')?.outcome).toBe('info');
    expect(j.outcome).not.toBe('problem');
  });

  it('50126 alone is not a Basic client (F32); legacy EAS failures with an empty log are', () => {
    const emptyLog = { devices: [], findings: [], patterns: [], warnings: [], drafts: [] };
    const galaxy = input({ mobileDevices: [GALAXY], signIns: [legacyEas({ os: 'Android', code: 50126 })], mailboxLog: emptyLog });
    expect(judgeAuthentication(galaxy).findings[0]).toMatchObject({ code: 'BASIC_AUTH_CLIENT', confidence: 'high', deviceId: GALAXY.DeviceId });
    // An OAuth sign-in from the phone's app rules the password path out.
    expect(judgeAuthentication(input({ mobileDevices: [GALAXY], signIns: [signIn({ os: 'Android', appId: 'x' }), legacyEas({ os: 'Android', code: 50126 })], mailboxLog: emptyLog })).findings).toEqual([]);
    // Nothing from the phone and an empty log: the password path joins the no-requests finding.
    const silent = judgeAuthentication(input({ signIns: [], mailboxLog: emptyLog }));
    expect(silent.findings[0]).toMatchObject({ code: 'NO_REQUESTS_REACHED_MAILBOX', confidence: 'low' });
    expect(silent.findings[0]?.detail).toContain('set up with a password');
    expect(silent.outcome).toBe('warning');
    expect(silent.summary).toContain('may be set up with a password');
    // A phone last synced before Basic was switched off, with an empty log.
    const old = judgeAuthentication(input({ mobileDevices: [{ ...GALAXY, LastSuccessSync: '2022-12-30T18:11:00Z' }], signIns: [], mailboxLog: emptyLog }));
    expect(old.findings[0]).toMatchObject({ code: 'BASIC_AUTH_CLIENT', confidence: 'medium' });
  });

  it('password sign-in failures the phone synced after are not how it signs in now (a password app never gets through, F32)', () => {
    const failed = legacyEas({ code: 50126, createdDateTime: '2026-11-26T07:58:00Z' });
    const log = { devices: [{ deviceId: IPHONE.DeviceId, entryCount: 4, lastRequest: '2026-11-26T08:13:00.000Z' }], findings: [], patterns: [], warnings: [], drafts: [] };
    const after = judgeAuthentication(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T08:52:00Z' }], signIns: [failed], mailboxLog: log }));
    expect(codes(after.findings)).not.toContain('BASIC_AUTH_CLIENT');
    expect(after.outcome).not.toBe('problem');
    const stillFailing = judgeAuthentication(input({ mobileDevices: [{ ...IPHONE, LastSuccessSync: '2026-11-26T07:00:00Z' }], signIns: [failed], mailboxLog: log }));
    expect(codes(stillFailing.findings)).toContain('BASIC_AUTH_CLIENT');
  });

  it('no partnership at all: failed password sign-ins make it a Basic client; none at all, a hint on "never reached"; an OAuth sign-in, neither', () => {
    const legacy = judgeAuthentication(input({ mobileDevices: [], signIns: [legacyEas({ code: 50126 })] }));
    expect(legacy.findings).toEqual([expect.objectContaining({ code: 'BASIC_AUTH_CLIENT', confidence: 'high' })]);
    expect(legacy.findings[0]?.detail).toContain('no phone has a partnership with the mailbox');
    expect(codes(judgeAuthentication(input({ mobileDevices: [], signIns: [] })).findings)).toEqual(['NO_REQUESTS_REACHED_MAILBOX']);
    expect(judgeAuthentication(input({ mobileDevices: [], signIns: [signIn(), legacyEas({ code: 50126 })] })).findings).toEqual([]);
    // A disabled account says nothing about how the phone was set up.
    expect(codes(judgeAuthentication(input({ mobileDevices: [], signIns: [legacyEas({ code: 50057 })] })).findings)).toEqual([]);
  });

  it('a legacy sign-in refused because the account is disabled or unknown says nothing about a password', () => {
    const emptyLog = { devices: [], findings: [], patterns: [], warnings: [], drafts: [] };
    for (const code of [50057, 50034]) {
      const disabled = judgeAuthentication(input({ mobileDevices: [GALAXY], signIns: [legacyEas({ os: 'Android', code })], mailboxLog: emptyLog }));
      expect(codes(disabled.findings), String(code)).not.toContain('BASIC_AUTH_CLIENT');
    }
  });
});

describe('judgeClientAccessRules', () => {
  const deny = { Name: 'Block EAS outside HQ', Priority: 1, Enabled: true, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeActiveSync'], ExceptAnyOfClientIPAddressesOrRanges: ['203.0.113.0/24'] };

  it('a leftover deny rule is information after the retirement (F3), with the phone’s IP from its sign-ins', () => {
    const j = judgeClientAccessRules(input({ clientAccessRules: [deny], signIns: [signIn()] }));
    expect(codes(j.findings)).toEqual(['CAR_LEFTOVER_RULE']);
    expect(j.outcome).toBe('info');
    expect(judgeClientAccessRules(input({ clientAccessRules: [deny], signIns: [signIn({ ipAddress: '203.0.113.5' })] })).findings).toEqual([]);
  });

  it('a case judged before September 2025 sees the deny rule as a blocker', () => {
    const j = judgeClientAccessRules(input({ judgedAt: '2025-05-01T10:00:00Z', clientAccessRules: [deny], signIns: [signIn()] }));
    expect(j.findings[0]).toMatchObject({ code: 'CAR_DENIES_EAS', confidence: 'high' });
    expect(j.outcome).toBe('problem');
  });

  it('the retired cmdlet is the normal answer', () => {
    expect(codes(judgeClientAccessRules(input()).findings)).toEqual(['CLIENT_ACCESS_RULES_RETIRED']);
  });
});

describe('diagnose uses the same judgements', () => {
  it('Microsoft templates in a healthy tenant give no Conditional Access finding', () => {
    const d = diagnose(input({ conditionalAccess: { policies: [blockLegacy, mfaAll, deviceCode], namedLocations: [] }, signIns: [signIn()] }));
    expect(d.findings.map((f) => f.code)).not.toContain('CA_BLOCKS_EAS');
    expect(d.findings.filter((f) => f.severity === 'blocker')).toEqual([]);
  });
});
