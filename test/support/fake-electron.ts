import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFakeUtilityProcess } from './fake-utility-process';

/**
 * A recording stand-in for the parts of the `electron` module the app touches. The real binary
 * cannot run on the build machines; this fake lets unit tests assert every option the app sets.
 */
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: 'app://renderer/index.html', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export function createFakeElectron(options: { gotLock?: boolean } = {}) {
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const windows: FakeBrowserWindow[] = [];
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const opened: string[] = [];
  const permission: { request?: (w: unknown, p: string, cb: (g: boolean) => void) => void; check?: (w: unknown, p: string) => boolean } = {};
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const utility = createFakeUtilityProcess();

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => {
        calls.push('requestSingleInstanceLock');
        return options.gotLock ?? true;
      },
      quit: () => calls.push('quit'),
      enableSandbox: () => calls.push('enableSandbox'),
      on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
      whenReady: () => ready,
      getVersion: () => '1.0.0-test',
      getPath: (name: string) => {
        calls.push(`getPath:${name}`);
        return mkdtempSync(path.join(tmpdir(), 'eas-userdata-'));
      },
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, listener),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permission.request) => (permission.request = h),
        setPermissionCheckHandler: (h: typeof permission.check) => (permission.check = h),
      },
    },
    shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
    net: { fetch: (url: string, init?: RequestInit) => fetch(url, init) },
    utilityProcess: utility.utilityProcess,
    dialog: {
      showOpenDialog: async (dialogOptions: { title: string }) => {
        calls.push(`showOpenDialog:${dialogOptions.title}`);
        return { canceled: true, filePaths: [] };
      },
    },
    // Like Linux with only the plaintext backend: the app must then keep sign-in data in memory.
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async () => {
        throw new Error('fake safeStorage: encryption is not available');
      },
      decryptStringAsync: async () => {
        throw new Error('fake safeStorage: encryption is not available');
      },
    },
  };

  return {
    electron,
    calls,
    appEvents,
    windows,
    handlers,
    opened,
    permission,
    privileged,
    protocolHandlers,
    /** Every utilityProcess.fork() call, in order. */
    forks: utility.forks,
    becomeReady: async () => {
      resolveReady();
      await ready;
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
