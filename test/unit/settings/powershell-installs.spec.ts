import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { FilePicker } from '../../../src-main/services/file-picker';
import { createTestBackend } from '../../support/test-backend';

// The renderer never names a program for main to run: settings carry the id of a PowerShell
// install that main discovered (or that the operator picked in main's own file dialog, after
// main ran it with -Version and it said PowerShell 7.x).
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const REAL_PWSH = path.join(homedir(), '.dotnet', 'tools', 'pwsh');

/** A folder with a fake "pwsh" that answers -Version like PowerShell 7.4.1 (a real child process). */
function fakePwshDir(version = 'PowerShell 7.4.1'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eas-pwsh-'));
  const file = path.join(dir, 'pwsh');
  writeFileSync(file, `#!/bin/sh\n[ "$1" = "-Version" ] && echo "${version}" && exit 0\nexit 3\n`);
  chmodSync(file, 0o755);
  return dir;
}

function backend(options: { picker?: FilePicker; pathDirs?: string[] } = {}) {
  const emptyHome = mkdtempSync(path.join(tmpdir(), 'eas-home-'));
  mkdirSync(path.join(emptyHome, '.dotnet'));
  const app = createTestBackend({
    powershellDiscovery: { env: { PATH: (options.pathDirs ?? []).join(':') }, homeDir: emptyHome, platform: 'linux' },
    ...(options.picker ? { filePicker: options.picker } : {}),
  });
  return { app, dispatch: createDispatcher(app.handlers).dispatch };
}

type Install = { id: string; path: string; version: string };
async function installs(dispatch: ReturnType<typeof backend>['dispatch']): Promise<Install[]> {
  const listed = (await dispatch('powershell:list-installs', {})) as { ok: true; value: { installs: Install[] } };
  expect(listed.ok).toBe(true);
  return listed.value.installs;
}

describe('PowerShell installs in settings', () => {
  it('refuses a program path from the renderer: /bin/sh, a UNC path, anything', async () => {
    const { app, dispatch } = backend();
    for (const powershellPath of ['/bin/sh', '\\\\attacker\\share\\pwsh.exe', '/usr/bin/pwsh']) {
      const refused = await dispatch('settings:save', { clientId: CLIENT_ID, tenant: 'contoso.com', powershellPath });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    await expect(readFile(path.join(app.dataDir, 'settings.json'), 'utf8')).rejects.toThrow();
    await app.dispose();
  });

  it('lists the discovered installs by id and version, and saves one by its id', async () => {
    const dir = fakePwshDir();
    const { app, dispatch } = backend({ pathDirs: [dir] });
    const [found, ...rest] = await installs(dispatch);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ path: path.join(dir, 'pwsh'), version: '7.4.1' });
    expect(found!.id).toMatch(/^ps-[0-9a-f]{16}$/);
    expect(found!.id).not.toContain(dir);
    const saved = await dispatch('settings:save', { clientId: CLIENT_ID, tenant: 'contoso.com', powershellInstallId: found!.id });
    expect(saved).toMatchObject({ ok: true, value: { settings: { powershellInstallId: found!.id } } });
    const file = JSON.parse(await readFile(path.join(app.dataDir, 'settings.json'), 'utf8'));
    expect(file.settings.powershellPath).toBe(path.join(dir, 'pwsh'));
    await app.dispose();
  });

  it('refuses an id main does not know', async () => {
    const { app, dispatch } = backend({ pathDirs: [fakePwshDir()] });
    const refused = await dispatch('settings:save', { clientId: CLIENT_ID, tenant: 'contoso.com', powershellInstallId: 'ps-0123456789abcdef' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/PowerShell/) } });
    await app.dispose();
  });

  it('does not list a "pwsh" on PATH that is not PowerShell 7.x', async () => {
    const { app, dispatch } = backend({ pathDirs: [fakePwshDir('Python 3.12'), fakePwshDir('PowerShell 6.2.0')] });
    expect(await installs(dispatch)).toEqual([]);
    await app.dispose();
  });

  it("takes another install from main's own file dialog only after running it with -Version", async () => {
    const chosen: Array<string | null> = ['/bin/sh', path.join(fakePwshDir('PowerShell 7.5.0'), 'pwsh'), null];
    const asked: string[] = [];
    const picker: FilePicker = {
      pickFile: async (purpose) => {
        asked.push(purpose);
        return chosen.shift() ?? null;
      },
    };
    const { app, dispatch } = backend({ picker });
    expect(await dispatch('powershell:choose-install', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/not PowerShell 7/) },
    });
    const accepted = (await dispatch('powershell:choose-install', {})) as { ok: true; value: { install: Install | null } };
    expect(accepted).toMatchObject({ ok: true, value: { install: { version: '7.5.0' } } });
    expect((await installs(dispatch)).map((i) => i.id)).toContain(accepted.value.install!.id);
    expect(await dispatch('powershell:choose-install', {})).toEqual({ ok: true, value: { install: null } });
    expect(asked).toEqual(['powershell', 'powershell', 'powershell']);
    // The choice survives a save: the id resolves to the chosen path in main.
    const saved = await dispatch('settings:save', { clientId: CLIENT_ID, tenant: 'contoso.com', powershellInstallId: accepted.value.install!.id });
    expect(saved).toMatchObject({ ok: true });
    await app.dispose();
  });

  it('says plainly that the browser version has no file dialog', async () => {
    const { app, dispatch } = backend();
    expect(await dispatch('powershell:choose-install', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/desktop app/) },
    });
    await app.dispose();
  });

  it('does not run a path an older version let the renderer save: it is dropped, with a notice', async () => {
    const { app, dispatch } = backend();
    const notices: unknown[] = [];
    app.events.attach((channel, payload) => notices.push([channel, payload]));
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(app.dataDir, { recursive: true });
    await writeFile(
      path.join(app.dataDir, 'settings.json'),
      JSON.stringify({ version: 1, settings: { clientId: CLIENT_ID, tenant: 'contoso.com', requestDirectoryReadAll: false, powershellPath: '/bin/sh' } }),
    );
    const view = (await dispatch('settings:get', {})) as { ok: true; value: { settings: Record<string, unknown> } };
    expect(view.value.settings).toMatchObject({ clientId: CLIENT_ID });
    expect(view.value.settings).not.toHaveProperty('powershellPath');
    expect(JSON.stringify(notices)).toMatch(/choose PowerShell again/i);
    await app.dispose();
  });

  it.runIf(process.platform !== 'win32')('accepts the real PowerShell 7 of this machine', async () => {
    const { app, dispatch } = backend({ pathDirs: [path.dirname(REAL_PWSH)] });
    const [real] = await installs(dispatch);
    expect(real).toMatchObject({ path: REAL_PWSH, version: expect.stringMatching(/^7\./) });
    await app.dispose();
  });
});
