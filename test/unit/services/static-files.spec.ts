import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../../src-main/services/static-files';

let base: string;
let root: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'eas-static-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), 'index');
  await writeFile(path.join(root, 'assets', 'app.js'), 'js');
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('resolveStaticFile', () => {
  it('maps files inside the root with their content type', async () => {
    expect(await resolveStaticFile(root, '/assets/app.js')).toEqual({
      filePath: path.join(root, 'assets', 'app.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('falls back to index.html for paths without an extension', async () => {
    expect((await resolveStaticFile(root, '/'))?.filePath).toBe(path.join(root, 'index.html'));
    expect((await resolveStaticFile(root, '/cases/42'))?.filePath).toBe(path.join(root, 'index.html'));
  });

  it('refuses traversal, encoded separators, NUL bytes, sibling prefixes and bad encodings', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/index.html%00.js', '/../renderer-evil/x.js', '/%E0%A4%A']) {
      expect(await resolveStaticFile(root, p), p).toBeNull();
    }
  });

  it('returns null for a missing file with an extension', async () => {
    expect(await resolveStaticFile(root, '/assets/missing.js')).toBeNull();
  });

  it('does not follow a link that leads out of the folder', async () => {
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    expect(await resolveStaticFile(root, '/assets/link.txt')).toBeNull();
  });
});
