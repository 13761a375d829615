/**
 * The app's sign-in interface. MSAL (real tenants) and the demo identity provider (the embedded
 * demo tenant) both implement it, so every caller runs the same code path in both.
 * Tokens returned here live in memory only; they are never logged or written to disk.
 */

/** The two resources the wizard calls: Microsoft Graph and Exchange Online PowerShell. */
export type TokenResource = 'graph' | 'exchange';

export interface SignedInAccount {
  username: string;
  name?: string;
  tenantId: string;
  homeAccountId: string;
}

export interface AccessToken {
  token: string;
  expiresOn: Date;
  scopes: string[];
}

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  message: string;
  expiresOn: Date;
}

export interface SignInOptions {
  method: 'interactive' | 'device-code';
  signal?: AbortSignal;
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
}

export type AuthStatus =
  | { state: 'signed-out' }
  | { state: 'signing-in'; method: SignInOptions['method'] }
  | { state: 'signed-in'; account: SignedInAccount };

/** Whether sign-in survives a restart (encrypted on disk) or lives in memory only, and why. */
export type TokenStorageDescription = { persisted: true } | { persisted: false; reason: string };

export interface AuthService {
  status(): Promise<AuthStatus>;
  signIn(options: SignInOptions): Promise<SignedInAccount>;
  /** A valid token for the resource, refreshed silently when needed. */
  getToken(resource: TokenResource, options?: { forceRefresh?: boolean }): Promise<AccessToken>;
  signOut(): Promise<void>;
  /** Optional: how the sign-in is stored, for the settings screen. Services without a disk cache omit it. */
  describeTokenStorage?(): Promise<TokenStorageDescription>;
}
