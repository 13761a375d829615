import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

  it('keeps the RBAC readings Microsoft does not document marked unverified, and cites the one it does', () => {
    for (const reading of [/Common parameters[^.]*\(unverified\)/s, /-ActiveSyncDebugLogging`[^.]*not documented by Microsoft\s*\(unverified\)/s, /Exchange Administrator may show no assignment at all is not\s+documented by Microsoft and is marked unverified/s])
      expect(guide).toMatch(reading);
    expect(guide).toMatch(/reference\s+for `Get-ManagementRoleAssignment` says/);
  });

  it('shows the screenshots the e2e walk writes (test/e2e/admin-guide-walk.spec.ts)', () => {
    const walk = readFileSync('test/e2e/admin-guide-walk.spec.ts', 'utf8');
    const written = [...walk.matchAll(/writeGuideImage\(\s*'([^']+\.png)'/g)].map((m) => m[1]!);
    expect(written.sort()).toEqual(['settings-page.png', 'test-connection.png']);
    for (const name of written) expect(guide).toContain(`](images/${name})`);
  });
});

/** `![alt](target)` and `<img src="target">` in a Markdown file, local targets only. */
function imageTargets(markdown: string): string[] {
  const targets = [
    ...[...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]!),
  ];
  return targets.filter((t) => !/^[a-z]+:/i.test(t));
}

describe('images in the docs', () => {
  const docs = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];

  it('finds image references the way Markdown writes them', () => {
    expect(imageTargets('a ![x](images/a.png) b <img alt="y" src="images/b.png"> ![z](https://example.invalid/c.png)')).toEqual(['images/a.png', 'images/b.png']);
  });

  it('every image a doc references exists', () => {
    const missing = docs.flatMap((doc) =>
      imageTargets(readFileSync(doc, 'utf8'))
        .map((target) => path.join(path.dirname(doc), decodeURI(target.split('#')[0]!)))
        .filter((file) => !existsSync(file))
        .map((file) => `${doc} → ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('every image in docs/images is shown by some doc', () => {
    const shown = new Set(docs.flatMap((doc) => imageTargets(readFileSync(doc, 'utf8')).map((t) => path.join(path.dirname(doc), t))));
    const orphans = readdirSync('docs/images').map((f) => path.join('docs/images', f)).filter((f) => !shown.has(f));
    expect(orphans).toEqual([]);
  });
});
