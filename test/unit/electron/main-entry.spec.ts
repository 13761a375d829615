import { describe, expect, it, vi } from 'vitest';
import type { createFakeElectron } from '../../support/fake-electron';

// The real entry (src-main/electron/main.ts) imports `electron` at run time; here the module
// itself is replaced by the fake, proving the entry hands Electron to the hardened start-up.
const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron: make } = await import('../../support/fake-electron');
  fake.current = make();
  return fake.current.electron;
});

describe('electron main entry', () => {
  it('starts the app through startElectronApp with the real module shape', async () => {
    await import('../../../src-main/electron/main');
    const electron = fake.current!;
    expect(electron.calls.slice(0, 2)).toEqual(['requestSingleInstanceLock', 'enableSandbox']);
    await electron.becomeReady();
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]!.loadedUrl).toBe('app://renderer/index.html');
  });
});
