import { describe, expect, it } from 'vitest';
import { buildAuthConfig } from '../../../src-main/services/auth/auth-config';
import { toSignInError } from '../../../src-main/services/auth/msal-error-mapping';
import { REQUIRED_PERMISSIONS } from '../../../src-main/shared/models/auth-setup';

const clientId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('buildAuthConfig', () => {
  it('requests the listed Graph permissions and an Exchange Online token', () => {
    const config = buildAuthConfig({ clientId, tenant: 'contoso.onmicrosoft.com' });
    expect(config.authority).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com');
    expect(config.scopes.graph).toEqual([
      'https://graph.microsoft.com/Policy.Read.All',
      'https://graph.microsoft.com/AuditLog.Read.All',
      'https://graph.microsoft.com/GroupMember.Read.All',
      'https://graph.microsoft.com/User.Read.All',
    ]);
    expect(config.scopes.exchange).toEqual(['https://outlook.office365.com/.default']);
    expect(config.extraScopesToConsent).toEqual(['https://outlook.office365.com/Exchange.Manage']);
  });

  it('adds Directory.Read.All only when the setting asks for it', () => {
    const config = buildAuthConfig({ clientId, tenant: 'organizations', requestDirectoryReadAll: true });
    expect(config.scopes.graph).toContain('https://graph.microsoft.com/Directory.Read.All');
  });

  it('rejects settings that cannot work', () => {
    expect(() => buildAuthConfig({ clientId: 'not-a-guid', tenant: 'contoso.com' })).toThrow();
    expect(() => buildAuthConfig({ clientId, tenant: 'common' })).toThrow();
    expect(() => buildAuthConfig({ clientId, tenant: 'https://evil.example/x' })).toThrow();
  });

  it('lists every scope it requests on the first-run screen', () => {
    const shown = REQUIRED_PERMISSIONS.map((p) => p.name);
    const config = buildAuthConfig({ clientId, tenant: 'organizations', requestDirectoryReadAll: true });
    for (const scope of [...config.scopes.graph, ...config.extraScopesToConsent]) {
      expect(shown).toContain(scope.split('/').pop());
    }
  });
});

describe('toSignInError', () => {
  it('maps MSAL interaction-required codes to "sign in again" and keeps only the first line of Entra text', () => {
    expect(toSignInError({ name: 'InteractionRequiredAuthError', errorCode: 'x' }).reason).toBe(
      'sign-in-required',
    );
    expect(toSignInError({ errorCode: 'invalid_grant' }).reason).toBe('sign-in-required');
    const failed = toSignInError({
      errorCode: 'invalid_client',
      errorMessage: 'AADSTS7000218: bad.\r\nTrace ID: 1',
    });
    expect(failed.reason).toBe('failed');
    expect(failed.message).toContain('AADSTS7000218: bad.');
    expect(failed.message).not.toContain('Trace ID');
  });
});
