import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUIRED_PERMISSIONS, REQUIRED_ROLES } from '../../../src-main/shared/models/auth-setup';

// The admin guide repeats what the app asks for; these checks keep it in step with the data the
// Settings page and the sign-in code read.
const guide = readFileSync('docs/admin-guide.md', 'utf8');

describe('docs/admin-guide.md', () => {
  it('is linked from the README and the Settings page', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('(docs/admin-guide.md)');
    expect(readFileSync('src-renderer/features/settings/RequirementsSection.tsx', 'utf8')).toContain('docs/admin-guide.md');
  });

  it('names every delegated permission the app requests', () => {
    for (const permission of REQUIRED_PERMISSIONS) expect(guide, permission.name).toContain(`\`${permission.name}\``);
  });

  it('names the narrowest Entra role for each kind of evidence', () => {
    for (const role of REQUIRED_ROLES.filter((r) => r.system === 'Entra ID')) expect(guide, role.forWhat).toContain(role.anyOf[0]!);
  });

  it('points at the role script that exists, and at the allow-list it reads', () => {
    expect(guide).toContain('New-EasHelpdeskRole.ps1');
    expect(existsSync('assets/powershell/admin/New-EasHelpdeskRole.ps1')).toBe(true);
    expect(guide).toContain('allowlist.json');
  });

  it('describes a public client without a secret and a loopback redirect', () => {
    expect(guide).toMatch(/no client secret/i);
    expect(guide).toContain('http://localhost');
    expect(guide).toMatch(/single tenant/i);
  });

  it('names no package registry host', () => {
    expect(guide).not.toMatch(/npmjs|registry\.|nuget\.org|powershellgallery|deb\.debian/i);
  });
});
