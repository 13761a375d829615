import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../ipc/dispatcher';
import { createAppBackend } from '../services/app-backend';
import { resolveAppPaths } from '../services/app-paths';
import { resolveHostScriptDir } from '../services/settings/host-script-dir';
import { createMemoryOnlyStorage } from '../services/settings/memory-only-storage';
import { startBrowserHost } from './browser-host';
import { openInBrowser } from './open-in-browser';
import { loopbackTenantWiring, parseTestLoopbackTenant, TEST_LOOPBACK_TENANT_ENV } from './test-loopback-tenant';

declare const __APP_VERSION__: string;

// Entry of the loopback browser host: the app's UI in any browser when Electron is not there.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      open: { type: 'boolean', default: true },
      'no-open': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'demo-latency': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Invalid --port: ${values.port}\n`);
    process.exit(2);
  }
  const latency = values['demo-latency'];
  if (latency !== undefined && !['instant', 'demo', 'realistic'].includes(latency)) {
    process.stderr.write(`Invalid --demo-latency: ${latency} (instant, demo or realistic)\n`);
    process.exit(2);
  }
  const outDir = path.join(__dirname, '..');
  // Tests only (see test-loopback-tenant.ts): sign-in and Graph go to loopback fakes, and pwsh
  // loads the stub Exchange module. A bad value stops the host rather than reaching Microsoft.
  const testRaw = process.env[TEST_LOOPBACK_TENANT_ENV];
  const testTenant = testRaw === undefined ? null : loopbackTenantWiring(parseTestLoopbackTenant(testRaw));
  if (testTenant !== null) {
    process.stderr.write(`TEST MODE (${TEST_LOOPBACK_TENANT_ENV}): sign-in and Microsoft Graph go to local fakes on 127.0.0.1.\n`);
  }
  const printSignInPage = (url: string) =>
    process.stdout.write(values.json ? `${JSON.stringify({ signInUrl: url })}\n` : `Sign in to your tenant in the browser:\n  ${url}\n`);
  const backend = createAppBackend({
    runtime: 'browser-host',
    version: __APP_VERSION__,
    platform: process.platform,
    paths: resolveAppPaths({ outDir, ...(values['data-dir'] ? { dataDir: path.resolve(values['data-dir']) } : {}) }),
    ...(latency ? { demoLatency: latency as 'instant' | 'demo' | 'realistic' } : {}),
    // Plain Node has no protected storage, so the token cache stays in memory (the settings
    // screen says so); the sign-in page is printed as well as opened, for headless machines.
    tenant: {
      ports: {
        fetch: testTenant?.fetch ?? ((url, init) => fetch(url, init)),
        openBrowser: async (url) => {
          if (new URL(url).protocol !== 'https:') throw new Error('Only https sign-in pages can be opened in the browser.');
          if (testTenant !== null) {
            // The test plays the operator's browser: it reads the printed page and opens it.
            if (!testTenant.isSignInPage(url)) throw new Error('Test mode opens only the fake Entra sign-in page.');
            printSignInPage(url);
            return;
          }
          printSignInPage(url);
          openInBrowser(url);
        },
        secureStorage: createMemoryOnlyStorage(),
        hostScriptDir: resolveHostScriptDir({ outDir }),
      },
      ...(testTenant !== null ? { endpoints: testTenant.endpoints, shellEnv: testTenant.shellEnv } : {}),
    },
  });
  const host = await startBrowserHost({
    rendererDir: path.join(__dirname, '..', 'renderer'),
    dispatcher: createDispatcher(backend.handlers, {
      onInternalError: (channel, error) => console.error(`[ipc] ${channel}:`, error),
    }),
    events: backend.events,
    uploads: backend.uploads,
    port,
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port })}\n`);
  } else {
    process.stdout.write(
      `ActiveSync Troubleshooter is running at:\n  ${host.url}\nThe link works once; press Enter for a new one. Press Ctrl+C to stop.\n`,
    );
  }
  if (values.open && !values['no-open'] && !process.env.CI) openInBrowser(host.url);
  // The printed link works once. Each line on stdin (Enter in a terminal) prints a fresh one,
  // for a second browser or after the first link was used.
  createInterface({ input: process.stdin }).on('line', () => {
    const url = host.newLaunchUrl();
    process.stdout.write(values.json ? `${JSON.stringify({ url, port: host.port })}\n` : `New one-time link:\n  ${url}\n`);
  });

  const stop = () => {
    void Promise.allSettled([host.close(), backend.dispose()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The browser host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
