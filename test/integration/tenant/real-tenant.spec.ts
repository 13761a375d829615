import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeExchangeCapabilities } from '../../../src-main/domain/permissions/exchange-capabilities';
import { testConnection } from '../../../src-main/services/permissions/connection-test';
import { readAssignedRoles, readRoleEntries, roleNames } from '../../../src-main/services/permissions/operator-rights';
import { discoverPowerShell } from '../../../src-main/services/powershell/executable-discovery';
import { PowerShellInstalls } from '../../../src-main/services/powershell/powershell-installs';
import type { TenantConnection } from '../../../src-main/services/flow/connections/tenant-connection';
import type { TenantEndpoints } from '../../../src-main/services/flow/connections/tenant-connection-real';
import { createMemoryOnlyStorage } from '../../../src-main/services/settings/memory-only-storage';
import { TenantAccess } from '../../../src-main/services/settings/tenant-access';
import type { AuthStatusView } from '../../../src-main/shared/models/settings';
import type { SecureStoragePort } from '../../../src-main/services/auth/secure-storage';
import {
  AUTHORITY_HOST,
  CLIENT_ID,
  TENANT_ID,
  USERNAME,
  startFakeEntra,
  type FakeEntra,
} from '../../support/fake-entra';
import { FakeSecureStorage } from '../auth/fake-secure-storage';
import { startFakeGraph } from '../../support/fake-graph';
import { HOST_SCRIPT_DIR, STUB_MODULE_ROOT } from '../powershell/real-host';

// The real-tenant path end to end without Microsoft's cloud: MSAL against the fake Entra on
// 127.0.0.1, the real pwsh running EasHost.ps1 with the stub ExchangeOnlineManagement module,
// and a per-test loopback Graph (test/support/fake-graph.ts, shared with the e2e walk of "Test
// connection"). The production URLs are kept (login.microsoftonline.com, graph.microsoft.com); only
// the injected fetch routes them to the local servers, exactly where Electron would put net.fetch.

const GRAPH_HOST = 'https://graph.microsoft.com';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startGraph(entra: FakeEntra) {
  // The operator's token may read sign-ins, but (as on many first days) they hold no Entra role for them.
  const graph = await startFakeGraph({ entra, signInLogs: 'no-role' });
  cleanups.push(() => graph.close());
  return graph;
}

interface Rig {
  entra: FakeEntra;
  graph: Awaited<ReturnType<typeof startGraph>>;
  access: TenantAccess;
  statuses: AuthStatusView[];
  dataDir: string;
  browserOpened: string[];
}

async function rig(options: { secureStorage?: SecureStoragePort; browser?: boolean } = {}): Promise<Rig> {
  const entra = await startFakeEntra({ devicePendingPolls: 2 });
  cleanups.push(() => entra.close());
  const graph = await startGraph(entra);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'eas-tenant-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const statuses: AuthStatusView[] = [];
  const browserOpened: string[] = [];
  const endpoints: TenantEndpoints = {
    authorityHost: AUTHORITY_HOST,
    graphBaseUrl: GRAPH_HOST,
    msalMetadata: {
      authorityMetadata: entra.authorityMetadata,
      cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
    },
  };
  // Settings name the PowerShell by the id main offers for it, never by path.
  const pwsh = discoverPowerShell({ setting: process.env.EAS_PWSH ?? null }).path;
  const installs = new PowerShellInstalls({ discovery: { env: { PATH: path.dirname(pwsh) }, homeDir: dataDir } });
  const access = new TenantAccess({
    dataDir,
    powershellInstalls: installs,
    ports: {
      fetch: (url, init) =>
        url.startsWith(`${GRAPH_HOST}/`)
          ? fetch(graph.origin + url.slice(GRAPH_HOST.length), init)
          : entra.fetch(url, init),
      openBrowser: async (url) => {
        browserOpened.push(url);
        if (options.browser !== false) await entra.browser(url);
      },
      secureStorage: options.secureStorage ?? new FakeSecureStorage(),
      hostScriptDir: HOST_SCRIPT_DIR,
    },
    endpoints,
    shellEnv: { PSModulePath: STUB_MODULE_ROOT },
    onAuthStatus: (status) => statuses.push(status),
  });
  cleanups.push(() => access.dispose());
  const [install] = await installs.list();
  await access.saveSettings({ clientId: CLIENT_ID, tenant: TENANT_ID, powershellInstallId: install!.id });
  return { entra, graph, access, statuses, dataDir, browserOpened };
}

