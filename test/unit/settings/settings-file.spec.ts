import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsFile } from '../../../src-main/services/settings/settings-file';

const SETTINGS = {
  clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  tenant: 'contoso.onmicrosoft.com',
  requestDirectoryReadAll: true,
  redirectPort: 8400,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'eas-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the settings file', () => {
  it('is missing before the first save, and reads back exactly what was saved', async () => {
    const file = new SettingsFile(path.join(dir, 'nested'));
    expect(await file.read()).toEqual({ state: 'missing' });
    await file.write(SETTINGS);
    expect(await new SettingsFile(path.join(dir, 'nested')).read()).toEqual({
      state: 'ok',
      settings: SETTINGS,
    });
    expect(JSON.parse(await readFile(file.filePath, 'utf8'))).toEqual({ version: 1, settings: SETTINGS });
  });

  it('replaces the file whole, leaving no temporary files behind, across many saves', async () => {
    const file = new SettingsFile(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => file.write({ ...SETTINGS, redirectPort: 9000 + i })),
    );
    expect(await readdir(dir)).toEqual(['settings.json']);
    const read = await file.read();
    expect(read.state === 'ok' && read.settings.redirectPort! >= 9000).toBe(true);
  });

  it('ignores a leftover temporary file from a save cut short by a crash', async () => {
    const file = new SettingsFile(dir);
    await file.write(SETTINGS);
    await writeFile(`${file.filePath}.abc123.partial`, '{"version":1,"settings":{"clien');
    expect(await file.read()).toEqual({ state: 'ok', settings: SETTINGS });
  });

  it('reports a damaged or foreign file as unreadable instead of guessing', async () => {
    const file = new SettingsFile(dir);
    await writeFile(file.filePath, '{ not json');
    expect(await file.read()).toMatchObject({ state: 'unreadable', reason: expect.stringMatching(/JSON/) });
    await writeFile(
      file.filePath,
      JSON.stringify({ version: 1, settings: { ...SETTINGS, accessToken: 'eyJ0' } }),
    );
    expect(await file.read()).toMatchObject({ state: 'unreadable' });
  });

  it('refuses to write anything but checked settings', async () => {
    const file = new SettingsFile(dir);
    await expect(file.write({ ...SETTINGS, refreshToken: 'x' } as never)).rejects.toThrow();
    await expect(file.write({ ...SETTINGS, clientId: 'not-a-guid' })).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
