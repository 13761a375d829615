import { describe, expect, it } from 'vitest';
import { signInCancelled } from '../../../src-main/services/auth/auth-errors';
import type { AuthService, AuthStatus, SignInOptions } from '../../../src-main/services/auth/auth-service';
import { TenantSignIn } from '../../../src-main/services/settings/tenant-sign-in';
import type { AppSettings, AuthStatusView } from '../../../src-main/shared/models/settings';

const SETTINGS: AppSettings = {
  clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  tenant: 'contoso.onmicrosoft.com',
  requestDirectoryReadAll: false,
};

/** An AuthService whose sign-in the test finishes by hand (MSAL is tested against a fake Entra elsewhere). */
class ManualAuth implements AuthService {
  signedIn = false;
  signedOut = 0;
  lastOptions: SignInOptions | undefined;
  private finish: (() => void) | undefined;
  constructor(readonly settings: AppSettings) {}
  async status(): Promise<AuthStatus> {
    return this.signedIn
      ? { state: 'signed-in', account: { username: 'op@contoso.com', tenantId: 't', homeAccountId: 'h' } }
      : { state: 'signed-out' };
  }
  signIn(options: SignInOptions) {
    this.lastOptions = options;
    return new Promise<{ username: string; tenantId: string; homeAccountId: string }>((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(signInCancelled()));
      this.finish = () => {
        this.signedIn = true;
        resolve({ username: 'op@contoso.com', tenantId: 't', homeAccountId: 'h' });
      };
    });
  }
  approve() {
    this.finish?.();
  }
  async getToken() {
    return { token: 'tok', expiresOn: new Date(Date.now() + 3_600_000), scopes: [] };
  }
  async signOut() {
    this.signedOut++;
    this.signedIn = false;
  }
}

function setUp() {
  const created: ManualAuth[] = [];
  const pushed: AuthStatusView[] = [];
  const signIn = new TenantSignIn({
    createAuth: (settings) => {
      const auth = new ManualAuth(settings);
      created.push(auth);
      return auth;
    },
    onStatus: (status) => pushed.push(status),
  });
  return { signIn, created, pushed };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the shared tenant sign-in', () => {
  it('is "not configured" without settings and refuses to start a sign-in', async () => {
    const { signIn } = setUp();
    await signIn.configure(null);
    expect(await signIn.view()).toEqual({ state: 'not-configured' });
    await expect(signIn.begin('interactive')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/client id and tenant/),
    });
  });

  it('answers "signing in" at once, pushes the device code, then the signed-in account', async () => {
    const { signIn, created, pushed } = setUp();
    await signIn.configure(SETTINGS);
    expect(await signIn.begin('device-code')).toEqual({ state: 'signing-in', method: 'device-code' });
    const auth = created[0]!;
    auth.lastOptions?.onDeviceCode?.({
      userCode: 'CODE-1',
      verificationUri: 'https://microsoft.com/devicelogin',
      message: 'm',
      expiresOn: new Date(0),
    });
    await tick();
    expect(pushed.at(-1)).toEqual({
      state: 'signing-in',
      method: 'device-code',
      deviceCode: {
        userCode: 'CODE-1',
        verificationUri: 'https://microsoft.com/devicelogin',
        message: 'm',
        expiresOn: '1970-01-01T00:00:00.000Z',
      },
    });
    await expect(signIn.begin('interactive')).rejects.toMatchObject({ code: 'CONFLICT' });
    auth.approve();
    await tick();
    expect(pushed.at(-1)).toEqual({
      state: 'signed-in',
      account: { username: 'op@contoso.com', tenantId: 't' },
    });
  });

  it('signing out cancels a waiting sign-in and reports why it ended', async () => {
    const { signIn, created, pushed } = setUp();
    await signIn.configure(SETTINGS);
    await signIn.begin('interactive');
    await signIn.signOut();
    await tick();
    expect(created[0]!.lastOptions?.signal?.aborted).toBe(true);
    expect(await signIn.view()).toEqual({ state: 'signed-out' });
    expect(pushed.at(-1)?.state).toBe('signed-out');
  });

  it('keeps the sign-in when only the PowerShell path changes, and signs out when the app registration changes', async () => {
    const { signIn, created } = setUp();
    await signIn.configure(SETTINGS);
    created[0]!.signedIn = true;
    await signIn.configure({ ...SETTINGS, powershellPath: '/usr/bin/pwsh' });
    expect(created).toHaveLength(1);
    expect((await signIn.view()).state).toBe('signed-in');
    await signIn.configure({ ...SETTINGS, requestDirectoryReadAll: true });
    expect(created).toHaveLength(2);
    expect(created[0]!.signedOut).toBe(0); // same registration: the cached sign-in is kept
    await signIn.configure({ ...SETTINGS, clientId: '11111111-2222-3333-4444-555555555555' });
    expect(created).toHaveLength(3);
    expect(created[1]!.signedOut).toBe(1);
  });
});
