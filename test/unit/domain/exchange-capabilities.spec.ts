import { describe, expect, it } from 'vitest';
import allowList from '../../../assets/powershell/allowlist.json';
import { judgeConnect, type ConnectFacts } from '../../../src-main/domain/judges/connect';
import {
  CAPABILITIES,
  canDecideDevices,
  canRemoveDevices,
  judgeExchangeCapabilities,
  type RoleEntryFact,
} from '../../../src-main/domain/permissions/exchange-capabilities';
import { REQUIRED_PERMISSIONS } from '../../../src-main/shared/models/auth-setup';

const cmdlets = allowList.cmdlets as Record<string, { kind: string; params: Record<string, unknown> }>;

/** A custom role that grants exactly the allow-list's read and write cmdlets and parameters. */
function allowListRole(drop: { cmdlet: string; parameter?: string }[] = []): RoleEntryFact[] {
  return Object.entries(cmdlets)
    .filter(([, c]) => c.kind === 'read' || c.kind === 'write')
    .filter(([name]) => !drop.some((d) => d.cmdlet === name && d.parameter === undefined))
    .map(([name, c]) => ({
      role: 'ActiveSync Helpdesk (custom)',
      cmdlet: name,
      parameters: Object.keys(c.params).filter((p) => !drop.some((d) => d.cmdlet === name && d.parameter === p)),
    }));
}

const graphScopes = REQUIRED_PERMISSIONS.filter((p) => p.api === 'Microsoft Graph').map((p) => p.name);
const connected = (over: Partial<ConnectFacts>): ConnectFacts => ({
  account: 'helpdesk@contoso.example',
  host: 'PowerShell 7.6.9',
  module: { ok: true, version: '3.9.2' },
  roles: [{ Role: 'ActiveSync Helpdesk (custom)' }],
  grantedGraphScopes: graphScopes,
  ...over,
});

describe('the wizard’s capabilities and the allow-list', () => {
  it('asks only for cmdlets and parameters the host may run', () => {
    for (const capability of CAPABILITIES) {
      const cmdlet = cmdlets[capability.cmdlet];
      expect(cmdlet?.kind, capability.cmdlet).toBe(capability.kind);
      for (const p of capability.parameters) expect(Object.keys(cmdlet!.params), `${capability.cmdlet} -${p}`).toContain(p);
    }
  });
});

