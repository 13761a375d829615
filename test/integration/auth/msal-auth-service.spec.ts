import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAuthConfig } from '../../../src-main/services/auth/auth-config';
import { SignInError } from '../../../src-main/services/auth/auth-errors';
import type { DeviceCodePrompt } from '../../../src-main/services/auth/auth-service';
import { createCacheFile } from '../../../src-main/services/auth/cache-file';
import { EncryptedCachePlugin } from '../../../src-main/services/auth/encrypted-cache-plugin';
import {
  MsalAuthService,
  type MsalAuthServiceOptions,
} from '../../../src-main/services/auth/msal-auth-service';
import {
  CLIENT_ID,
  TENANT_ID,
  USERNAME,
  startFakeEntra,
  type FakeEntra,
  type FakeEntraOptions,
} from '../../support/fake-entra';
import { FakeSecureStorage } from './fake-secure-storage';

let entra: FakeEntra;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'eas-auth-'));
});
afterEach(async () => {
  await entra?.close();
  await rm(dir, { recursive: true, force: true });
});

async function setUp(fake: FakeEntraOptions = {}, overrides: Partial<MsalAuthServiceOptions> = {}) {
  entra = await startFakeEntra(fake);
  const storage = new FakeSecureStorage();
  const cacheFile = path.join(dir, 'token-cache.bin');
  const makeService = (extra: Partial<MsalAuthServiceOptions> = {}) =>
    new MsalAuthService({
      config: buildAuthConfig({ clientId: CLIENT_ID, tenant: TENANT_ID }),
      fetch: entra.fetch,
      openBrowser: entra.browser,
      cachePlugin: new EncryptedCachePlugin(storage, createCacheFile(cacheFile)),
      authorityMetadata: entra.authorityMetadata,
      cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
      ...overrides,
      ...extra,
    });
  return { storage, cacheFile, makeService, service: makeService() };
}

