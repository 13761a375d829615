import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID_MESSAGE,
  TENANT_MESSAGE,
  validateSettingsDraft,
} from '../../../src-main/shared/models/settings';

const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('settings validation', () => {
  it('accepts a client id with a tenant id, a domain or "organizations", trimming spaces', () => {
    for (const tenant of [
      '11111111-2222-3333-4444-555555555555',
      'contoso.onmicrosoft.com',
      'organizations',
    ]) {
      const result = validateSettingsDraft({ clientId: ` ${CLIENT_ID} `, tenant: ` ${tenant}` });
      expect(result).toEqual({
        ok: true,
        value: { clientId: CLIENT_ID, tenant, requestDirectoryReadAll: false },
      });
    }
  });

  it('refuses a client id that is not a GUID with where to find the right one', () => {
    for (const clientId of [
      '',
      'ActiveSync Troubleshooter',
      `${CLIENT_ID}0`,
      CLIENT_ID.replaceAll('-', ''),
    ]) {
      const result = validateSettingsDraft({ clientId, tenant: 'contoso.com' });
      expect(result).toEqual({ ok: false, errors: { clientId: CLIENT_ID_MESSAGE } });
    }
    expect(CLIENT_ID_MESSAGE).toMatch(/Application \(client\) ID/);
  });

  it('refuses "common" and "consumers", which let personal accounts in, and shapes that are no tenant', () => {
    for (const tenant of ['common', 'Consumers']) {
      const result = validateSettingsDraft({ clientId: CLIENT_ID, tenant });
      expect(result.ok ? '' : result.errors.tenant).toMatch(/personal Microsoft accounts/);
    }
    for (const tenant of ['', 'contoso', 'https://contoso.com', 'a b.com']) {
      expect(validateSettingsDraft({ clientId: CLIENT_ID, tenant })).toEqual({
        ok: false,
        errors: { tenant: TENANT_MESSAGE },
      });
    }
  });

  it('checks the optional port and PowerShell install id, treating an empty id as not set', () => {
    const base = { clientId: CLIENT_ID, tenant: 'contoso.com' };
    expect(validateSettingsDraft({ ...base, redirectPort: 80 })).toMatchObject({
      ok: false,
      errors: { redirectPort: expect.stringMatching(/1024 to 65535/) },
    });
    expect(validateSettingsDraft({ ...base, redirectPort: 8400.5 })).toMatchObject({ ok: false });
    expect(validateSettingsDraft({ ...base, redirectPort: 8400 })).toMatchObject({
      ok: true,
      value: { redirectPort: 8400 },
    });
    expect(validateSettingsDraft({ ...base, powershellInstallId: '/usr/bin/pwsh' })).toMatchObject({
      ok: false,
      errors: { powershellInstallId: expect.stringMatching(/Choose one of the PowerShell installs/) },
    });
    expect(validateSettingsDraft({ ...base, powershellInstallId: '  ' })).toEqual({
      ok: true,
      value: { ...base, requestDirectoryReadAll: false },
    });
    expect(validateSettingsDraft({ ...base, powershellInstallId: 'ps-0123456789abcdef' })).toMatchObject({
      ok: true,
      value: { powershellInstallId: 'ps-0123456789abcdef' },
    });
    // The path is main's to fill in: a draft that carries one is refused.
    expect(validateSettingsDraft({ ...base, powershellPath: '/bin/sh' } as never)).toMatchObject({ ok: false });
  });

  it('refuses any field it does not know, so nothing else (a token) can be saved with the settings', () => {
    const result = validateSettingsDraft({
      clientId: CLIENT_ID,
      tenant: 'contoso.com',
      accessToken: 'eyJ0',
    } as never);
    expect(result.ok).toBe(false);
  });
});