/** Waits for a pushed status, looking only at those pushed from index `from` on. */
async function until(
  statuses: AuthStatusView[],
  state: AuthStatusView['state'],
  from = 0,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = statuses.slice(from).find((s) => s.state === state);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no "${state}" status; saw ${statuses.map((s) => s.state).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('a real tenant through openTenantConnection (fake Entra, real pwsh, loopback Graph)', () => {
  it('signs in once in the browser, connects Exchange with the token, runs Get-CASMailbox and reads Graph', async () => {
    const { access, statuses, entra, graph, browserOpened, dataDir } = await rig();

    expect(await access.beginSignIn('interactive')).toMatchObject({
      state: 'signing-in',
      method: 'interactive',
    });
    const signedIn = await until(statuses, 'signed-in');
    expect(signedIn).toEqual({
      state: 'signed-in',
      account: expect.objectContaining({ username: USERNAME, tenantId: TENANT_ID }),
    });

    const connection: TenantConnection = await access.openTenant(TENANT_ID);
    cleanups.push(() => connection.close());
    expect(connection.kind).toBe('tenant');

    // The Connect step asks to sign in; the settings screen's sign-in is reused, no second browser.
    const account = await connection.auth.signIn({ method: 'interactive' });
    expect(account.username).toBe(USERNAME);
    expect(browserOpened).toHaveLength(1);

    const ready = await connection.shell.start();
    expect(ready.host.kind).not.toBe('demo');
    expect(await connection.exchangeConnection.checkPrerequisites()).toMatchObject({ ok: true });
    const state = await connection.exchangeConnection.connect();
    // 'token', not the interactive fallback: the stub refuses interactive sign-in in tests.
    expect(state).toMatchObject({ state: 'connected', method: 'token', userPrincipalName: USERNAME });
    expect(entra.issued.some((t) => t.resource === 'exchange')).toBe(true);

    // Rights by capability, from the stub's role entries: its helpdesk roles grant everything the
    // wizard runs; a role without -ActiveSyncBlockedDeviceIDs is named for exactly that.
    const rightsOf = async (who: string) =>
      judgeExchangeCapabilities({ entries: await readRoleEntries(connection.exchangeConnection, roleNames(await readAssignedRoles(connection.exchangeConnection, who))) });
    expect(await rightsOf(USERNAME)).toMatchObject({ missing: [], canWrite: true });
    expect((await rightsOf('noblock@contoso.com')).missing.map((m) => m.text)).toEqual(['Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.']);

    const cas = await connection.exchange.getCasMailbox('alex@contoso.com');
    expect(cas).toMatchObject({ ActiveSyncEnabled: true });

    const user = (await connection.graph.get('/users/alex%40contoso.com')) as { userPrincipalName: string };
    expect(user.userPrincipalName).toBe('alex@contoso.com');
    const graphToken = String(graph.seen.at(-1)?.headers.authorization).replace(/^Bearer /, '');
    expect(entra.issued.find((t) => t.token === graphToken)?.resource).toBe('graph');

    // No token reaches the data folder in the clear: settings.json has none, the cache is ciphertext.
    const files = await allFiles(dataDir);
    expect(files.map((f) => path.relative(dataDir, f)).sort()).toEqual([
      path.join('auth', 'token-cache.bin'),
      'settings.json',
    ]);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      for (const { token } of entra.issued) expect(text).not.toContain(token);
      expect(text).not.toMatch(/refresh|secret/i);
    }
    const diagnostics = connection.shell.diagnostics().join('\n');
    for (const { token } of entra.issued) expect(diagnostics).not.toContain(token);
  });

  it('"Test connection" signs in, connects Exchange, lists the rights and reads one policy and one sign-in, in plain words', async () => {
    const { access } = await rig();
    const connection = await access.openTenant(TENANT_ID);
    cleanups.push(() => connection.close());
    const lines = await testConnection(connection);
    expect(lines.map((l) => `${l.label}: ${l.outcome}`)).toEqual([
      'Sign-in: ok',
      'Exchange Online: ok',
      `What you can do: ${lines[2]!.outcome}`,
      'A Conditional Access policy: ok',
      'A sign-in: unavailable',
    ]);
    expect(lines[0]!.detail).toBe(`Signed in as ${USERNAME}.`);
    expect(lines[1]!.detail).toMatch(/ExchangeOnlineManagement 3\.9\.2/);
    // The stub's helpdesk roles grant every Exchange capability; only Graph gaps may remain.
    expect(lines[2]!.detail).not.toMatch(/Set-CASMailbox|Get-/);
    expect(lines[4]!.detail).not.toBe('');
  });

  it('signs in with a device code, pushing the code to the UI before Entra approves it', async () => {
    const { access, statuses, browserOpened } = await rig();
    await access.beginSignIn('device-code');
    const signedIn = await until(statuses, 'signed-in');
    const withCode = statuses.find((s) => s.state === 'signing-in' && s.deviceCode !== undefined);
    expect(withCode).toMatchObject({
      method: 'device-code',
      deviceCode: { userCode: 'ABCD-EFGH', verificationUri: 'https://microsoft.com/devicelogin' },
    });
    expect(statuses.indexOf(withCode!)).toBeLessThan(statuses.indexOf(signedIn));
    expect(browserOpened).toEqual([]);
  });

  it('keeps the sign-in in memory only where no protected storage exists, and says so', async () => {
    const { access, statuses, dataDir } = await rig({ secureStorage: createMemoryOnlyStorage() });
    const view = await access.getSettings();
    expect(view.tokenStorage).toMatchObject({
      persisted: false,
      reason: expect.stringMatching(/memory only/),
    });
    await access.beginSignIn('interactive');
    await until(statuses, 'signed-in');
    expect((await allFiles(dataDir)).map((f) => path.basename(f))).toEqual(['settings.json']);
  });

  it('cancels a browser sign-in that nobody finishes when the operator signs out', async () => {
    const { access, statuses } = await rig({ browser: false });
    await access.beginSignIn('interactive');
    await expect(access.beginSignIn('device-code')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await access.signOut()).toEqual({ state: 'signed-out' });
    const last = statuses.at(-1);
    expect(last?.state).toBe('signed-out');
    // A fresh sign-in can start at once and completes: the cancelled one left nothing behind.
    const from = statuses.length;
    expect(await access.beginSignIn('device-code')).toMatchObject({ state: 'signing-in' });
    expect(await until(statuses, 'signed-in', from)).toMatchObject({ account: { username: USERNAME } });
  });
});
