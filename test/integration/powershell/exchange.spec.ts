import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeCommands } from '../../../src-main/services/powershell/exchange-commands';
import {
  ExchangeConnection,
  ExchangeConnectionError,
} from '../../../src-main/services/powershell/exchange-connection';
import type { PowerShellSession } from '../../../src-main/services/powershell/powershell-session';
import { FakeAuth, token } from './fake-auth';
import { stubSession, waitFor } from './session-fixture';

const HOUR = 3_600_000;

describe('Exchange connection over the real pwsh host', { timeout: 90_000 }, () => {
  const sessions: PowerShellSession[] = [];
  const tempDirs: string[] = [];
  const open = (env: Record<string, string> = {}) => {
    const session = stubSession({}, env);
    sessions.push(session);
    return session;
  };
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.dispose()));
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds ExchangeOnlineManagement 3.9.2 as meeting the 3.1 minimum', async () => {
    const connection = new ExchangeConnection({ host: open(), auth: new FakeAuth([]) });
    expect(await connection.checkPrerequisites()).toMatchObject({
      ok: true,
      module: { name: 'ExchangeOnlineManagement', version: '3.9.2' },
    });
  });

  it('explains how to install the module when it is missing, and refuses to connect', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'eas-nomodule-'));
    tempDirs.push(empty);
    const auth = new FakeAuth([token('t', HOUR)]);
    const connection = new ExchangeConnection({ host: open({ PSModulePath: empty }), auth });
    const check = await connection.checkPrerequisites();
    expect(check).toMatchObject({ ok: false, problem: 'module-missing' });
    expect(check.ok ? '' : check.guidance).toMatch(/Install-Module ExchangeOnlineManagement/);
    await expect(connection.connect()).rejects.toMatchObject({ reason: 'module-missing' });
    expect(auth.calls).toEqual([]);
  });

  it('reports a module older than 3.1 as too old', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'eas-oldmodule-'));
    tempDirs.push(root);
    const folder = path.join(root, 'ExchangeOnlineManagement', '3.0.0');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'ExchangeOnlineManagement.psd1'),
      "@{ ModuleVersion = '3.0.0'; GUID = '1b2c3d4e-0000-4000-8000-000000000300' }",
    );
    const connection = new ExchangeConnection({ host: open({ PSModulePath: root }), auth: new FakeAuth([]) });
    const check = await connection.checkPrerequisites();
    expect(check).toMatchObject({ ok: false, problem: 'module-too-old', module: { version: '3.0.0' } });
    expect(check.ok ? '' : check.guidance).toMatch(/Update-Module ExchangeOnlineManagement/);
  });

  it('connects with the exchange token and the operator UPN, and runs cmdlets', async () => {
    const session = open();
    const auth = new FakeAuth([token('token-one', HOUR)]);
    const connection = new ExchangeConnection({ host: session, auth });
    const state = await connection.connect();
    expect(state).toMatchObject({
      state: 'connected',
      method: 'token',
      userPrincipalName: 'helpdesk@contoso.com',
    });
    expect(auth.calls).toEqual([{ resource: 'exchange', forceRefresh: false }]);
    const org = await connection.run('Get-OrganizationConfig');
    expect(org.data[0]).toMatchObject({ StubConnectionCount: 1 });
    expect(session.diagnostics().join('\n')).not.toContain('token-one');
  });

  it('connects without the retired Client Access Rule cmdlets when the module refuses to import them', async () => {
    const connection = new ExchangeConnection({
      host: open({ EAS_STUB_STRICT_COMMANDNAME: '1' }),
      auth: new FakeAuth([token('t', HOUR)]),
    });
    expect(await connection.connect()).toMatchObject({ state: 'connected', method: 'token' });
    expect((await connection.run('Get-OrganizationConfig')).data[0]).toMatchObject({
      StubConnectionCount: 1,
    });
  });

  it('reconnects with a fresh token when the current one is about to expire', async () => {
    let now = Date.now();
    const auth = new FakeAuth([token('first', 10 * 60_000, now), token('second', HOUR, now)]);
    const connection = new ExchangeConnection({
      host: open(),
      auth,
      refreshMarginMs: 5 * 60_000,
      now: () => now,
    });
    await connection.connect();
    expect((await connection.run('Get-OrganizationConfig')).data[0]).toMatchObject({
      StubConnectionCount: 1,
    });
    now += 6 * 60_000; // now inside the 5-minute margin
    expect((await connection.run('Get-OrganizationConfig')).data[0]).toMatchObject({
      StubConnectionCount: 2,
    });
    expect(auth.calls).toHaveLength(2);
    expect(connection.state).toMatchObject({
      state: 'connected',
      tokenExpiresOn: new Date(now - 6 * 60_000 + HOUR),
    });
  });

  it('reconnects by itself after the host was restarted', async () => {
    const session = open();
    const connection = new ExchangeConnection({ host: session, auth: new FakeAuth([token('t', HOUR)]) });
    await connection.connect();
    process.kill(session.hostInfo?.pid as number, 'SIGKILL');
    await waitFor(() => connection.state.state === 'disconnected', 45_000, 'disconnect after restart');
    const result = await connection.run('Get-CASMailbox', { Identity: 'alex@contoso.com' });
    expect(result.data).toHaveLength(1);
    expect(connection.state.state).toBe('connected');
  });

  it('fails with sign-in guidance when Exchange rejects the token and no fallback is allowed', async () => {
    const connection = new ExchangeConnection({
      host: open(),
      auth: new FakeAuth([token('expired-abc', HOUR)]),
    });
    const error = await connection.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeConnectionError);
    expect((error as ExchangeConnectionError).reason).toBe('sign-in-failed');
    expect((error as Error).message).toMatch(/Could not sign in to Exchange Online/);
    expect((error as Error).message).not.toContain('expired-abc');
    expect(connection.state.state).toBe('disconnected');
  });

  it('falls back to interactive Connect-ExchangeOnline when the token is refused', async () => {
    const connection = new ExchangeConnection({
      host: open({ EAS_STUB_ALLOW_INTERACTIVE: '1' }),
      auth: new FakeAuth([token('expired-abc', HOUR)]),
      allowInteractiveFallback: true,
    });
    expect(await connection.connect()).toMatchObject({
      state: 'connected',
      method: 'interactive',
      tokenExpiresOn: null,
    });
  });

  it('falls back to interactive sign-in when nobody is signed in to the app', async () => {
    const auth = new FakeAuth([], null);
    const connection = new ExchangeConnection({
      host: open({ EAS_STUB_ALLOW_INTERACTIVE: '1' }),
      auth,
      allowInteractiveFallback: true,
    });
    expect(await connection.connect()).toMatchObject({ method: 'interactive', userPrincipalName: null });
    expect(auth.calls).toEqual([]);
  });
});