describe('MsalAuthService against a fake Entra on 127.0.0.1', () => {
  it('signs in through the system browser and the loopback redirect', async () => {
    const { service } = await setUp();
    const account = await service.signIn({ method: 'interactive' });
    expect(account).toMatchObject({ username: USERNAME, tenantId: TENANT_ID });
    expect(entra.grants['authorization_code']).toBe(1);
    expect(await service.status()).toEqual({ state: 'signed-in', account });
    const authorize = entra.requestedUrls.find((u) => u.includes('/authorize'));
    expect(authorize).toBeUndefined(); // the browser, not MSAL's fetch, opened the authorize page
  });

  it('consents once and gets Graph and Exchange tokens without another prompt', async () => {
    await setUp();
    let browserOpened = 0;
    const counted = new MsalAuthService({
      config: buildAuthConfig({ clientId: CLIENT_ID, tenant: TENANT_ID }),
      fetch: entra.fetch,
      openBrowser: async (url) => {
        browserOpened++;
        const scope = new URL(url).searchParams.get('scope') ?? '';
        expect(scope).toContain('https://graph.microsoft.com/Policy.Read.All');
        expect(scope).toContain('https://outlook.office365.com/Exchange.Manage');
        await entra.browser(url);
      },
      authorityMetadata: entra.authorityMetadata,
      cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
    });
    await counted.signIn({ method: 'interactive' });
    const graph = await counted.getToken('graph');
    const exchange = await counted.getToken('exchange');
    expect(browserOpened).toBe(1);
    expect(entra.issued.find((t) => t.token === graph.token)?.resource).toBe('graph');
    expect(entra.issued.find((t) => t.token === exchange.token)?.resource).toBe('exchange');
    expect(exchange.expiresOn.getTime()).toBeGreaterThan(Date.now());
  });

  it('signs in with a device code, showing the code while Entra says "pending"', async () => {
    const { service } = await setUp({ devicePendingPolls: 3 });
    const prompts: DeviceCodePrompt[] = [];
    const account = await service.signIn({ method: 'device-code', onDeviceCode: (p) => prompts.push(p) });
    expect(account.username).toBe(USERNAME);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://microsoft.com/devicelogin',
    });
    expect(entra.grants['device_code']).toBe(4);
  });

  it('reports a device code refused by Entra (e.g. blocked by Conditional Access) in plain words', async () => {
    const { service } = await setUp({ devicePendingPolls: 0, deviceCodeError: 'access_denied' });
    const error = await service.signIn({ method: 'device-code' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).reason).toBe('device-code-rejected');
    expect((error as SignInError).message).toMatch(/Sign in with browser/);
    expect(await service.status()).toEqual({ state: 'signed-out' });
  });

  it('returns the cached token while it is valid, and refreshes silently once it expires', async () => {
    // 200 s is inside MSAL's 5-minute renewal window, so every cached token counts as expiring.
    const shortLived = await setUp({ accessTokenLifetimeSeconds: 200 });
    await shortLived.service.signIn({ method: 'interactive' });
    const first = await shortLived.service.getToken('graph');
    const second = await shortLived.service.getToken('graph');
    expect(second.token).not.toBe(first.token);
    expect(entra.grants['refresh_token']).toBe(2);
    await entra.close();

    const longLived = await setUp({ accessTokenLifetimeSeconds: 3600 });
    await longLived.service.signIn({ method: 'interactive' });
    const a = await longLived.service.getToken('graph');
    const b = await longLived.service.getToken('graph');
    expect(b.token).toBe(a.token);
    expect(entra.grants['refresh_token'] ?? 0).toBe(0);
    const forced = await longLived.service.getToken('graph', { forceRefresh: true });
    expect(forced.token).not.toBe(a.token);
    expect(entra.grants['refresh_token']).toBe(1);
  });

  it('asks for a new sign-in when the refresh token was revoked', async () => {
    const { service } = await setUp({ accessTokenLifetimeSeconds: 200 });
    await service.signIn({ method: 'interactive' });
    entra.revokeRefreshTokens();
    const error = await service.getToken('graph').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).reason).toBe('sign-in-required');
  });

  it('keeps the sign-in across restarts only as ciphertext, through the secure-storage port', async () => {
    const { service, makeService, cacheFile, storage } = await setUp();
    await service.signIn({ method: 'interactive' });
    const graph = await service.getToken('graph');
    const onDisk = await readFile(cacheFile);
    expect(onDisk.includes(Buffer.from(graph.token))).toBe(false);
    expect(onDisk.includes(Buffer.from(USERNAME))).toBe(false);
    expect(storage.encryptCalls).toBeGreaterThan(0);
    if (process.platform !== 'win32') expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);

    const restarted = makeService();
    expect(await restarted.status()).toMatchObject({ state: 'signed-in', account: { username: USERNAME } });
    expect((await restarted.getToken('graph')).token).toBe(graph.token);
    expect(entra.grants['authorization_code']).toBe(1);

    await restarted.signOut();
    expect(await restarted.status()).toEqual({ state: 'signed-out' });
    await expect(readFile(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await makeService().status()).toEqual({ state: 'signed-out' });
  });

  it('refuses to write the cache where only plaintext storage exists', async () => {
    const { service, makeService, cacheFile, storage } = await setUp();
    storage.available = false;
    await service.signIn({ method: 'interactive' });
    await service.getToken('graph');
    await expect(readFile(cacheFile)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(storage.encryptCalls).toBe(0);
    expect(await service.describeTokenStorage()).toMatchObject({ persisted: false });
    expect(await makeService().status()).toEqual({ state: 'signed-out' });
  });

  it('cancels a browser sign-in that was never completed and frees the loopback port', async () => {
    let redirect: URL | undefined;
    const { service } = await setUp(
      {},
      {
        openBrowser: async (url) => {
          redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
        },
      },
    );
    const controller = new AbortController();
    const pending = service.signIn({ method: 'interactive', signal: controller.signal });
    await waitFor(() => redirect !== undefined);
    expect(await service.status()).toEqual({ state: 'signing-in', method: 'interactive' });
    await expect(service.signIn({ method: 'interactive' })).rejects.toMatchObject({ reason: 'in-progress' });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ reason: 'cancelled' });
    expect(await service.status()).toEqual({ state: 'signed-out' });
    await waitFor(async () => !(await isListening(redirect!)));
    // A fresh attempt works after the cancel.
    const again = new MsalAuthService({
      config: buildAuthConfig({ clientId: CLIENT_ID, tenant: TENANT_ID }),
      fetch: entra.fetch,
      openBrowser: entra.browser,
      authorityMetadata: entra.authorityMetadata,
      cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
    });
    await expect(again.signIn({ method: 'interactive' })).resolves.toMatchObject({ username: USERNAME });
  });

  it('gives up on a browser sign-in after its own timeout', async () => {
    let redirect: URL | undefined;
    const { service } = await setUp(
      {},
      {
        interactiveTimeoutMs: 300,
        openBrowser: async (url) => {
          redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
        },
      },
    );
    await expect(service.signIn({ method: 'interactive' })).rejects.toMatchObject({ reason: 'timed-out' });
    await waitFor(async () => !(await isListening(redirect!)));
  });

  it('cancels and times out a device-code sign-in that is never approved', async () => {
    const { service } = await setUp({ deviceCodeNeverApproved: true });
    const controller = new AbortController();
    const pending = service.signIn({
      method: 'device-code',
      signal: controller.signal,
      onDeviceCode: () => setTimeout(() => controller.abort(), 100),
    });
    await expect(pending).rejects.toMatchObject({ reason: 'cancelled' });

    const timed = await setUp({ deviceCodeNeverApproved: true }, { deviceCodeTimeoutMs: 300 });
    await expect(timed.service.signIn({ method: 'device-code' })).rejects.toMatchObject({
      reason: 'timed-out',
    });
  });

  it('sends identity traffic only to the configured authority', async () => {
    const { service } = await setUp();
    await service.signIn({ method: 'interactive' });
    await service.getToken('exchange');
    expect(entra.requestedUrls.length).toBeGreaterThan(0);
    for (const url of entra.requestedUrls)
      expect(url.startsWith(`https://login.microsoftonline.com/${TENANT_ID}/`)).toBe(true);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function isListening(redirect: URL): Promise<boolean> {
  const url = new URL(redirect);
  url.hostname = '127.0.0.1';
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}
