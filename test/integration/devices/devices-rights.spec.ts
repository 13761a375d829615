import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoShellBundle } from '../../support/demo-shell-bundle';
import { createTestBackend } from '../../support/test-backend';

// The Devices area asks the same capability judge as the wizard: a helpdesk role without
// -ActiveSyncBlockedDeviceIDs may not approve or deny phones, and the refusal names that parameter;
// Exchange Administrator held in Entra only may.
describe('Devices area: who may approve or deny, by capability', () => {
  const backend = createTestBackend();
  const { handlers } = backend;
  beforeAll(async () => {
    await ensureDemoShellBundle();
  }, 120_000);
  afterAll(() => backend.dispose());

  async function firstPhone(scenario: string) {
    await handlers.loadDevices({ connection: { kind: 'demo', scenario } });
    await backend.devices.settled();
    const rows = (await handlers.queryDevices({ view: 'all', descending: false, offset: 0, limit: 10 })).rows;
    expect(rows.length).toBeGreaterThan(0);
    return rows[0]!;
  }

  it('a role without the blocked list: approving is refused and the gap is named', async () => {
    const phone = await firstPhone('operator-role-without-block-list');
    const preview = await handlers.previewDeviceDecision({ keys: [phone.key], decision: 'approve' });
    expect(preview.allowed).toBe(false);
    expect(preview.reason).toContain('Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.');
    expect(preview.reason).not.toContain('allow a phone');
  });

  it('Exchange Administrator through Entra only: approving is offered', async () => {
    const phone = await firstPhone('operator-exchange-admin-via-entra');
    const preview = await handlers.previewDeviceDecision({ keys: [phone.key], decision: 'deny' });
    expect(preview.reason ?? '').not.toMatch(/ask for/);
    expect(preview.allowed).toBe(true);
  });
});
