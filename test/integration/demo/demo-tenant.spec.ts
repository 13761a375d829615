import { afterEach, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../../src-main/services/demo/demo-tenant';
import { RawHost } from '../protocol/raw-host';
import { buildDemoShell } from './demo-shell-launch';

let tenant: DemoTenant | undefined;
let host: RawHost | undefined;
afterEach(async () => {
  await host?.dispose();
  await tenant?.close();
  host = undefined;
  tenant = undefined;
});

describe('startDemoTenant', () => {
  it('wires identity, Graph and the shell together: one sign-in serves both services', async () => {
    tenant = await startDemoTenant({
      scenario: 'ca-blocks-eas-group',
      shellScript: await buildDemoShell(),
      latency: 'instant',
    });
    const account = await tenant.identity.signIn({ method: 'interactive' });

    const graphToken = await tenant.identity.getToken('graph');
    const me = await fetch(`${tenant.graph.baseUrl}/v1.0/me`, {
      headers: { Authorization: `Bearer ${graphToken.token}` },
    });
    expect(((await me.json()) as { userPrincipalName: string }).userPrincipalName).toBe(account.username);

    host = RawHost.start(tenant.shell);
    await host.next(30_000);
    const exchangeToken = await tenant.identity.getToken('exchange');
    const connect = await host.request({
      id: 'c',
      cmdlet: 'Connect-ExchangeOnline',
      params: { AccessToken: exchangeToken.token, UserPrincipalName: account.username },
    });
    expect(connect.ok).toBe(true);
    const org = await host.request({ id: 'o', cmdlet: 'Get-OrganizationConfig', params: {} });
    expect((org.data as { DefaultAuthenticationPolicy: string }[])[0]?.DefaultAuthenticationPolicy).toBe(
      'Block Basic Auth',
    );

    // A Graph token is not an Exchange token: the shell refuses it as the real service would.
    const wrong = await host.request({
      id: 'w',
      cmdlet: 'Connect-ExchangeOnline',
      params: { AccessToken: graphToken.token, UserPrincipalName: account.username },
    });
    expect(wrong.ok).toBe(false);
  });

  it('runs the shell with the given Node and never asks Electron to act as Node (the runAsNode fuse is off)', async () => {
    tenant = await startDemoTenant({
      scenario: 'healthy-iphone',
      shellScript: '/opt/app/demo-shell.cjs',
      nodeExecutable: '/opt/node/bin/node',
    });
    expect(tenant.shell).toMatchObject({
      command: '/opt/node/bin/node',
      args: ['/opt/app/demo-shell.cjs', '--scenario', 'healthy-iphone'],
    });
    expect(tenant.shell.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
  });
});
