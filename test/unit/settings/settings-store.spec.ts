import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../src-renderer/features/settings/settings-store';
import { CLIENT_ID_MESSAGE } from '../../../src-main/shared/models/settings';
import { createFakeApi, deferred, ok } from '../renderer/support/fake-api';

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
});