describe('judgeExchangeCapabilities', () => {
  it('reads a custom role granting exactly the allow-list as full rights, whatever its name', () => {
    const rights = judgeExchangeCapabilities({ entries: allowListRole() });
    expect(rights.missing).toEqual([]);
    expect(rights.canWrite).toBe(true);
    expect(canDecideDevices(rights)).toBe(true);
  });

  it('names the one missing parameter, as "can’t X — ask for Y"', () => {
    const rights = judgeExchangeCapabilities({ entries: allowListRole([{ cmdlet: 'Set-CASMailbox', parameter: 'ActiveSyncBlockedDeviceIDs' }]) });
    expect(rights.missing.map((m) => m.text)).toEqual(['Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.']);
    expect(rights.canWrite).toBe(false);
    expect(canDecideDevices(rights)).toBe(false);
  });

  it('adds up parameters over several roles, as Exchange RBAC does', () => {
    const entries = allowListRole([{ cmdlet: 'Set-CASMailbox', parameter: 'ActiveSyncEnabled' }]);
    entries.push({ role: 'Other', cmdlet: 'set-casmailbox', parameters: ['activesyncenabled'] });
    expect(judgeExchangeCapabilities({ entries }).missing).toEqual([]);
  });

  it('partnership clean-up (Remove-MobileDevice) is an optional right: its absence is no gap, its presence is known', () => {
    const withCleanup = judgeExchangeCapabilities({ entries: allowListRole() });
    expect(canRemoveDevices(withCleanup)).toBe(true);
    const without = judgeExchangeCapabilities({ entries: allowListRole([{ cmdlet: 'Remove-MobileDevice' }]) });
    expect(canRemoveDevices(without)).toBe(false);
    expect(without.missing).toEqual([]);
    expect(without.canWrite).toBe(true);
    // The app passes -Confirm:$false, so a role entry without Confirm does not do.
    expect(canRemoveDevices(judgeExchangeCapabilities({ entries: allowListRole([{ cmdlet: 'Remove-MobileDevice', parameter: 'Confirm' }]) }))).toBe(false);
    expect(judgeConnect(connected({ roleEntries: allowListRole() })).canRemoveDevices).toBe(true);
    expect(judgeConnect(connected({ roleEntries: allowListRole([{ cmdlet: 'Remove-MobileDevice' }]) })).canRemoveDevices).toBeUndefined();
  });

  it('a role called "Mail Recipients" grants nothing by its name alone', () => {
    const rights = judgeExchangeCapabilities({ entries: [{ role: 'Mail Recipients', cmdlet: 'Get-User', parameters: ['Identity'] }] });
    expect(rights.possible).toEqual([]);
    expect(rights.canWrite).toBe(false);
  });

  it('treats Exchange Administrator held in Entra as full rights, and says so', () => {
    const rights = judgeExchangeCapabilities({ entries: [], entraRoleTemplateIds: ['29232CDF-9323-448F-A48D-B8D3BD9D22A8'] });
    expect(rights).toMatchObject({ missing: [], canWrite: true, basis: 'entra-role', entraRole: 'Exchange Administrator' });
    expect(judgeExchangeCapabilities({ entries: [], entraRoleTemplateIds: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'] }).canWrite).toBe(false);
  });
});

describe('judgeConnect by capability', () => {
  it('full: ok, canAct, nothing missing', () => {
    const judgement = judgeConnect(connected({ roleEntries: allowListRole() }));
    expect(judgement).toMatchObject({ outcome: 'ok', canAct: true, missing: [] });
    expect(judgement.checks.find((c) => c.id === 'exchange-roles')?.label).toBe('You may run every check and fix the wizard offers');
  });

  it('read-only: every fix named, reads intact', () => {
    const readOnly = allowListRole([{ cmdlet: 'Set-CASMailbox' }]);
    const judgement = judgeConnect(connected({ roleEntries: readOnly }));
    expect(judgement.canAct).toBe(false);
    expect(judgement.missing).toEqual([
      'Can’t turn on mailbox logging — ask for Set-CASMailbox -ActiveSyncDebugLogging.',
      'Can’t allow a phone — ask for Set-CASMailbox -ActiveSyncAllowedDeviceIDs.',
      'Can’t block a phone — ask for Set-CASMailbox -ActiveSyncBlockedDeviceIDs.',
      'Can’t turn ActiveSync on for the mailbox — ask for Set-CASMailbox -ActiveSyncEnabled.',
    ]);
    const check = judgement.checks.find((c) => c.id === 'exchange-roles')!;
    expect(check.label).toMatch(/read-only/);
    expect(check.outcome).toBe('warning');
  });

  it('a missing read names the cmdlet without parameters', () => {
    const judgement = judgeConnect(connected({ roleEntries: allowListRole([{ cmdlet: 'Get-ActiveSyncOrganizationSettings' }]) }));
    expect(judgement.canAct).toBe(true);
    expect(judgement.missing).toEqual(['Can’t read the organisation’s default access level — ask for Get-ActiveSyncOrganizationSettings.']);
  });

  it('entries that could not be read leave the wizard read-only and say why', () => {
    const judgement = judgeConnect(connected({ roleEntries: { unavailable: 'The term Get-ManagementRoleEntry is not recognised.' } }));
    expect(judgement.canAct).toBe(false);
    expect(judgement.missing).toEqual(['Exchange: Get-ManagementRoleEntry, to read your own rights']);
    expect(judgement.checks.find((c) => c.id === 'exchange-roles')?.outcome).toBe('unavailable');
  });

  it('a missing Graph permission reads as can’t X — ask for Y', () => {
    const judgement = judgeConnect(connected({ roleEntries: allowListRole(), grantedGraphScopes: graphScopes.filter((s) => s !== 'AuditLog.Read.All') }));
    expect(judgement.missing).toEqual(['Can’t read the user’s sign-ins — ask an Entra administrator to grant AuditLog.Read.All (admin consent).']);
  });
});
