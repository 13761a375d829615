import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options. Every security-relevant webPreference is spelled out rather than
 * left to Electron's defaults, so a default changing under us cannot loosen anything
 * (Electron security checklist #2 nodeIntegration, #3 contextIsolation, #4 sandbox,
 * #6 webSecurity, #9 insecure content, #10 experimental features, #11 blink features,
 * #12 webview).
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'ActiveSync Troubleshooter',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: true,
    },
  };
}
