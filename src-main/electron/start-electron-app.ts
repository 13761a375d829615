import path from 'node:path';
import type * as Electron from 'electron';
import { createDispatcher } from '../ipc/dispatcher';
import { createAppBackend } from '../services/app-backend';
import { resolveAppPaths } from '../services/app-paths';
import { resolveHostScriptDir } from '../services/settings/host-script-dir';
import { createBrowserOpener } from './adapters/browser-opener';
import { createNetFetch } from './adapters/net-fetch-adapter';
import { createSafeStorageAdapter } from './adapters/safe-storage-adapter';
import { createElectronPdfPrinter } from './adapters/pdf-printer';
import { createEvidenceFileDialog } from './adapters/evidence-file-dialog';
import { createFileDialogPicker } from './adapters/file-dialog-picker';
import { createUtilityProcessLauncher } from './adapters/utility-process-launcher';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_START_URL } from './app-origin';
import { registerIpc, SenderPolicy, type IpcMainLike } from './register-ipc';
import { createRendererProtocolHandler } from './renderer-protocol';
import { denyAllPermissions, guardWebContents, type GuardedWebContents } from './web-contents-guard';

/** The parts of the `electron` module the app uses, injected so tests can pass a fake. */
export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'shell' | 'net' | 'safeStorage' | 'utilityProcess' | 'dialog'
>;

export interface ElectronAppPaths {
  /** Folder holding the built `main/`, `preload/` and `renderer/` outputs. */
  outDir: string;
}

/**
 * Wires Electron's objects to the plain-Node backend. Everything security-relevant happens here
 * in a fixed order: single-instance lock, privileged scheme before ready, sandbox for all
 * renderers, web-contents guards, permission denial, then the window.
 */
export function startElectronApp(electron: ElectronModule, paths: ElectronAppPaths): void {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, net, safeStorage, utilityProcess, dialog } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.enableSandbox();
  const policy = new SenderPolicy();
  let mainWindow: Electron.BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents as unknown as GuardedWebContents, (url) => void shell.openExternal(url));
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createRendererProtocolHandler(path.join(paths.outDir, 'renderer')));
    denyAllPermissions(session.defaultSession);

    const appPaths = resolveAppPaths({ outDir: paths.outDir, resourcesDir: process.resourcesPath, dataDir: app.getPath('userData') });
    const backend = createAppBackend({
      runtime: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      paths: appPaths,
      // The simulated shell runs in a utility process, so the demo needs no PowerShell and the
      // runAsNode fuse stays off.
      // PowerShell installs and bundles are chosen in main's own dialog, never typed in the renderer.
      filePicker: createFileDialogPicker(dialog),
      demoShellLauncher: createUtilityProcessLauncher(utilityProcess, { allowedScript: appPaths.demoShellPath }),
      pdfPrinter: createElectronPdfPrinter(BrowserWindow),
      // Evidence files are chosen in the native dialog here, in main: the renderer never sends a path.
      evidencePicker: createEvidenceFileDialog(dialog, () => mainWindow),
      // Real tenants: sign-in and Graph through Chromium's network stack (system proxy), the
      // sign-in page in the default browser, and the token cache encrypted by safeStorage.
      tenant: {
        ports: {
          fetch: createNetFetch(net),
          openBrowser: createBrowserOpener(shell),
          secureStorage: createSafeStorageAdapter(safeStorage),
          hostScriptDir: resolveHostScriptDir({ outDir: paths.outDir, resourcesDir: process.resourcesPath }),
        },
      },
    });
    app.on('will-quit', () => void backend.dispose());
    registerIpc(ipcMain as unknown as IpcMainLike, createDispatcher(backend.handlers), policy);

    // Every security-relevant webPreference is spelled out rather than left to defaults, so a
    // changed default cannot loosen anything (Electron security checklist #2–#4, #6, #9–#12), and
    // kept literal here so static scanners (electronegativity) can read it.
    const window = new BrowserWindow({
      width: 1280,
      height: 860,
      minWidth: 900,
      minHeight: 640,
      show: false,
      title: 'ActiveSync Troubleshooter',
      webPreferences: {
        preload: path.join(paths.outDir, 'preload', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        disableBlinkFeatures: 'Auxclick',
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        safeDialogs: true,
      },
    });
    mainWindow = window;
    const contents = window.webContents;
    const id = contents.id;
    policy.trust(id);
    const detach = backend.events.attach((channel, payload) => {
      if (!contents.isDestroyed()) contents.send(channel, payload);
    });
    contents.once('destroyed', () => {
      policy.forget(id);
      detach();
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      mainWindow = null;
    });
    void window.loadURL(APP_START_URL);
  });
}
