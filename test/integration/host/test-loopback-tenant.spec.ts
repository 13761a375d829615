import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loopbackTenantWiring,
  parseTestLoopbackTenant,
  TEST_LOOPBACK_TENANT_ENV,
} from '../../../src-main/host/test-loopback-tenant';
import { startFakeEntra, type FakeEntra } from '../../support/fake-entra';
import { json, serve } from '../../support/tiny-server';

// The browser host's test-only route to loopback fakes: what it accepts, and that whatever it is
// given, nothing it sends can leave 127.0.0.1.

const MODULES = path.resolve('test/fixtures/powershell');
let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());

const valid = () => ({
  entraOrigin: entra.origin,
  graphOrigin: 'http://127.0.0.1:9',
  authorityMetadata: entra.authorityMetadata,
  cloudDiscoveryMetadata: entra.cloudDiscoveryMetadata,
  psModulePath: MODULES,
});

describe(TEST_LOOPBACK_TENANT_ENV, () => {
  it('accepts the fakes the e2e starts', () => {
    expect(parseTestLoopbackTenant(JSON.stringify(valid()))).toEqual(valid());
  });

  it.each([
    ['an https authority', { entraOrigin: 'https://login.microsoftonline.com' }, /entraOrigin/],
    ['a remote host', { graphOrigin: 'http://graph.example.com:80' }, /graphOrigin/],
    ['a LAN address', { entraOrigin: 'http://10.0.0.5:8080' }, /entraOrigin/],
    ['a path after the port', { entraOrigin: `http://127.0.0.1:8080/evil` }, /entraOrigin/],
    ['credentials in the origin', { graphOrigin: 'http://user@127.0.0.1:8080' }, /graphOrigin/],
    ['a loopback origin without a port', { entraOrigin: 'http://127.0.0.1' }, /entraOrigin/],
    ['discovery pointing elsewhere', { authorityMetadata: JSON.stringify({ token_endpoint: 'https://evil.example/token' }) }, /authorityMetadata/],
    ['a module folder that does not exist', { psModulePath: path.resolve('no/such/folder') }, /psModulePath/],
    ['a relative module folder', { psModulePath: 'test/fixtures/powershell' }, /psModulePath/],
    ['an unknown key', { authority: 'https://evil.example' }, /Unrecognized key/],
  ])('refuses %s', (_what, change, problem) => {
    expect(() => parseTestLoopbackTenant(JSON.stringify({ ...valid(), ...change }))).toThrow(problem);
  });

  it('refuses a value that is not JSON', () => {
    expect(() => parseTestLoopbackTenant('login.microsoftonline.com')).toThrow(/is not JSON/);
  });

  it('keeps Microsoft’s URLs for MSAL and sends only them, to the loopback fakes; anything else is refused', async () => {
    const graph = await serve((req, res) => json(res, 200, { path: req.url }));
    try {
      const wiring = loopbackTenantWiring(parseTestLoopbackTenant(JSON.stringify({ ...valid(), graphOrigin: graph.origin })));
      expect(wiring.endpoints).toMatchObject({ authorityHost: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com' });
      expect(wiring.shellEnv).toEqual({ PSModulePath: MODULES });
      const tenant = '11111111-2222-3333-4444-555555555555';
      const discovery = await wiring.fetch(`https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`, {});
      expect(await discovery.json()).toMatchObject({ token_endpoint: expect.stringContaining('https://login.microsoftonline.com/') });
      expect(await (await wiring.fetch('https://graph.microsoft.com/v1.0/me', {})).json()).toEqual({ path: '/v1.0/me' });
      await expect(wiring.fetch('https://login.microsoftonline.com.evil.example/x', {})).rejects.toThrow(/refuses a request to login\.microsoftonline\.com\.evil\.example/);
      await expect(wiring.fetch('https://outlook.office365.com/x', {})).rejects.toThrow(/refuses/);
      expect(wiring.isSignInPage(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize?x=1`)).toBe(true);
      expect(wiring.isSignInPage('https://evil.example/authorize')).toBe(false);
    } finally {
      await graph.close();
    }
  });
});

describe('the built browser host with a bad test option', () => {
  const bundle = path.resolve('out/host/host.cjs');
  it('stops at once and says why, instead of reaching Microsoft', () => {
    if (!existsSync(bundle)) throw new Error('out/host/host.cjs is missing: run `npm run build` first.');
    const result = spawnSync(process.execPath, [bundle, '--json', '--no-open'], {
      env: { ...process.env, CI: '1', [TEST_LOOPBACK_TENANT_ENV]: JSON.stringify({ ...valid(), entraOrigin: 'https://login.microsoftonline.com' }) },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/could not start: EAS_TEST_ONLY_LOOPBACK_TENANT is not valid: entraOrigin/);
    expect(result.stdout).toBe('');
  });

  it('is read by the browser host only, never by the Electron app', () => {
    const electron = readdirSync('src-main/electron', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join('src-main/electron', file), 'utf8'));
    expect(electron.length).toBeGreaterThan(5);
    for (const source of electron) {
      expect(source).not.toContain('test-loopback-tenant');
      expect(source).not.toContain(TEST_LOOPBACK_TENANT_ENV);
    }
  });
});
