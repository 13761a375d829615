import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { REQUIRED_PERMISSIONS, REQUIRED_ROLES } from '../../../src-main/shared/models/auth-setup';
import { createTestBackend } from '../../support/test-backend';

const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

function backendIn(dataDir: string) {
  return createTestBackend({
    paths: {
      dataDir,
      scenariosDir: path.resolve('assets/scenarios'),
      demoShellPath: path.resolve('out/demo-shell/demo-shell.cjs'),
    },
  });
}

function backend() {
  const app = createTestBackend();
  const pushed: Array<[string, unknown]> = [];
  app.events.attach((channel, payload) => pushed.push([channel, payload]));
  return { app, pushed, dispatch: createDispatcher(app.handlers).dispatch };
}

describe('settings, setup and auth channels (no sign-in in this runtime, as in the CLI)', () => {
  it('starts unconfigured and refuses a client id that is not a GUID with a tier-1 reason', async () => {
    const { dispatch, app } = backend();
    expect(await dispatch('settings:get', {})).toEqual({
      ok: true,
      value: {
        settings: null,
        signInAvailable: false,
        tokenStorage: { persisted: false, reason: expect.any(String) },
      },
    });
    const refused = await dispatch('settings:save', { clientId: 'my app', tenant: 'contoso.com' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/^The client id is a GUID/) },
    });
    await app.dispose();
  });

  it('saves valid settings to settings.json and nothing else, and refuses unknown fields', async () => {
    const { dispatch, app, pushed } = backend();
    const extra = await dispatch('settings:save', {
      clientId: CLIENT_ID,
      tenant: 'contoso.com',
      accessToken: 'eyJ0eXAi',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const saved = await dispatch('settings:save', {
      clientId: CLIENT_ID,
      tenant: 'contoso.com',
      redirectPort: 8400,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { settings: { clientId: CLIENT_ID, tenant: 'contoso.com', redirectPort: 8400 } },
    });
    expect(
      pushed.some(
        ([channel, payload]) =>
          channel === 'event:auth-status' && (payload as { state: string }).state === 'signed-out',
      ),
    ).toBe(true);
    expect(await dispatch('auth:status', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    expect(await dispatch('auth:sign-in', { method: 'interactive' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    await app.dispose();
  });

  it('lists the exact permissions and roles, and the redirect URIs for the saved port', async () => {
    const { dispatch, app } = backend();
    await dispatch('settings:save', { clientId: CLIENT_ID, tenant: 'contoso.com', redirectPort: 8400 });
    const result = await dispatch('setup:get-requirements', {});
    expect(result).toMatchObject({ ok: true });
    const value = (
      result as {
        value: { permissions: unknown[]; roles: unknown[]; redirectUris: string[]; explanation: string[] };
      }
    ).value;
    expect(value.permissions).toEqual(REQUIRED_PERMISSIONS);
    expect(value.roles).toEqual(REQUIRED_ROLES);
    expect(value.redirectUris).toEqual(['http://localhost', 'http://localhost:8400']);
    expect(value.explanation.length).toBeGreaterThan(3);
    await app.dispose();
  });

  it('a real-tenant case says what to set up instead of failing obscurely', async () => {
    const { dispatch, app } = backend();
    const result = await dispatch('case:start', {
      subject: { userUpn: 'alex@contoso.com', symptom: '' },
      connection: { kind: 'tenant', tenant: 'contoso.com' },
    });
    expect(result).toMatchObject({ ok: true });
    const caseId = (result as { value: { caseId: string } }).value.caseId;
    await dispatch('case:run-step', { caseId, stepId: 'connect' });
    let connect: { status: string; summary?: string } | undefined;
    for (let i = 0; i < 200; i++) {
      const view = (await dispatch('case:get', { caseId })) as {
        value: { steps: Array<{ id: string; status: string; summary?: string }> };
      };
      connect = view.value.steps.find((s) => s.id === 'connect');
      if (connect?.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(connect?.status).not.toBe('running');
    expect(JSON.stringify(connect)).toMatch(/open Settings, enter the client id and tenant/);
    await app.dispose();
  });
});

describe('settings survive a restart', () => {
  it('reads back the saved settings in a new backend over the same data folder', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'eas-data-'));
    const first = backendIn(dataDir);
    await createDispatcher(first.handlers).dispatch('settings:save', {
      clientId: CLIENT_ID,
      tenant: 'contoso.com',
    });
    const file = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8'));
    expect(file).toEqual({
      version: 1,
      settings: { clientId: CLIENT_ID, tenant: 'contoso.com', requestDirectoryReadAll: false },
    });
    const second = backendIn(dataDir);
    expect(await createDispatcher(second.handlers).dispatch('settings:get', {})).toMatchObject({
      ok: true,
      value: { settings: { clientId: CLIENT_ID, tenant: 'contoso.com' } },
    });
    await Promise.all([first.dispose(), second.dispose()]);
  });
});
