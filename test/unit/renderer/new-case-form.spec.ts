import { describe, expect, it } from 'vitest';
import { validateNewCaseForm, type NewCaseForm } from '../../../src-renderer/logic/new-case-form';

const base: NewCaseForm = {
  userUpn: 'alex.wilber@contoso.example',
  deviceId: '',
  symptom: 'No new mail since Monday',
  ticketRef: '',
  connection: 'demo',
  scenario: 'healthy-iphone',
  tenant: '',
};

describe('new case form', () => {
  it('builds the startCase request, leaving out empty optional fields', () => {
    expect(validateNewCaseForm({ ...base, userUpn: '  alex.wilber@contoso.example ' })).toEqual({
      ok: true,
      value: {
        subject: { userUpn: 'alex.wilber@contoso.example', symptom: 'No new mail since Monday' },
        connection: { kind: 'demo', scenario: 'healthy-iphone' },
      },
    });
  });

  it('keeps device id and ticket reference when given', () => {
    const result = validateNewCaseForm({ ...base, deviceId: 'SEC1A2B3C4D5E6F7A8', ticketRef: 'INC-4411' });
    expect(result.ok && result.value.subject).toMatchObject({
      deviceId: 'SEC1A2B3C4D5E6F7A8',
      ticketRef: 'INC-4411',
    });
  });

  it.each(['', 'alex', 'alex@', 'alex@contoso', 'al ex@contoso.com', '@contoso.com'])(
    'rejects the sign-in name %j',
    (upn) => {
      const result = validateNewCaseForm({ ...base, userUpn: upn });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors.userUpn).toMatch(/sign-in name/);
    },
  );

  it('rejects a device id with characters Exchange never uses', () => {
    const result = validateNewCaseForm({ ...base, deviceId: 'abc;Remove-Mailbox' });
    expect(!result.ok && result.errors.deviceId).toMatch(/letters, digits/);
  });

  it('asks for a tenant when connecting to a real one, and for a scenario in the demo', () => {
    const tenant = validateNewCaseForm({ ...base, connection: 'tenant' });
    expect(!tenant.ok && tenant.errors.tenant).toMatch(/tenant/);
    const demo = validateNewCaseForm({ ...base, scenario: '' });
    expect(!demo.ok && demo.errors.scenario).toMatch(/scenario/);
  });
});
