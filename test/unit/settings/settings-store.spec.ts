import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../src-renderer/features/settings/settings-store';
import { CLIENT_ID_MESSAGE } from '../../../src-main/shared/models/settings';
import { createFakeApi, deferred, failure, ok } from '../renderer/support/fake-api';

const VIEW = { settings: null, signInAvailable: true, tokenStorage: { persisted: true as const } };
const REQUIREMENTS = { explanation: ['x'], permissions: [], roles: [], redirectUris: ['http://localhost'] };

describe('the renderer settings store', () => {
  it('refuses a bad client id with the shared message before calling the main process', async () => {
    const fake = createFakeApi();
    const store = createSettingsStore(fake.api);
    expect(await store.getState().save({ clientId: 'nope', tenant: 'contoso.com' })).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ clientId: CLIENT_ID_MESSAGE });
    expect(fake.callsOf('saveSettings')).toEqual([]);
  });

  it('keeps a pushed sign-in result that arrives before the sign-in call answers', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    const fake = createFakeApi({
      getSettings: () => ok(VIEW),
      getSetupRequirements: () => ok(REQUIREMENTS),
      getAuthStatus: () => ok({ state: 'signed-out' as const }),
      signIn: () => answer.promise as never,
    });
    const store = createSettingsStore(fake.api);
    await store.getState().load();
    const signing = store.getState().signIn('device-code');
    fake.emit('onAuthStatus', { state: 'signed-in', account: { username: 'op@contoso.com', tenantId: 't' } });
    answer.resolve(ok({ state: 'signing-in', method: 'device-code' }));
    await signing;
    expect(store.getState().auth).toEqual({
      state: 'signed-in',
      account: { username: 'op@contoso.com', tenantId: 't' },
    });
  });

  it('runs "Test connection" and keeps its lines, or says why it could not run', async () => {
    const lines = [{ label: 'Sign-in', outcome: 'ok' as const, detail: 'Signed in as op@contoso.com.' }];
    const fake = createFakeApi({ testConnection: () => ok({ lines }) });
    const store = createSettingsStore(fake.api);
    const running = store.getState().testConnection();
    expect(store.getState().connectionTest.running).toBe(true);
    await running;
    expect(store.getState().connectionTest).toEqual({ running: false, lines, error: null });
    const failing = createFakeApi({ testConnection: () => failure('UNAVAILABLE', 'Sign-in is not set up yet.') });
    const other = createSettingsStore(failing.api);
    await other.getState().testConnection();
    expect(other.getState().connectionTest).toEqual({ running: false, lines: null, error: 'Sign-in is not set up yet.' });
  });
});
