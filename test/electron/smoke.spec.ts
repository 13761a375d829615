import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/lib/tools.mjs';

// Runs the packaged-style app in a real Electron where a binary exists. The build machines
// cannot download Electron, so there this reports "skipped" with the reason.
const binary = findElectronBinary();

test('the Electron app opens its hardened window and shows the wizard', async () => {
  test.skip(binary === null, 'Electron binary not available on this machine');
  const app = await electron.launch({ executablePath: binary!, args: ['.'] });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(window).toHaveTitle('ActiveSync Troubleshooter');
    expect(window.url()).toBe('app://renderer/index.html');
    const exposed = await window.evaluate(() => ({
      api: typeof (window as unknown as { easApi?: unknown }).easApi,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
  } finally {
    await app.close();
  }
});