describe('Typed Exchange commands over the real pwsh host', { timeout: 90_000 }, () => {
  let session: PowerShellSession;
  let commands: ExchangeCommands;
  beforeAll(async () => {
    session = stubSession();
    const connection = new ExchangeConnection({ host: session, auth: new FakeAuth([token('t', HOUR)]) });
    commands = new ExchangeCommands(connection);
  });
  afterAll(async () => session?.dispose());

  it('reads the debug-logging flag back with the switch after turning it on and off', async () => {
    await commands.setActiveSyncDebugLogging('alex@contoso.com', true);
    expect((await commands.getCasMailbox('alex@contoso.com')).ActiveSyncDebugLogging).toBe(true);
    await commands.setActiveSyncDebugLogging('alex@contoso.com', false);
    const mailbox = await commands.getCasMailbox('alex@contoso.com');
    expect(mailbox).toMatchObject({
      ActiveSyncDebugLogging: false,
      ActiveSyncEnabled: true,
      PrimarySmtpAddress: 'alex@contoso.com',
    });
    expect(mailbox.OWAEnabled).toBe(true); // passthrough keeps properties beyond the model
  });

  it('switches ActiveSync off and on', async () => {
    await commands.setActiveSyncEnabled('sam@contoso.com', true);
    expect((await commands.getCasMailbox('sam@contoso.com')).ActiveSyncEnabled).toBe(true);
    await commands.setActiveSyncEnabled('sam@contoso.com', false);
    expect((await commands.getCasMailbox('sam@contoso.com')).ActiveSyncEnabled).toBe(false);
  });

  it('adds and removes device IDs on the allowed and blocked lists', async () => {
    await commands.updateActiveSyncDeviceIds('alex@contoso.com', 'allowed', { add: ['DEVA', 'DEVB'] });
    await commands.updateActiveSyncDeviceIds('alex@contoso.com', 'blocked', { add: ['BAD1'] });
    await commands.updateActiveSyncDeviceIds('alex@contoso.com', 'allowed', { remove: ['DEVA'] });
    const mailbox = await commands.getCasMailbox('alex@contoso.com');
    expect(mailbox.ActiveSyncAllowedDeviceIDs).toEqual(['DEVB']);
    expect(mailbox.ActiveSyncBlockedDeviceIDs).toEqual(['BAD1']);
    await commands.updateActiveSyncDeviceIds('alex@contoso.com', 'allowed', { remove: ['DEVB'] });
    await commands.updateActiveSyncDeviceIds('alex@contoso.com', 'blocked', { remove: ['BAD1'] });
  });

  it('lists devices with enum names and ISO dates', async () => {
    const [device] = await commands.getMobileDevices('sam@contoso.com');
    expect(device).toMatchObject({
      DeviceType: 'Android',
      DeviceAccessState: 'Quarantined',
      ClientVersion: '14.1',
      FirstSyncTime: '2026-11-20T08:00:00.0000000Z',
    });
    // A DateTimeOffset of 10:30+01:00 arrives as 09:30 UTC.
    const [iphone] = await commands.getMobileDevices('alex@contoso.com');
    expect(iphone?.WhenChanged).toBe('2026-11-25T09:30:00.0000000Z');
  });

  it('fetches the mailbox log per device', async () => {
    const logs = await commands.getMailboxLogs('alex@contoso.com');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      deviceId: 'A1B2C3D4E5',
      deviceIdentity: expect.stringContaining('A1B2C3D4E5'),
    });
    expect(logs[0]?.report).toContain(' Log Entry: 0');
    const statistics = await commands.getMobileDeviceStatistics({ mailbox: 'alex@contoso.com' });
    expect(statistics[0]?.MailboxLogReport).toBeNull();
    expect(statistics[0]?.LastSyncAttemptTime).toBe('2026-11-26T09:15:00.0000000Z');
  });

  it('reports retired Client Access Rules as not available in this tenant', async () => {
    const rules = await commands.getClientAccessRules();
    expect(rules).toMatchObject({ available: false, reason: 'not-available-in-tenant' });
    const tested = await commands.testClientAccessRule({
      user: 'alex@contoso.com',
      authenticationType: 'OAuthAuthentication',
      remoteAddress: '192.0.2.10',
      remotePort: 443,
    });
    expect(tested).toMatchObject({ available: false });
  });

  it('reads organisation settings, device access rules, policies and the user', async () => {
    expect(await commands.getActiveSyncOrganizationSettings()).toMatchObject({
      DefaultAccessLevel: 'Quarantine',
      AdminMailRecipients: ['helpdesk@contoso.com'],
    });
    expect(await commands.getActiveSyncDeviceAccessRules()).toEqual([
      expect.objectContaining({ Characteristic: 'DeviceType', AccessLevel: 'Allow' }),
    ]);
    expect(await commands.getAuthenticationPolicies()).toEqual([
      expect.objectContaining({ AllowBasicAuthActiveSync: false }),
    ]);
    expect(await commands.getOrganizationConfig()).toMatchObject({
      DefaultAuthenticationPolicy: null,
      OAuth2ClientProfileEnabled: true,
    });
    expect(await commands.getUser('sam@contoso.com')).toMatchObject({
      AuthenticationPolicy: 'Block Basic Auth',
    });
  });

  it('looks recipients up: not found is an empty answer, a name search is bounded, other failures still throw', async () => {
    expect(await commands.getRecipient('alex@contoso.com')).toEqual([
      expect.objectContaining({ PrimarySmtpAddress: 'alex@contoso.com', RecipientTypeDetails: 'UserMailbox' }),
    ]);
    expect(await commands.getRecipient('nobody@contoso.com')).toEqual([]);
    expect(await commands.findUser('nobody@contoso.com')).toEqual([]);
    expect((await commands.findRecipients('ale', 5)).map((r) => r.PrimarySmtpAddress)).toEqual(['alex@contoso.com']);
    await expect(commands.findRecipients('al', 5)).rejects.toThrow(/at least 3 characters/);
    await expect(commands.findRecipients('alex', 500)).rejects.toThrow();
  });

  it('refuses bad input before it reaches PowerShell', async () => {
    await expect(commands.getCasMailbox('   ')).rejects.toThrow(/identity is required/);
    await expect(commands.updateActiveSyncDeviceIds('alex@contoso.com', 'blocked', {})).rejects.toThrow(
      /nothing to add or remove/,
    );
    await expect(commands.getDeviceMailboxLog('x', ['not-an-email'])).rejects.toThrow();
    await expect(
      commands.testClientAccessRule({
        user: 'a',
        authenticationType: 'OAuthAuthentication',
        remoteAddress: '1.2.3',
        remotePort: 443,
      }),
    ).rejects.toThrow();
  });
});
