import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_START_URL } from '../../../src-main/electron/app-origin';
import { startElectronApp, type ElectronModule } from '../../../src-main/electron/start-electron-app';
import { invokeChannels } from '../../../src-main/shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shared/security/csp';
import { createFakeElectron, type FakeWebContents } from '../../support/fake-electron';

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'eas-out-'));
  await mkdir(path.join(outDir, 'renderer'));
  await writeFile(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>ActiveSync Troubleshooter</title>');
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

async function started(options: { gotLock?: boolean } = {}) {
  const fake = createFakeElectron(options);
  startElectronApp(fake.electron as unknown as ElectronModule, { outDir });
  await fake.becomeReady();
  return fake;
}

describe('startElectronApp with a fake electron', () => {
  it('quits at once when another instance holds the lock', async () => {
    const fake = await started({ gotLock: false });
    expect(fake.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(fake.windows).toHaveLength(0);
  });

  it('registers the app scheme as standard and secure, and enables the sandbox for all renderers', async () => {
    const fake = await started();
    expect(fake.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }),
    ]);
    expect(fake.calls).toContain('enableSandbox');
  });

  it('creates one window with every hardening option and loads the custom protocol, not file://', async () => {
    const fake = await started();
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        preload: path.join(outDir, 'preload', 'preload.cjs'),
      }),
    );
    expect(window.loadedUrl).toBe(APP_START_URL);
    expect(window.loadedUrl?.startsWith('file:')).toBe(false);
  });

  it('denies every permission request and check', async () => {
    const fake = await started();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      fake.permission.request?.({}, permission, (g) => granted.push(g));
      granted.push(fake.permission.check?.({}, permission) ?? true);
    }
    expect(granted.every((g) => g === false)).toBe(true);
    expect(granted).toHaveLength(10);
  });

  it('denies window.open, sending https links to the system browser instead', async () => {
    const fake = await started();
    const contents = fake.windows[0]!.webContents as FakeWebContents;
    expect(contents.windowOpenHandler?.({ url: 'https://learn.microsoft.com/exchange' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://learn.microsoft.com/exchange']);
  });

  it('cancels navigation and redirects away from the app origin, and webview attachment', async () => {
    const fake = await started();
    const contents = fake.windows[0]!.webContents as FakeWebContents;
    const attempt = (event: string, url?: string) => {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(attempt('will-navigate', 'app://renderer/index.html#/summary')).toBe(false);
    expect(attempt('will-attach-webview')).toBe(true);
  });

  it('registers exactly the contract channels and answers only the trusted top frame', async () => {
    const fake = await started();
    expect([...fake.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    const contents = fake.windows[0]!.webContents as FakeWebContents;
    const handler = fake.handlers.get('app:get-info')!;
    const fromApp = await handler({ sender: contents, senderFrame: contents.mainFrame }, {});
    expect(fromApp).toMatchObject({ ok: true, value: { runtime: 'electron', version: '1.0.0-test' } });
    const subFrame = { url: 'app://renderer/index.html', parent: contents.mainFrame };
    expect(await handler({ sender: contents, senderFrame: subFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const foreign = { url: 'https://evil.example/', parent: null };
    expect(await handler({ sender: { id: contents.id, mainFrame: foreign }, senderFrame: foreign }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    const stranger = { id: 99_999, mainFrame: contents.mainFrame };
    expect(await handler({ sender: stranger, senderFrame: contents.mainFrame }, {})).toMatchObject({ ok: false });
    expect(await handler({ sender: contents, senderFrame: null }, {})).toMatchObject({ ok: false });
  });

  it('serves the renderer through the app protocol with the CSP header and refuses other hosts', async () => {
    const fake = await started();
    const handle = fake.protocolHandlers.get('app')!;
    const page = await handle(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('ActiveSync Troubleshooter');
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    const escape = await handle(new Request('app://renderer/../../etc/passwd'));
    expect(await escape.text()).not.toContain('root:');
    expect((await handle(new Request('app://renderer/../../etc/hostname.txt'))).status).toBe(404);
  });

  it('runs the demo shell with utilityProcess.fork(), never as Electron-run-as-Node', async () => {
    const fake = createFakeElectron();
    const builtOut = path.resolve('out');
    startElectronApp(fake.electron as unknown as ElectronModule, { outDir: builtOut });
    await fake.becomeReady();
    const contents = fake.windows[0]!.webContents as FakeWebContents;
    const from = { sender: contents, senderFrame: contents.mainFrame };
    const started = (await fake.handlers.get('case:start')!(from, {
      subject: { userUpn: 'alex.wilber@contoso.com', symptom: '' },
      connection: { kind: 'demo', scenario: 'healthy-iphone' },
    })) as { ok: boolean; value: { caseId: string } };
    expect(started.ok).toBe(true);
    await fake.handlers.get('case:run-step')!(from, { caseId: started.value.caseId, stepId: 'connect' });
    for (let i = 0; i < 500 && fake.forks.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.forks).toHaveLength(1);
    expect(fake.forks[0]!.modulePath).toBe(path.join(builtOut, 'demo-shell', 'demo-shell.cjs'));
    expect(fake.forks[0]!.options.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    fake.appEvents.emit('will-quit');
    await new Promise((r) => setTimeout(r, 200));
  });

  it("opens bundles through main's own file dialog; a cancelled dialog imports nothing", async () => {
    const fake = await started();
    const contents = fake.windows[0]!.webContents as FakeWebContents;
    const from = { sender: contents, senderFrame: contents.mainFrame };
    expect(await fake.handlers.get('cases:import')!(from, { filePath: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await fake.handlers.get('cases:import')!(from, { source: 'dialog' })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(fake.calls).toContain('showOpenDialog:Open a case bundle');
  });
});
